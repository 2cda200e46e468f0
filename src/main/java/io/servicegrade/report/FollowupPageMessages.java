package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts the rectification, coverage and webhook pages gained in issue 20 (summaries, paging, downloads), in
 * English; {@link FollowupPageMessagesZh} has the Chinese. A bundle of their own: {@link FollowupMessages} and
 * {@link ReportMessages} are not to grow (Quarkus 3.34 fails to start on a bundle of about 300 messages).
 */
@MessageBundle(value = "fpm", locale = "en")
public interface FollowupPageMessages {

    @Message("Summary")
    String fpmSummary();

    @Message("{total} orders in all")
    String fpmOrdersInAll(long total);

    @Message("{state}: {count}")
    String fpmStateCount(String state, long count);

    @Message("Overdue now: {count}")
    String fpmOverdueCount(long count);

    @Message("Rows {from}–{to} of {total}")
    String fpmRowsOf(long from, long to, long total);

    @Message("Pages of the list")
    String fpmPages();

    @Message("Previous page")
    String fpmPrevious();

    @Message("Next page")
    String fpmNext();

    @Message("Download")
    String fpmDownload();

    @Message("Unit code")
    String fpmUnitCode();

    @Message("Overdue")
    String fpmOverdueColumn();



    @Message("{plan}: {covered} of {required} unit-intervals covered ({rate}), {units} units")
    String fpmCoverageSummary(String plan, long covered, long required, String rate, int units);

    @Message("Units overdue now: {overdue}; never inspected: {never}")
    String fpmCoverageCounts(int overdue, int never);

    @Message("Deliveries of every webhook: {delivered} delivered, {failing} failing (to be tried again), {givenUp} "
            + "given up")
    String fpmDeliveries(long delivered, long failing, long givenUp);

    @Message("{shown} deliveries listed: {delivered} delivered, {failing} failing, {givenUp} given up, {pending} "
            + "pending")
    String fpmDeliveriesListed(int shown, long delivered, long failing, long givenUp, long pending);
}
