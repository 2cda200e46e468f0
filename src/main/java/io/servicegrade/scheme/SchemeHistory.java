package io.servicegrade.scheme;

import java.util.List;

/**
 * Every version of a scheme, oldest first, and which one computes a period: the version the period was
 * published with, or else the latest version whose active dates cover it. So a new version applies to the
 * periods it covers that are not yet published, and published periods keep theirs.
 */
public record SchemeHistory(String key, List<SchemeService.Version> versions) {

    public SchemeHistory {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a scheme history has at least one version");
        }
        versions = List.copyOf(versions);
    }

    public SchemeService.Version latest() {
        return versions.get(versions.size() - 1);
    }

    /** The version that computes {@code period}; null when the period is unpublished and no version covers it. */
    public SchemeService.Version forPeriod(Period period, Integer publishedVersion) {
        if (publishedVersion != null) {
            return versions.stream().filter(v -> v.version() == publishedVersion).findFirst()
                    .orElseThrow(() -> new IllegalStateException(key + " has no version " + publishedVersion));
        }
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (covers(versions.get(i).scheme(), period)) {
                return versions.get(i);
            }
        }
        return null;
    }

    /** Whether some version counts an evaluation from {@code source} on {@code rubric}. */
    public boolean counts(String source, String rubric) {
        return versions.stream().anyMatch(v -> v.scheme().counts(source, rubric));
    }

    /** Whether the period overlaps the scheme's active dates ({@code activeTo} is the last active day). */
    static boolean covers(Scheme scheme, Period period) {
        return period.endDay().isAfter(scheme.activeFrom())
                && (scheme.activeTo() == null || !period.firstDay().isAfter(scheme.activeTo()));
    }
}
