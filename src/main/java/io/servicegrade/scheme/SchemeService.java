package io.servicegrade.scheme;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.versioning.DocumentVersions;
import io.servicegrade.rubric.RubricService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Scheme versions: stored when their content is new, read back, parsed once. */
@ApplicationScoped
public class SchemeService {

    @Inject
    SchemeRepository repository;

    @Inject
    ObjectMapper json;

    private final Map<String, Scheme> parsed = new ConcurrentHashMap<>();

    private final Map<String, SchemeHistory> histories = new ConcurrentHashMap<>();

    /** A stored version of a scheme. */
    public record Version(Scheme scheme, int version, String origin, OffsetDateTime createdAt) {
    }

    /** What a PUT did. */
    public record Stored(String key, int version, boolean created) {
    }

    public static Scheme readFor(String key, JsonNode document) {
        if (document instanceof ObjectNode object) {
            JsonNode given = object.get("key");
            if (given == null || given.isNull()) {
                object.put("key", key);
            } else if (!given.isTextual() || !given.asText().equals(key)) {
                throw ProblemException.invalid(List.of(Violation.at("/key", m -> m.rubricKeyMismatch(key))));
            }
        }
        SchemeDocument.Read read = SchemeDocument.read(document);
        if (!read.problems().isEmpty()) {
            throw ProblemException.invalid(RubricService.violations("", read.problems()));
        }
        return read.scheme();
    }

    public Uni<Stored> put(String key, JsonNode document, String origin, boolean onlyOverPresets) {
        return Uni.createFrom().item(() -> readFor(key, document))
                .call(scheme -> repository.latest(key).invoke(latest -> keepsFrame(latest, scheme)))
                .flatMap(scheme -> {
                    ObjectNode canonical = SchemeDocument.write(scheme);
                    return repository.append(key, canonical, hash(canonical), origin, onlyOverPresets);
                }).map(outcome -> new Stored(key, outcome.version().version(), outcome.created()));
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
        List<Violation> problems = new java.util.ArrayList<>();
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
        Scheme scheme = parsed.computeIfAbsent(stored.key() + "@" + stored.version(),
                id -> SchemeDocument.read(stored.content()).scheme());
        return new Version(scheme, stored.version(), stored.origin(), stored.createdAt());
    }

    private String hash(ObjectNode canonical) {
        try {
            byte[] bytes = json.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
