package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The charts' texts (issue 20: the scorecard's trend chart, the bulletin's grade distribution), in English;
 * {@link ChartMessagesZh} has the Chinese, the default. A bundle of their own: Quarkus 3.34 fails on a bundle of
 * more than about 300 messages, and {@link ReportMessages} is close to that.
 */
@MessageBundle(value = "cm", locale = "en")
public interface ChartMessages {

    @Message("Vetoed")
    String trendVetoed();

    @Message("{grade} {min}")
    String trendThreshold(String grade, String min);

    @Message("{grade} {min} ({composite})")
    String trendThresholdOn(String grade, String min, String composite);

    @Message("{period}: {value}")
    String trendPoint(String period, String value);

    @Message("{period}: {value}, vetoed")
    String trendPointVetoed(String period, String value);

    @Message("{period}: no value")
    String trendNoValue(String period);

    @Message("Grade lines: {lines}.")
    String trendLines(String lines);

    @Message("The chart shows the latest {shown} of {total} periods; the table below lists them all.")
    String trendLatest(int shown, int total);

    @Message("; ")
    String listSeparator();

    @Message(".")
    String sentenceEnd();

    @Message("Grade distribution by {level}")
    String distributionHeading(String level);

    @Message("One bar for each {level}, its units by grade, the counts written under it; a vetoed unit is in the last grade and marked apart (hatched). The table gives the same counts. A {level} without evaluated units is left out.")
    String distributionIntro(String level);

    @Message("Graded")
    String distributionGraded();

    @Message("Of which vetoed")
    String distributionVetoed();

    @Message("Not graded")
    String distributionNotGraded();

    @Message("{name} {count}")
    String distributionCount(String name, int count);

    @Message("{group}: {counts}")
    String distributionGroup(String group, String counts);

    @Message("No {level} has evaluated units in this period.")
    String distributionNone(String level);
}
