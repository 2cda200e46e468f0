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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
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

    /** Versions never change, so each is kept once read, with its scorer. */
    private final Map<RubricVersions.Ref, Version> cache = new ConcurrentHashMap<>();

    /** What a PUT did. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "RubricStored")
    public record Stored(@org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) String key,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) int version,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(required = true) boolean created) {
    }

    /** A version and the scorer for it. */
    public record Version(RubricVersion version, Scorer scorer) {

        public RubricVersions.Ref ref() {
            return new RubricVersions.Ref(version.key(), version.version());
        }

        /**
         * Scores answers (their JSON array) with this version, storing nothing: the one way answers are scored,
         * for a dry run, a batch, an import and a breakdown shown again. Problems are placed under {@code pointer}.
         */
        public ScoredAnswers score(JsonNode answers, String pointer) {
            AnswerDocument.Read read = AnswerDocument.read(answers);
            if (!read.problems().isEmpty()) {
                return new ScoredAnswers(List.of(), null, violations(pointer, read.problems()));
            }
            Scoring scoring = scorer.score(read.answers());
            if (!scoring.ok()) {
                return new ScoredAnswers(read.answers(), null, violations(pointer, scoring.problems()));
            }
            return new ScoredAnswers(read.answers(), scoring.breakdown(), List.of());
        }
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

    /**
     * Which versions of these rubrics exist and since when: what {@link RubricVersions#choose} needs to tell the
     * version that scores an evaluation. Every key asked for is in the answer.
     */
    public Uni<Map<String, RubricVersions>> versions(Collection<String> keys) {
        return keys.isEmpty() ? Uni.createFrom().item(Map.of()) : repository.versions(keys);
    }

    /**
     * The versions named, with their scorers. Those not read before are read one after another, so a batch holds
     * at most one pooled connection at a time.
     */
    public Uni<Map<RubricVersions.Ref, Version>> load(Collection<RubricVersions.Ref> refs) {
        Map<RubricVersions.Ref, Version> found = new HashMap<>();
        List<RubricVersions.Ref> missing = new ArrayList<>();
        for (RubricVersions.Ref ref : new LinkedHashSet<>(refs)) {
            Version known = cache.get(ref);
            if (known != null) {
                found.put(ref, known);
            } else {
                missing.add(ref);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found);
        }
        return Multi.createFrom().iterable(missing)
                .onItem().transformToUniAndConcatenate(ref -> version(ref.key(), ref.version()))
                .collect().asList()
                .map(loaded -> {
                    loaded.forEach(v -> found.put(v.ref(), v));
                    return found;
                });
    }

    private Version found(DocumentVersions.Stored stored, String key, Integer version) {
        if (stored == null) {
            throw ProblemException.notFound(version == null ? m -> m.rubricNotFound(key)
                    : m -> m.rubricVersionNotFound(key, version));
        }
        return cache.computeIfAbsent(new RubricVersions.Ref(stored.key(), stored.version()), ref -> {
            RubricDocument.Read read = RubricDocument.read(stored.content());
            if (read.rubric() == null) {
                throw new IllegalStateException("Stored rubric " + ref + " no longer reads: " + read.problems());
            }
            return new Version(new RubricVersion(stored.key(), stored.version(), read.rubric(), stored.contentHash(),
                    stored.origin(), stored.createdAt()), Scorer.of(read.rubric()));
        });
    }

    private String hash(ObjectNode canonical) {
        try {
            return Sha256.hex(json.writeValueAsString(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
