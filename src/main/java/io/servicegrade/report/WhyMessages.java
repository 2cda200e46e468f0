package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of issue 20's "why" on the report pages (a unit board's targets met or missed, the nominations' path
 * and code columns), in English; {@link WhyMessagesZh} has the Chinese, the default. A bundle of its own:
 * {@link ReportMessages} is close to the size at which Quarkus 3.34 fails to start (see {@link FollowupMessages}).
 */
@MessageBundle(value = "wm", locale = "en")
public interface WhyMessages {

    @Message("Targets of {parent}, over the units shown")
    String wmTargetsOf(String parent);

    @Message("{name}{area} {actual}% (target {op} {required}%, {reaching} of {counted}): {verdict}")
    String wmShareLine(String name, String area, String actual, String op, String required, int reaching,
            int counted, String verdict);

    @Message("{name}{area} {actual} (target {op} {required}, {counted} units): {verdict}")
    String wmMeanLine(String name, String area, String actual, String op, String required, int counted,
            String verdict);

    @Message(" ({area})")
    String wmArea(String area);

    @Message("met")
    String wmMet();

    @Message("missed")
    String wmMissed();

    @Message("Group code")
    String wmGroupCode();

    @Message("Unit code")
    String wmUnitCode();
}
