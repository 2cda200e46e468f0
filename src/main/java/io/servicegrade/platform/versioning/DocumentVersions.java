package io.servicegrade.platform.versioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/**
 * Versioned documents in PostgreSQL (rubrics, schemes): appended, never changed. A table has the columns
 * {@code <key column>, version, content (jsonb), content_hash, origin, created_at}.
 */
public abstract class DocumentVersions {

    private final String table;
    private final String keyColumn;
    private final String columns;

    protected DocumentVersions(String table, String keyColumn) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.columns = keyColumn + " AS doc_key, version, content::text AS content, content_hash, origin, created_at";
    }

    @Inject
    protected Pool pool;

    @Inject
    protected io.servicegrade.platform.database.Transactions transactions;

    @Inject
    protected ObjectMapper json;

    /** A version as stored: its canonical document still to be read. */
    public record Stored(String key, int version, JsonNode content, String contentHash, String origin,
            java.time.OffsetDateTime createdAt) {
    }

    /** What storing did: the version that holds the content, and whether it was made now. */
    public record Outcome(Stored version, boolean created) {
    }

    public Uni<Stored> latest(String key) {
        return latest(pool, key);
    }

    /** The latest version of a document as {@code client} sees it; null when there is none. */
    public Uni<Stored> latest(io.vertx.mutiny.sqlclient.SqlClient client, String key) {
        return client.preparedQuery("SELECT " + columns + " FROM " + table + " WHERE " + keyColumn + " = $1"
                + " ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
    }

    public Uni<Stored> version(String key, int version) {
        return pool.preparedQuery("SELECT " + columns + " FROM " + table + " WHERE " + keyColumn + " = $1"
                + " AND version = $2")
                .execute(Tuple.of(key, version))
                .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
    }

    /** Every version of a document, oldest first; empty when there is none. */
    public Uni<List<Stored>> all(String key) {
        return all(pool, key);
    }

    /** Every version of a document as {@code client} sees it (inside a transaction: its connection). */
    public Uni<List<Stored>> all(io.vertx.mutiny.sqlclient.SqlClient client, String key) {
        return client.preparedQuery("SELECT " + columns + " FROM " + table + " WHERE " + keyColumn + " = $1"
                + " ORDER BY version")
                .execute(Tuple.of(key))
                .map(rows -> {
                    List<Stored> list = new ArrayList<>();
                    rows.forEach(row -> list.add(stored(row)));
                    return list;
                });
    }

    /** Every version of each of the documents {@code keys}, oldest first, by key; one query however many. */
    public Uni<java.util.Map<String, List<Stored>>> all(java.util.Collection<String> keys) {
        return all(pool, keys);
    }

    /** {@link #all(java.util.Collection)} as {@code client} sees them (inside a transaction: its connection). */
    public Uni<java.util.Map<String, List<Stored>>> all(io.vertx.mutiny.sqlclient.SqlClient client,
            java.util.Collection<String> keys) {
        return client.preparedQuery("SELECT " + columns + " FROM " + table + " WHERE " + keyColumn + " = ANY($1)"
                + " ORDER BY " + keyColumn + ", version")
                .execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    java.util.Map<String, List<Stored>> all = new java.util.TreeMap<>();
                    rows.forEach(row -> {
                        Stored stored = stored(row);
                        all.computeIfAbsent(stored.key(), k -> new ArrayList<>()).add(stored);
                    });
                    return all;
                });
    }

    /** The number of the latest version of every document, by key. */
    public Uni<java.util.Map<String, Integer>> latestNumbers() {
        return latestNumbers(pool);
    }

    /** The number of the latest version of every document, by key, as {@code client} sees them. */
    public Uni<java.util.Map<String, Integer>> latestNumbers(io.vertx.mutiny.sqlclient.SqlClient client) {
        return client.query("SELECT " + keyColumn + ", max(version) FROM " + table + " GROUP BY " + keyColumn)
                .execute()
                .map(rows -> {
                    java.util.Map<String, Integer> numbers = new java.util.TreeMap<>();
                    rows.forEach(row -> numbers.put(row.getString(0), row.getInteger(1)));
                    return numbers;
                });
    }

    /** The latest version of every document, by key. */
    public Uni<List<Stored>> latestOfEach() {
        return pool.query("SELECT DISTINCT ON (" + keyColumn + ") " + columns + " FROM " + table
                + " ORDER BY " + keyColumn + ", version DESC")
                .execute()
                .map(rows -> {
                    List<Stored> list = new ArrayList<>();
                    rows.forEach(row -> list.add(stored(row)));
                    return list;
                });
    }

    /**
     * Stores {@code content} as the next version of {@code key}, unless the latest version already has it.
     * With {@code onlyOverPresets}, a key whose latest version came through the API is left alone, and so is
     * content that any version already has.
     */
    public Uni<Outcome> append(String key, JsonNode content, String hash, String origin, boolean onlyOverPresets) {
        return transactions.write(connection -> append(connection, key, content, hash, origin, onlyOverPresets));
    }

    /** {@link #append(String, JsonNode, String, String, boolean)} within the caller's transaction. */
    public Uni<Outcome> append(io.vertx.mutiny.sqlclient.SqlConnection connection, String key, JsonNode content,
            String hash, String origin, boolean onlyOverPresets) {
        return lock(connection, key)
                .flatMap(locked -> connection.preparedQuery("SELECT " + columns + ", EXISTS (SELECT 1 FROM "
                        + table + " o WHERE o." + keyColumn + " = $1 AND o.content_hash = $2) AS known"
                        + " FROM " + table + " WHERE " + keyColumn + " = $1 ORDER BY version DESC LIMIT 1")
                        .execute(Tuple.of(key, hash)))
                .flatMap(rows -> {
                    Stored latest = rows.size() == 0 ? null : stored(rows.iterator().next());
                    boolean known = rows.size() > 0 && rows.iterator().next().getBoolean("known");
                    if (latest != null && (latest.contentHash().equals(hash)
                            || onlyOverPresets && (known || !"preset".equals(latest.origin())))) {
                        return Uni.createFrom().item(new Outcome(latest, false));
                    }
                    int next = latest == null ? 1 : latest.version() + 1;
                    return connection.preparedQuery("INSERT INTO " + table + " (" + keyColumn + ", version, content,"
                            + " content_hash, origin) VALUES ($1, $2, $3::text::jsonb, $4, $5) RETURNING " + columns)
                            .execute(Tuple.of(key, next, encode(content), hash, origin))
                            .map(inserted -> new Outcome(stored(inserted.iterator().next()), true));
                });
    }

    /**
     * Takes, until the caller's transaction ends, the lock that every append of {@code key} takes: no new version
     * of it lands before the transaction ends.
     */
    public Uni<Void> lock(io.vertx.mutiny.sqlclient.SqlConnection connection, String key) {
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($2 || ':' || $1))")
                .execute(Tuple.of(key, table)).replaceWithVoid();
    }

    private String encode(JsonNode content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Stored stored(Row row) {
        try {
            JsonNode content = json.readTree(row.getString("content"));
            return new Stored(row.getString("doc_key"), row.getInteger("version"), content,
                    row.getString("content_hash"), row.getString("origin"), row.getOffsetDateTime("created_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored content of " + table + " is not JSON", e);
        }
    }
}
