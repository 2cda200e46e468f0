package io.servicegrade.coverage;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One version of an inspection coverage plan (issue 19): each active unit the selection picks (empty lists: every
 * unit) is to be inspected by evaluations of {@code source} at least once every {@code everyMonths} calendar months,
 * from {@code activeFrom} to {@code activeTo} (open when null). The expected inspectors (accounts and agencies, ids
 * with their logins and codes) each owe {@code dutyMinimum} inspections per interval for the duty rate.
 */
public record CoveragePlan(String key, int version, String nameZh, String nameEn, List<String> kinds,
        List<String> areas, List<String> tags, List<String> serviceLines, String source, int everyMonths,
        LocalDate activeFrom, LocalDate activeTo, List<Long> inspectorAccounts, List<String> accountLogins,
        List<Long> inspectorAgencies, List<String> agencyCodes, int dutyMinimum, OffsetDateTime createdAt,
        String createdBy, OffsetDateTime retiredAt) {

    /** The months an interval may span: divisors of 12, so that intervals line up with every calendar year. */
    public static final List<Integer> EVERY_MONTHS = List.of(1, 2, 3, 4, 6, 12);

    public boolean retired() {
        return retiredAt != null;
    }

    /** Whether the plan names the inspectors its duty rate expects (else: everyone who inspected). */
    public boolean namesInspectors() {
        return !inspectorAccounts.isEmpty() || !inspectorAgencies.isEmpty();
    }

    /**
     * The inspectors as evaluations record who posted them ({@code evaluation.agency_scope}): an agency's id, an
     * inspector account's negated id.
     */
    public Long[] inspectorSpaces() {
        return java.util.stream.Stream.concat(inspectorAgencies.stream(), inspectorAccounts.stream().map(id -> -id))
                .toArray(Long[]::new);
    }
}
