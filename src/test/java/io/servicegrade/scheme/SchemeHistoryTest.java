package io.servicegrade.scheme;

import io.servicegrade.scoring.LocalizedText;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemeHistoryTest {

    private static final LocalizedText N = new LocalizedText("名", "name");

    static SchemeService.Version version(int number, String from, String to) {
        Scheme scheme = new Scheme("s", N, List.of("window"), LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to), Period.Kind.QUARTER, null, ZoneId.of("Asia/Shanghai"),
                List.of(), List.of(), List.of(), null, List.of());
        return new SchemeService.Version(scheme, number, "api", OffsetDateTime.now());
    }

    static Period quarter(String id) {
        return Period.parse(Period.Kind.QUARTER, id);
    }

    @Test
    void anUnpublishedPeriodFollowsTheLatestVersionThatCoversIt() {
        SchemeHistory history = new SchemeHistory("s", List.of(version(1, "2023-03-01", null),
                version(2, "2023-03-01", null), version(3, "2024-01-01", "2024-06-30")));
        // version 1 started mid-quarter: the quarter overlaps it, so it counts
        assertThat(history.forPeriod(quarter("2023-Q1"), null).version()).isEqualTo(2);
        assertThat(history.forPeriod(quarter("2023-Q4"), null).version()).isEqualTo(2);
        assertThat(history.forPeriod(quarter("2024-Q2"), null).version()).isEqualTo(3);
        // after version 3's last day, version 2 (open-ended) covers again
        assertThat(history.forPeriod(quarter("2024-Q3"), null).version()).isEqualTo(2);
        assertThat(history.forPeriod(quarter("2022-Q4"), null)).isNull();
    }

    @Test
    void aPublishedPeriodKeepsItsVersion() {
        SchemeHistory history = new SchemeHistory("s", List.of(version(1, "2023-01-01", null),
                version(2, "2023-01-01", null)));
        assertThat(history.forPeriod(quarter("2023-Q2"), 1).version()).isEqualTo(1);
        assertThat(history.forPeriod(quarter("2023-Q2"), null).version()).isEqualTo(2);
    }
}
