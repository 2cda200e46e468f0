package io.servicegrade.scheme;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.versioning.DocumentVersions;
import io.servicegrade.rubric.RubricService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scheme versions: stored when their content is new, together with the inputs they compute (one transaction),
 * read back, parsed once.
 */
@ApplicationScoped
public class SchemeService {

    @Inject
    SchemeRepository repository;

    @Inject
    ObjectMapper json;

    @Inject
    Transactions transactions;

    @Inject
    SchemeInputs inputs;

    @Inject
    ServiceGradeConfig config;

    private final Map<String, Scheme> parsed = new ConcurrentHashMap<>();

    private final Map<String, SchemeHistory> histories = new ConcurrentHashMap<>();

    /** A stored version of a scheme. */
    public record Version(Scheme scheme, int version, String origin, OffsetDateTime createdAt) {
    }

    /** What a PUT did. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "SchemeStored")
    public record Stored(@org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) String key,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) int version,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) boolean created) {
    }

    /** Reads a scheme sent for {@code key}; {@code localZone} is its time zone when it names none. */
    public static Scheme readFor(String key, JsonNode document, ZoneId localZone) {
        if (document instanceof ObjectNode object) {
            JsonNode given = object.get("key");
            if (given == null || given.isNull()) {
                object.put("key", key);
            } else if (!given.isTextual() || !given.asText().equals(key)) {
                throw ProblemException.invalid(List.of(Violation.at("/key", m -> m.rubricKeyMismatch(key))));
            }
        }
        SchemeDocument.Read read = SchemeDocument.read(document, localZone);
        if (!read.problems().isEmpty()) {
            throw ProblemException.invalid(RubricService.violations("", read.problems()));
        }
        return read.scheme();
    }

    /**
     * Stores the scheme as a new version when its content is new, and in the same transaction rebuilds the inputs
     * of its standings under it: the new version and the standings it computes are committed together or not at
     * all, so no board is ever read from inputs of an earlier version than the latest. The transaction holds the
     * lock over all scheme versions alone from its first statement; writes of evaluations share it while they
     * refresh inputs (see {@link #current}), so none of them is built under the version this one replaces.
     */
    public Uni<Stored> put(String key, JsonNode document, String origin, boolean onlyOverPresets) {
        return Uni.createFrom().item(() -> readFor(key, document, config.timeZone()))
                .flatMap(scheme -> repository.latest(key).flatMap(before -> {
                    ObjectNode canonical = SchemeDocument.write(scheme);
                    String hash = hash(canonical);
                    // Read before the transaction: the content sent again, or a change of frame, needs no lock.
                    if (before != null && before.contentHash().equals(hash)) {
                        return Uni.createFrom().item(new DocumentVersions.Outcome(before, false));
                    }
                    keepsFrame(before, scheme);
                    return transactions.write(connection -> repository.holdAll(connection)
                            // again under the lock: another version may have landed since
                            .flatMap(held -> repository.latest(connection, key))
                            .invoke(latest -> keepsFrame(latest, scheme))
                            .flatMap(checked -> repository.append(connection, key, canonical, hash, origin,
                                    onlyOverPresets))
                            .call(outcome -> outcome.created() ? history(connection, key)
                                    .flatMap(history -> inputs.rebuild(connection, history))
                                    : Uni.createFrom().voidItem()));
                })).map(outcome -> new Stored(key, outcome.version().version(), outcome.created()));
    }

    /**
     * Rebuilds a scheme's standing inputs from its versions and the evaluations (an admin's recompute), in one
     * transaction that holds the lock over all scheme versions alone: no version lands, and no write of
     * evaluations refreshes inputs, halfway through.
     */
    public Uni<Void> rebuild(String key) {
        return transactions.write(connection -> repository.holdAll(connection)
                .flatMap(held -> history(connection, key))
                .flatMap(history -> inputs.rebuild(connection, history)));
    }

    /**
     * The schemes as a write of evaluations must apply them, within its transaction: {@code known} (read before
     * the transaction began, {@link #histories()}), with every scheme that got a version since read again over
     * {@code connection}. Shares the lock over all scheme versions until the transaction ends: a new version
     * either committed before the lock was granted (and is read here), or waits for this write to commit (and
     * its rebuild then reads this write's evaluations).
     */
    public Uni<List<SchemeHistory>> current(SqlClient connection, List<SchemeHistory> known) {
        Map<String, SchemeHistory> byKey = new java.util.HashMap<>();
        known.forEach(h -> byKey.put(h.key(), h));
        // The numbers are read once the lock is granted: they include any version committed while this waited.
        return repository.shareAll(connection)
                .flatMap(shared -> repository.latestNumbers(connection))
                .flatMap(numbers -> {
                    List<String> changed = numbers.entrySet().stream().filter(e -> {
                        SchemeHistory h = byKey.get(e.getKey());
                        return h == null || h.latest().version() != e.getValue();
                    }).map(Map.Entry::getKey).toList();
                    // Usually none; those there are, in one statement over the transaction's connection. What it
                    // reads is committed (no version is being stored while the lock is shared), so it is kept.
                    Uni<Map<String, List<DocumentVersions.Stored>>> read = changed.isEmpty()
                            ? Uni.createFrom().item(Map.of()) : repository.all(connection, changed);
                    return read.map(all -> {
                        all.forEach((key, versions) -> {
                            SchemeHistory history = new SchemeHistory(key,
                                    versions.stream().map(v -> found(v, key, null)).toList());
                            byKey.put(key, history);
                            histories.put(key, history);
                        });
                        return numbers.keySet().stream().map(byKey::get).filter(h -> h != null).toList();
                    });
                });
    }

