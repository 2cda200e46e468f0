package io.servicegrade.rubric;

import io.servicegrade.platform.versioning.DocumentVersions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rubric versions in PostgreSQL: appended, never changed. */
@ApplicationScoped
public class RubricRepository extends DocumentVersions {

    private static final String VERSIONS = """
            SELECT rubric_key, version, created_at FROM rubric_version
            WHERE rubric_key = ANY($1) ORDER BY rubric_key, version
            """;

    public RubricRepository() {
        super("rubric_version", "rubric_key");
    }

    /** Every key asked for, with its versions and when each was stored (none for a key never stored). */
    Uni<Map<String, RubricVersions>> versions(Collection<String> keys) {
        return pool.preparedQuery(VERSIONS).execute(Tuple.of(keys.toArray(String[]::new))).map(rows -> {
            Map<String, List<RubricVersions.Since>> found = new HashMap<>();
            rows.forEach(row -> found.computeIfAbsent(row.getString("rubric_key"), k -> new ArrayList<>())
                    .add(new RubricVersions.Since(row.getInteger("version"), row.getOffsetDateTime("created_at"))));
            Map<String, RubricVersions> versions = new HashMap<>();
            keys.forEach(key -> versions.put(key, new RubricVersions(key, found.getOrDefault(key, List.of()))));
            return versions;
        });
    }
}
