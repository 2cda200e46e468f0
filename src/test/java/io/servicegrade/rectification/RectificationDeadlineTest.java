package io.servicegrade.rectification;

import io.servicegrade.platform.config.ServiceGradeConfig;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rectification order's own deadline rule (issue 19), pure: each severity takes the days of its setting. How days
 * are counted (calendar or working, holidays, the day of receipt, the zone) is the calendar's, tested in
 * {@code platform/time/WorkingCalendarTest}.
 */
class RectificationDeadlineTest {

    /** Settings unlike the defaults, so a severity taking another's days shows. */
    private record Days(int minor, int major, int veto) implements ServiceGradeConfig.Rectifications.DeadlineDays {
    }

    @Test
    void eachSeverityIsDueInTheDaysOfItsOwnSetting() {
        Days days = new Days(20, 10, 2);
        assertThat(RectificationService.days("minor", days)).isEqualTo(20);
        assertThat(RectificationService.days("major", days)).isEqualTo(10);
        assertThat(RectificationService.days("veto", days)).isEqualTo(2);
    }

    @Test
    void byDefaultAMinorOrderIsDueInFifteenDaysAMajorInSevenAVetoInThree() throws Exception {
        assertThat(defaultOf("minor")).isEqualTo("15");
        assertThat(defaultOf("major")).isEqualTo("7");
        assertThat(defaultOf("veto")).isEqualTo("3");
    }

    private static String defaultOf(String severity) throws NoSuchMethodException {
        return ServiceGradeConfig.Rectifications.DeadlineDays.class.getMethod(severity)
                .getAnnotation(WithDefault.class).value();
    }
}