    /**
     * Start-up: rebuilds the inputs of the schemes an upgrade emptied (after the demo's scheme is installed, before
     * requests are served). Each is one transaction; replicas starting together take turns on the lock over all
     * versions, and a scheme another replica rebuilt meanwhile is rebuilt again, harmlessly.
     */
    void rebuildPending(@jakarta.enterprise.event.Observes @jakarta.annotation.Priority(35)
            io.quarkus.runtime.StartupEvent event) throws Throwable {
        List<String> pending = io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(inputs::pending);
        for (String key : pending) {
            io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> rebuild(key));
        }
        if (!pending.isEmpty()) {
            org.jboss.logging.Logger.getLogger(SchemeService.class).infof(
                    "Rebuilt the standing inputs of %d scheme(s) after an upgrade", pending.size());
        }
    }

    /** Whether the scheme's standings have their inputs prepared. */
    public Uni<Boolean> prepared(String key) {
        return inputs.prepared(key);
    }

    /**
     * Every version of a scheme as the transaction on {@code connection} sees them, its own appended one
     * included; not kept between calls, since the transaction may still roll back.
     */
    private Uni<SchemeHistory> history(SqlClient connection, String key) {
        return repository.all(connection, key).map(all -> {
            if (all.isEmpty()) {
                throw ProblemException.notFound(m -> m.schemeNotFound(key));
            }
            return new SchemeHistory(key, all.stream().map(s -> found(s, key, null)).toList());
        });
    }

    /**
     * A new version keeps the period kind and time zone of the scheme: the periods that standings were kept
     * and published for are cut by them.
     */
    private void keepsFrame(DocumentVersions.Stored latest, Scheme next) {
        if (latest == null) {
            return;
        }
        Scheme before = found(latest, latest.key(), null).scheme();
        List<Violation> problems = new ArrayList<>();
        if (before.period() != next.period()) {
            problems.add(Violation.at("/period", m -> m.schemeFrameFixed(before.period().token())));
        }
        if (!before.timeZone().equals(next.timeZone())) {
            problems.add(Violation.at("/timeZone", m -> m.schemeFrameFixed(before.timeZone().getId())));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    /** Every version of a scheme; not found when there is none. */
    public Uni<SchemeHistory> history(String key) {
        return repository.all(key).map(all -> {
            if (all.isEmpty()) {
                throw ProblemException.notFound(m -> m.schemeNotFound(key));
            }
            SchemeHistory history = new SchemeHistory(key, all.stream().map(s -> found(s, key, null)).toList());
            histories.put(key, history);
            return history;
        });
    }

    /**
     * The versions of a scheme as last read here (its period kind and time zone never change across versions), or
     * read now when none were; null for no such scheme.
     */
    public Uni<SchemeHistory> known(String key) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        SchemeHistory known = histories.get(key);
        return known != null ? Uni.createFrom().item(known) : history(key).onFailure(ProblemException.class)
                .recoverWithNull();
    }

    /** Every version of a scheme whose latest version is {@code latest}; read again only when that changed. */
    public Uni<SchemeHistory> history(String key, int latest) {
        SchemeHistory known = histories.get(key);
        return known != null && known.latest().version() == latest ? Uni.createFrom().item(known) : history(key);
    }

    /** The history of every scheme, by key. */
    public Uni<List<SchemeHistory>> histories() {
        return repository.latestNumbers().flatMap(numbers -> {
            if (numbers.isEmpty()) {
                return Uni.createFrom().item(List.<SchemeHistory>of());
            }
            // Histories whose latest version is known are kept; the others are read in one query, not one each
            // (a request that read them one by one would hold as many pooled connections as there are schemes).
            List<String> stale = numbers.entrySet().stream().filter(e -> {
                SchemeHistory known = histories.get(e.getKey());
                return known == null || known.latest().version() != e.getValue();
            }).map(java.util.Map.Entry::getKey).toList();
            Uni<java.util.Map<String, List<DocumentVersions.Stored>>> read = stale.isEmpty()
                    ? Uni.createFrom().item(java.util.Map.of()) : repository.all(stale);
            return read.map(all -> {
                all.forEach((key, versions) -> histories.put(key, new SchemeHistory(key,
                        versions.stream().map(s -> found(s, key, null)).toList())));
                List<SchemeHistory> list = new java.util.ArrayList<>();
                numbers.keySet().forEach(key -> {
                    SchemeHistory history = histories.get(key);
                    if (history != null) {
                        list.add(history);
                    }
                });
                return list;
            });
        });
    }

    public Uni<Version> latest(String key) {
        return repository.latest(key).map(stored -> found(stored, key, null));
    }

    public Uni<Version> version(String key, int version) {
        return repository.version(key, version).map(stored -> found(stored, key, version));
    }

    public Uni<List<Version>> latestOfEach() {
        return repository.latestOfEach().map(all -> all.stream().map(s -> found(s, s.key(), null)).toList());
    }

    private Version found(DocumentVersions.Stored stored, String key, Integer version) {
        if (stored == null) {
            throw ProblemException.notFound(version == null ? m -> m.schemeNotFound(key)
                    : m -> m.schemeVersionNotFound(key, version));
        }
        // Keyed by content too: a version read inside a transaction that then rolled back must not stand for
        // another content stored later under the same number.
        Scheme scheme = parsed.computeIfAbsent(stored.key() + "@" + stored.version() + "#" + stored.contentHash(),
                id -> SchemeDocument.read(stored.content(), config.timeZone()).scheme());
        return new Version(scheme, stored.version(), stored.origin(), stored.createdAt());
    }

    private String hash(ObjectNode canonical) {
        try {
            return io.servicegrade.platform.Sha256.hex(json.writeValueAsString(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
