package io.servicegrade.rubric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Rubric versions in PostgreSQL: appended, never changed. */
@ApplicationScoped
public class RubricRepository {

    private static final String COLUMNS = "rubric_key, version, content::text AS content, content_hash, origin, created_at";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    /** A version as stored: its canonical document still to be read. */
    record Stored(String key, int version, JsonNode content, String contentHash, String origin,
            java.time.OffsetDateTime createdAt) {
    }

    /** What storing did: the version that holds the content, and whether it was made now. */
    record Outcome(Stored version, boolean created) {
    }

    public Uni<Stored> latest(String key) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM rubric_version WHERE rubric_key = $1"
                + " ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
    }

    public Uni<Stored> version(String key, int version) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM rubric_version WHERE rubric_key = $1 AND version = $2")
                .execute(Tuple.of(key, version))
                .map(rows -> rows.size() == 0 ? null : stored(rows.iterator().next()));
    }

    /** The latest version of every rubric, by key. */
    public Uni<List<Stored>> latestOfEach() {
        return pool.query("SELECT DISTINCT ON (rubric_key) " + COLUMNS + " FROM rubric_version"
                + " ORDER BY rubric_key, version DESC")
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
    Uni<Outcome> append(String key, JsonNode content, String hash, String origin, boolean onlyOverPresets) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtext('rubric:' || $1))").execute(Tuple.of(key))
                .flatMap(locked -> connection.preparedQuery("SELECT " + COLUMNS + ", EXISTS (SELECT 1 FROM"
                        + " rubric_version o WHERE o.rubric_key = $1 AND o.content_hash = $2) AS known"
                        + " FROM rubric_version WHERE rubric_key = $1 ORDER BY version DESC LIMIT 1")
                        .execute(Tuple.of(key, hash)))
                .flatMap(rows -> {
                    Stored latest = rows.size() == 0 ? null : stored(rows.iterator().next());
                    boolean known = rows.size() > 0 && rows.iterator().next().getBoolean("known");
                    if (latest != null && (latest.contentHash().equals(hash)
                            || onlyOverPresets && (known || !"preset".equals(latest.origin())))) {
                        return Uni.createFrom().item(new Outcome(latest, false));
                    }
                    int next = latest == null ? 1 : latest.version() + 1;
                    return connection.preparedQuery("INSERT INTO rubric_version (rubric_key, version, content,"
                            + " content_hash, origin) VALUES ($1, $2, $3::text::jsonb, $4, $5) RETURNING " + COLUMNS)
                            .execute(Tuple.of(key, next, encode(content), hash, origin))
                            .map(inserted -> new Outcome(stored(inserted.iterator().next()), true));
                }));
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
            return new Stored(row.getString("rubric_key"), row.getInteger("version"), content,
                    row.getString("content_hash"), row.getString("origin"), row.getOffsetDateTime("created_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored rubric content is not JSON", e);
        }
    }
}
