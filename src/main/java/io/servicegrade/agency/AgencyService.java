package io.servicegrade.agency;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.UniqueViolation;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.ApiKeyService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Agencies and their keys: created with a first key, rotated (a new key, the old ones revoked), retired. The one
 * owner of the {@code agency} table, through Hibernate Reactive; each user action is one transaction, which the keys
 * it issues or revokes ({@link ApiKeyService}) join.
 */
@ApplicationScoped
public class AgencyService {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The unique constraint on {@code agency.code} (V3): a create that lost a race to another is told 409. */
    private static final String CODE_CONSTRAINT = "agency_code_key";

    @Inject
    io.servicegrade.platform.security.IdentityCache identities;

    @Inject
    ApiKeyService keys;

    @Inject
    ServiceGradeConfig config;

    /** An agency with a key just issued for it; the secret travels only in this. */
    public record WithKey(Agency agency, ApiKeyService.IssuedKey key) {
    }

    /**
     * An agency and its first key, in one transaction: when the key cannot be stored the agency is not either. A
     * code already taken, also by a create that committed a moment before this one, is 409.
     */
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
        // the audit row names the agency made: its code, given in the body (issue 16)
        return io.servicegrade.platform.audit.AuditIntents.named(code).chain(() -> io.servicegrade.platform.audit
                .Audited.withTransaction(() -> Agency.count("code", code).flatMap(taken -> {
            if (taken > 0) {
                return Uni.createFrom().failure(exists(code));
            }
            Agency agency = new Agency();
            agency.code = code;
            agency.name = name;
            agency.sources = sources == null ? null : sources.toArray(String[]::new);
            agency.active = true;
            agency.createdAt = now();
            return agency.<Agency>persistAndFlush().flatMap(saved -> keys.create(keyName(code), saved.id)
                    .map(key -> new WithKey(saved, key)));
        }))).onFailure(failure -> UniqueViolation.of(failure, CODE_CONSTRAINT)).transform(failure -> exists(code));
    }

    @WithSession
    public Uni<List<Agency>> list() {
        return Agency.listAll(Sort.by("code"));
    }

    @WithSession
    public Uni<Agency> get(String code) {
        return find(code, false);
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
        if (name != null && name.length() > 200) {
            problems.add(Violation.at("/name", m -> m.tooLong(200)));
        }
        List<String> sources = sources(body.get("sources"), problems);
        JsonNode active = body.get("active");
        if (active != null && !active.isBoolean()) {
            problems.add(Violation.at("/active", m -> m.booleanValue()));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return io.servicegrade.platform.audit.Audited.withTransaction(() -> find(code, true).map(agency -> {
            if (name != null) {
                agency.name = name;
            }
            if (body.has("sources")) {
                agency.sources = sources == null ? null : sources.toArray(String[]::new);
            }
            if (active != null) {
                agency.active = active.booleanValue();
            }
            return agency;
        })).invoke(identities::forget);
    }

    /**
     * Issues a new key for the agency and revokes its previous ones, in one transaction: a failure leaves the old
     * keys working and no new one. The agency's row is locked first, so two rotations at once leave one live key.
     */
    public Uni<WithKey> rotate(String code) {
        return io.servicegrade.platform.audit.Audited.withTransaction(() -> find(code, true).flatMap(agency -> keys.create(keyName(code), agency.id)
                .flatMap(key -> keys.revokeAgencyKeys(agency.id, key.key().id)
                        .map(revoked -> new WithKey(agency, key))))).invoke(identities::forget);
    }

    /**
     * The agency coded {@code code}, made now or renamed to {@code name}, with a new key named {@code keyName}: one
     * transaction (the demo's survey agency).
     */
    public Uni<WithKey> ensure(String code, String name, String keyName) {
        return io.servicegrade.platform.audit.Audited.withTransaction(() -> Agency.<Agency>find("code", code).firstResult().flatMap(found -> {
            Agency agency = found;
            if (agency == null) {
                agency = new Agency();
                agency.code = code;
                agency.active = true;
                agency.createdAt = now();
            }
            agency.name = name;
            return agency.<Agency>persistAndFlush();
        }).flatMap(agency -> keys.create(keyName, agency.id).map(key -> new WithKey(agency, key))));
    }

    /** Now, to the microsecond PostgreSQL keeps: the answer to a create shows what a read will. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** Agency keys are named after the agency, so that a list of keys tells whose each is. */
    static String keyName(String code) {
        return "agency " + code;
    }

    /** The agency, locked for change when {@code lock}; 404 when there is none. Runs in the caller's session. */
    private static Uni<Agency> find(String code, boolean lock) {
        var query = Agency.<Agency>find("code", code);
        if (lock) {
            query = query.withLock(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.firstResult().map(agency -> {
            if (agency == null) {
                throw ProblemException.notFound(m -> m.agencyNotFound(code));
            }
            return agency;
        });
    }

    private static ProblemException exists(String code) {
        return new ProblemException(409, "agency-exists", ProblemMessages::conflictTitle,
                m -> m.agencyExists(code));
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
}
