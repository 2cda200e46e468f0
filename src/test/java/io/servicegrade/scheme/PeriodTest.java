package io.servicegrade.scheme;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static String id(Period.Kind kind, String instant, ZoneId zone) {
        return Period.of(kind, Instant.parse(instant), zone).id();
    }

    @Test
    void anEvaluationAtHalfPastElevenOnThirtiethJuneBeijingTimeIsInTheSecondQuarter() {
        // 2023-06-30 23:30 in Beijing is 15:30 UTC the same day; a UTC reading would still say Q2,
        // but 2023-06-30T16:30Z (00:30 on 1 July in Beijing) is Q3.
        assertThat(Period.of(Period.Kind.QUARTER, OffsetDateTime.parse("2023-06-30T23:30:00+08:00").toInstant(),
                BEIJING).id()).isEqualTo("2023-Q2");
        assertThat(Period.of(Period.Kind.QUARTER, OffsetDateTime.parse("2023-06-30T16:30:00Z").toInstant(),
                BEIJING).id()).isEqualTo("2023-Q3");
    }

    @Test
    void periodIdsReadAndWriteForEveryKind() {
        LocalDate day = LocalDate.of(2023, 5, 17);
        assertThat(Period.of(Period.Kind.MONTH, day).id()).isEqualTo("2023-05");
        assertThat(Period.of(Period.Kind.QUARTER, day).id()).isEqualTo("2023-Q2");
        assertThat(Period.of(Period.Kind.HALF, day).id()).isEqualTo("2023-H1");
        assertThat(Period.of(Period.Kind.YEAR, day).id()).isEqualTo("2023");
        assertThat(Period.parse(Period.Kind.QUARTER, "2023-Q2").firstDay()).isEqualTo(LocalDate.of(2023, 4, 1));
        assertThat(Period.parse(Period.Kind.QUARTER, "2023-Q2").endDay()).isEqualTo(LocalDate.of(2023, 7, 1));
        assertThat(Period.parse(Period.Kind.QUARTER, "2023-Q1").previous().id()).isEqualTo("2022-Q4");
        assertThat(Period.parse(Period.Kind.QUARTER, "2023-05")).isNull();
        assertThat(Period.parse(Period.Kind.MONTH, "2023-13")).isNull();
    }

    @Test
    void aMonthEndsAtMidnightInTheSchemesZone() {
        // Beijing is UTC+8 all year: 1 February 00:00 in Beijing is 31 January 16:00 UTC
        assertThat(id(Period.Kind.MONTH, "2023-01-31T15:59:59Z", BEIJING)).isEqualTo("2023-01");
        assertThat(id(Period.Kind.MONTH, "2023-01-31T16:00:00Z", BEIJING)).isEqualTo("2023-02");
        // Paris in winter is UTC+1: 1 March 00:00 is 28 February 23:00 UTC
        assertThat(id(Period.Kind.MONTH, "2023-02-28T22:59:59Z", PARIS)).isEqualTo("2023-02");
        assertThat(id(Period.Kind.MONTH, "2023-02-28T23:00:00Z", PARIS)).isEqualTo("2023-03");
    }

    @Test
    void aHalfYearEndsAtMidnightOnThirtiethJuneInTheSchemesZoneWithItsSummerTime() {
        // 1 July 00:00 in Beijing (UTC+8) is 30 June 16:00 UTC
        assertThat(id(Period.Kind.HALF, "2023-06-30T15:59:59Z", BEIJING)).isEqualTo("2023-H1");
        assertThat(id(Period.Kind.HALF, "2023-06-30T16:00:00Z", BEIJING)).isEqualTo("2023-H2");
        // Paris keeps summer time (UTC+2) in July: 1 July 00:00 is 30 June 22:00 UTC, not 23:00
        assertThat(id(Period.Kind.HALF, "2023-06-30T21:59:59Z", PARIS)).isEqualTo("2023-H1");
        assertThat(id(Period.Kind.HALF, "2023-06-30T22:00:00Z", PARIS)).isEqualTo("2023-H2");
        // and 1 January 00:00 (winter, UTC+1) is 31 December 23:00 UTC: H2 of the year before ends there
        assertThat(id(Period.Kind.HALF, "2022-12-31T22:59:59Z", PARIS)).isEqualTo("2022-H2");
        assertThat(id(Period.Kind.HALF, "2022-12-31T23:00:00Z", PARIS)).isEqualTo("2023-H1");
    }

    @Test
    void aYearEndsAtMidnightOnNewYearsEveInTheSchemesZoneNotInUtc() {
        // 31 December 16:00 UTC is already 1 January 00:00 in Beijing: a UTC reading would still say 2023
        assertThat(id(Period.Kind.YEAR, "2023-12-31T15:59:59Z", BEIJING)).isEqualTo("2023");
        assertThat(id(Period.Kind.YEAR, "2023-12-31T16:00:00Z", BEIJING)).isEqualTo("2024");
        assertThat(id(Period.Kind.YEAR, "2023-12-31T22:59:59Z", PARIS)).isEqualTo("2023");
        assertThat(id(Period.Kind.YEAR, "2023-12-31T23:00:00Z", PARIS)).isEqualTo("2024");
    }

    @org.junit.jupiter.api.Test
    void aPeriodHoldsItsBulletinParts() {
        org.assertj.core.api.Assertions.assertThat(Period.holds("2023-Q2", "2023-05")).isTrue();
        org.assertj.core.api.Assertions.assertThat(Period.holds("2023-Q2", "2023-Q2")).isTrue();
        org.assertj.core.api.Assertions.assertThat(Period.holds("2023-Q2", "2023-07")).isFalse();
        org.assertj.core.api.Assertions.assertThat(Period.holds("2023", "2023-H2")).isTrue();
        org.assertj.core.api.Assertions.assertThat(Period.holds("2023-05", "2023-Q2")).isFalse();
        org.assertj.core.api.Assertions.assertThat(Period.parse(Period.Kind.MONTH, "2023-03")
                .within(Period.Kind.QUARTER).id()).isEqualTo("2023-Q1");
    }
}
