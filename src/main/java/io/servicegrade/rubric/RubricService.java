package io.servicegrade.rubric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.Sha256;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.versioning.DocumentVersions;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.scoring.AnswerProblem;
import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.Scorer;
import io.servicegrade.scoring.Scoring;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rubric versions: stored when their content is new, read back, and scorers for them, built once. */
@ApplicationScoped
public class RubricService {

    @Inject
    RubricRepository repository;

    @Inject
    ObjectMapper json;

    /** Versions never change, so their scorers are kept once built. */
    private final Map<String, Scorer> scorers = new ConcurrentHashMap<>();

    /** What a PUT did. */
    public record Stored(String key, int version, boolean created) {
    }

    /** A version and the scorer for it. */
    public record Version(RubricVersion version, Scorer scorer) {
    }

    /** Turns engine problems into API violations under {@code prefix}. */
    public static List<Violation> violations(String prefix, List<AnswerProblem> problems) {
        return problems.stream()
                .map(p -> Violation.at(prefix + p.pointer(), m -> p.message().in(m.language())))
                .toList();
    }

    /**
     * Reads a rubric document for {@code key} (the document's own key may be left out, and must match if
     * given), refusing it with every problem at once.
     */
    public static Rubric readFor(String key, JsonNode document) {
        if (document instanceof ObjectNode object) {
            JsonNode given = object.get("key");
            if (given == null || given.isNull()) {
                object.put("key", key);
            } else if (!given.isTextual() || !given.asText().equals(key)) {
                throw ProblemException.invalid(List.of(Violation.at("/key", m -> m.rubricKeyMismatch(key))));
            }
        }
        RubricDocument.Read read = RubricDocument.read(document);
        if (!read.problems().isEmpty()) {
            throw ProblemException.invalid(violations("", read.problems()));
        }
        return read.rubric();
    }

    /** Stores the rubric as a new version unless the latest one has the same content. */
    public Uni<Stored> put(String key, JsonNode document) {
        return Uni.createFrom().item(() -> readFor(key, document))
                .flatMap(rubric -> append(rubric, "api", false))
                .map(outcome -> new Stored(key, outcome.version().version(), outcome.created()));
    }

    Uni<DocumentVersions.Outcome> append(Rubric rubric, String origin, boolean onlyOverPresets) {
        ObjectNode canonical = RubricDocument.write(rubric);
        return repository.append(rubric.key(), canonical, hash(canonical), origin, onlyOverPresets);
    }

    public Uni<Version> latest(String key) {
        return repository.latest(key).map(stored -> found(stored, key, null));
    }

    public Uni<Version> version(String key, int version) {
        return repository.version(key, version).map(stored -> found(stored, key, version));
    }

    /** The given version of a rubric, or its latest when {@code version} is null. */
    public Uni<Version> resolve(String key, Integer version) {
        return version == null ? latest(key) : version(key, version);
    }

    public Uni<List<Version>> latestOfEach() {
        return repository.latestOfEach().map(all -> all.stream().map(stored -> found(stored, stored.key(), null))
                .toList());
    }

    /** Scores answers (the JSON array) against a version, storing nothing; every problem at once. */
    public Scoring score(Version version, JsonNode answers, String pointer) {
        AnswerDocument.Read read = AnswerDocument.read(answers);
        if (!read.problems().isEmpty()) {
            throw ProblemException.invalid(violations(pointer, read.problems()));
        }
        Scoring scoring = version.scorer().score(read.answers());
        if (!scoring.ok()) {
            throw ProblemException.invalid(violations(pointer, scoring.problems()));
        }
        return scoring;
    }

    private Version found(DocumentVersions.Stored stored, String key, Integer version) {
        if (stored == null) {
            throw ProblemException.notFound(version == null ? m -> m.rubricNotFound(key)
                    : m -> m.rubricVersionNotFound(key, version));
        }
        Scorer scorer = scorers.computeIfAbsent(stored.key() + "@" + stored.version(), id -> {
            RubricDocument.Read read = RubricDocument.read(stored.content());
            if (read.rubric() == null) {
                throw new IllegalStateException("Stored rubric " + id + " no longer reads: " + read.problems());
            }
            return Scorer.of(read.rubric());
        });
        return new Version(new RubricVersion(stored.key(), stored.version(), scorer.rubric(), stored.contentHash(),
                stored.origin(), stored.createdAt()), scorer);
    }

    private String hash(ObjectNode canonical) {
        try {
            return Sha256.hex(json.writeValueAsString(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
