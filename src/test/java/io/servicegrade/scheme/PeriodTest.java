package io.servicegrade.scheme;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

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
}
