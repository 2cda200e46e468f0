package io.servicegrade.rubric;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The versions of one rubric and when each came into force, oldest first: the one rule of which version scores
 * an evaluation. A sender may name a version ({@link #named}); otherwise the version in force when the evaluation
 * was conducted scores it ({@link #inForceAt}).
 */
public record RubricVersions(String key, List<Since> versions) {

    /** A version of the rubric and the moment it was stored. */
    public record Since(int version, OffsetDateTime createdAt) {
    }

    /** One version of one rubric. */
    public record Ref(String key, int version) {
        @Override
        public String toString() {
            return key + "@" + version;
        }
    }

    public RubricVersions {
        versions = List.copyOf(versions);
    }

    /** A rubric nobody stored: no version of it is in force, and none can be named. */
    public static RubricVersions none(String key) {
        return new RubricVersions(key, List.of());
    }

    /**
     * The version in force at {@code conductedAt}: the latest stored by then, or the first if the rubric did not
     * exist yet (results recorded on paper before the rubric was loaded); empty when the rubric has no version.
     */
    public Optional<Ref> inForceAt(OffsetDateTime conductedAt) {
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        int chosen = versions.get(0).version();
        for (Since v : versions) {
            if (!v.createdAt().isAfter(conductedAt)) {
                chosen = v.version();
            }
        }
        return Optional.of(new Ref(key, chosen));
    }

    /** The version numbered {@code version}, if it exists. */
    public Optional<Ref> named(int version) {
        return versions.stream().filter(v -> v.version() == version).findFirst().map(v -> new Ref(key, version));
    }

    /** The version named ({@code asked} not null), or the one in force at {@code conductedAt}. */
    public Optional<Ref> choose(Integer asked, OffsetDateTime conductedAt) {
        return asked != null ? named(asked) : inForceAt(conductedAt);
    }
}
