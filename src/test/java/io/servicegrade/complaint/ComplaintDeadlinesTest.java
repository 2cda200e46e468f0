package io.servicegrade.complaint;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A complaint's reply days, the figures' periods and arithmetic, and the customer's hash, without a server (issue 19).
 */
class ComplaintDeadlinesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant at(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    @Test
    void aReplyIsDueThreeDaysAfterTheDayOfReceiptByDefault() throws Exception {
        // the feature's own rule is the number of days; how they are counted is WorkingCalendarTest's
        assertThat(ServiceGradeConfig.Complaints.class.getMethod("replyDays").getAnnotation(WithDefault.class)
                .value()).isEqualTo("3");
    }

    @Test
    void periodsAreMonthsQuartersOrYearsInTheServersZone() {
        ComplaintFigures.Period q = ComplaintFigures.period("2025-Q2");
        assertThat(q.months()).containsExactly(YearMonth.of(2025, 4), YearMonth.of(2025, 5), YearMonth.of(2025, 6));
        assertThat(q.from(SHANGHAI).toInstant()).isEqualTo(at("2025-04-01T00:00:00+08:00"));
        assertThat(q.to(SHANGHAI).toInstant()).isEqualTo(at("2025-07-01T00:00:00+08:00"));
        assertThat(ComplaintFigures.period("2025").months()).hasSize(12);
        assertThat(ComplaintFigures.period("2025-02").firstDays()).containsExactly(LocalDate.of(2025, 2, 1));
        for (String bad : List.of("2025-13", "2025-Q5", "25-01", "2025-1", "")) {
            assertThat(ComplaintFigures.period(bad)).as(bad).isNull();
        }
    }

    @Test
    void ratesAreRoundedOnceAndNullWithoutADenominator() {
        // 7 complaints, 5 replied (4 timely), 1 overdue: 4 × 100 / 6 = 66.666… → 66.67; 3 rated, 1 satisfied:
        // 33.333… → 33.33; 2 repeats of 7: 28.571… → 28.57; 7 × 10000 / 30000 = 2.333… → 2.33
        ComplaintFigures.Counts c = new ComplaintFigures.Counts(7, 5, 4, 1, 3, 1, 2, 0, 30000L);
        assertThat(c.timelinessRate()).isEqualTo(new BigDecimal("66.67"));
        assertThat(c.satisfactionRate()).isEqualTo(new BigDecimal("33.33"));
        assertThat(c.repeatRate()).isEqualTo(new BigDecimal("28.57"));
        assertThat(c.perTenThousand()).isEqualTo(new BigDecimal("2.33"));
        // a group: volumes add; none and none is none
        ComplaintFigures.Counts other = new ComplaintFigures.Counts(1, 0, 0, 0, 0, 0, 0, 1, null);
        assertThat(c.plus(other).volume()).isEqualTo(30000L);
        assertThat(c.plus(other).perTenThousand()).isEqualTo(new BigDecimal("2.67"));
        assertThat(other.plus(other).perTenThousand()).isNull();
        assertThat(ComplaintFigures.Counts.NONE.timelinessRate()).isNull();
        assertThat(new ComplaintFigures.Counts(3, 0, 0, 0, 0, 0, 0, 0, 0L).perTenThousand()).isNull();
    }

    @Test
    void theCustomerReferenceIsKeptAsItsSha256() {
        // SHA-256 of "abc" (FIPS 180-2's example)
        assertThat(ComplaintInput.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
