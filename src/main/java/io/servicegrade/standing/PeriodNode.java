package io.servicegrade.standing;

import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.Node;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A period of a scheme that has standings, as GraphQL shows it. */
@Type("Period")
@Description("A period (考核周期) of a scheme that has standings: its dates, whether it is published, the scheme "
        + "version that computes it and its revision.")
public record PeriodNode(@NonNull @Description("The scheme's key") String scheme,
        @NonNull @Description("The period's id: 2023 (year), 2023-H1, 2023-Q2 or 2023-05 (month)") String key,
        @NonNull @Description("Its first day, in the scheme's time zone") LocalDate firstDay,
        @NonNull @Description("Its last day, in the scheme's time zone") LocalDate lastDay,
        @NonNull StandingService.Stage state,
        @Description("When it was published; null while it is open") OffsetDateTime publishedAt,
        @Description("Issue 18: the end (exclusive) of its objection window (公示期), fixed at publication; null while it "
                + "is open") OffsetDateTime objectionUntil,
        @Description("Issue 18: the closing it shows (1, 2 … after reopenings); null unless closed") Integer closing,
        @Description("Issue 18: when it was closed; null unless closed") OffsetDateTime closedAt,
        @Description("The scheme version that computes it: the version it keeps once published, the version in force "
                + "for its dates until then") int schemeVersion,
        @Description("It grows with every change of the period's standings (the revision of "
                + "standingChanges and of StandingConnection)") long revision,
        @NonNull @Description("The ids of its bulletin parts (the months of a quarter, when the scheme bulletins "
                + "monthly), whose boards standings(period:) also serves; empty without.")
        java.util.List<@NonNull String> bulletins) implements Node {

    static PeriodNode of(String scheme, StandingService.PeriodState state) {
        return new PeriodNode(scheme, state.period().id(), state.period().firstDay(),
                state.period().endDay().minusDays(1),
                state.stage(), state.publishedAt(), state.objectionUntil(), state.closing(), state.closedAt(),
                state.schemeVersion(), state.revision(), state.bulletins());
    }

    @Override
    @Id
    @NonNull
    @Name("id")
    @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
    public String getGlobalId() {
        return GlobalIds.encode("Period", scheme, key);
    }
}
