package io.servicegrade.agency;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.ApiKeyService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Agencies and their keys: created with a first key, rotated (a new key, the old ones revoked), retired. */
@ApplicationScoped
public class AgencyService {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String COLUMNS = "id, code, name, sources, active, created_at";

    @Inject
    Pool pool;

    @Inject
    ApiKeyService keys;

    @Inject
    ServiceGradeConfig config;

    /** An agency with a key just issued for it; the secret travels only in this. */
    public record WithKey(Agency agency, ApiKeyService.IssuedKey key) {
    }

    public Uni<WithKey> create(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!List.of("code", "name", "sources").contains(name)) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        String code = text(body, "code", problems);
        if (code != null && !CODE.matcher(code).matches()) {
            problems.add(Violation.at("/code", m -> m.unitCodeFormat()));
        }
        String name = text(body, "name", problems);
        if (name != null && name.length() > 200) {
            problems.add(Violation.at("/name", m -> m.tooLong(200)));
        }
        List<String> sources = sources(body.get("sources"), problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return pool.preparedQuery("INSERT INTO agency (code, name, sources) VALUES ($1, $2, $3)"
                + " ON CONFLICT (code) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(code, name, sources == null ? null : sources.toArray(String[]::new)))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(new ProblemException(409, "agency-exists",
                                ProblemMessages::conflictTitle, m -> m.agencyExists(code)));
                    }
                    Agency agency = agency(rows.iterator().next());
                    return keys.create("agency " + code, agency.id()).map(key -> new WithKey(agency, key));
                });
    }

    public Uni<List<Agency>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM agency ORDER BY code").execute().map(rows -> {
            List<Agency> list = new ArrayList<>();
            rows.forEach(row -> list.add(agency(row)));
            return list;
        });
    }

    public Uni<Agency> get(String code) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM agency WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound(m -> m.agencyNotFound(code));
                    }
                    return agency(rows.iterator().next());
                });
    }

    /** Changes name, sources (null: any) or active; absent fields stay. */
    public Uni<Agency> patch(String code, JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.wrongType("object"))));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!List.of("name", "sources", "active").contains(name)) {
                problems.add(Violation.at("/" + Violation.escape(name), m -> m.unknownField()));
            }
        });
        String name = body.has("name") ? text(body, "name", problems) : null;
        List<String> sources = sources(body.get("sources"), problems);
        JsonNode active = body.get("active");
        if (active != null && !active.isBoolean()) {
            problems.add(Violation.at("/active", m -> m.booleanValue()));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return get(code).flatMap(current -> pool.preparedQuery("UPDATE agency SET name = $2, sources = $3,"
                + " active = $4 WHERE code = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(code, name != null ? name : current.name(),
                        body.has("sources") ? (sources == null ? null : sources.toArray(String[]::new))
                                : (current.sources() == null ? null : current.sources().toArray(String[]::new)),
                        active != null ? active.booleanValue() : current.active()))
                .map(rows -> agency(rows.iterator().next())));
    }

    /** Issues a new key for the agency and revokes its previous ones. */
    public Uni<WithKey> rotate(String code) {
        return get(code).flatMap(agency -> keys.create("agency " + code, agency.id())
                .flatMap(key -> pool.preparedQuery("UPDATE api_key SET revoked_at = now()"
                        + " WHERE agency_id = $1 AND id <> $2 AND revoked_at IS NULL")
                        .execute(Tuple.of(agency.id(), key.key().id))
                        .map(done -> new WithKey(agency, key))));
    }

    private static String text(JsonNode body, String field, List<Violation> problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull() || !node.isTextual() || node.asText().isBlank()) {
            problems.add(Violation.at("/" + field, node == null || node.isNull() ? m -> m.required()
                    : m -> m.wrongType("string")));
            return null;
        }
        return node.asText().trim();
    }

    private List<String> sources(JsonNode node, List<Violation> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(Violation.at("/sources", m -> m.wrongType("array")));
            return null;
        }
        List<String> known = config.evaluations().sources();
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String source = node.get(i).asText();
            if (!known.contains(source)) {
                String all = String.join(", ", known);
                problems.add(Violation.at("/sources/" + i, m -> m.unknownSource(source, all)));
            }
            sources.add(source);
        }
        return sources;
    }

    private static Agency agency(Row row) {
        String[] sources = row.getArrayOfStrings("sources");
        return new Agency(row.getLong("id"), row.getString("code"), row.getString("name"),
                sources == null ? null : Arrays.asList(sources), row.getBoolean("active"),
                row.getOffsetDateTime("created_at"));
    }
}
