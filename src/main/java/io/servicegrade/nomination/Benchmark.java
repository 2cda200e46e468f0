package io.servicegrade.nomination;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.OffsetDateTime;

/** A benchmark unit (标杆) designation for a service line of a scheme's period, current or replaced. */
@Type("Benchmark")
@Description("A benchmark unit (标杆) designated by the analyst for a service line of a period; a later designation "
        + "replaces it with a reason, and the replaced one is kept.")
public record Benchmark(
        @Description("The designation's id.") long id,
        @NonNull @Description("The service line (工种).") String serviceLine,
        @NonNull @Description("The code of the unit designated.") String unit,
        @NonNull @Description("The unit's name.") String unitName,
        @Description("Why (required when it replaced another designation).") String reason,
        @NonNull @Description("When it was designated.") OffsetDateTime designatedAt,
        @Description("When a later designation replaced it; null for the current one.") OffsetDateTime replacedAt,
        @Description("The id of the designation that replaced it.") Long replacedBy) {

    static Benchmark of(NominationRepository.BenchmarkRow row) {
        return new Benchmark(row.id(), row.serviceLine(), row.unitCode(), row.unitName(), row.reason(),
                row.designatedAt(), row.replacedAt(), row.replacedBy());
    }
}
