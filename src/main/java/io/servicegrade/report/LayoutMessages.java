package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the boards' filters by name and of their print and phone layout (issue 20), in English;
 * {@link LayoutMessagesZh} has the Chinese, the default. A bundle of their own: {@link ReportMessages} is close to
 * the size at which Quarkus 3.34 generates a bundle that fails verification (see {@link FollowupMessages}).
 */
@MessageBundle(value = "lm", locale = "en")
public interface LayoutMessages {

    @Message("Under (a unit's name or code)")
    String under();

    @Message("Postal counter")
    String lineCounter();

    @Message("Savings")
    String lineSavings();

    @Message("Delivery")
    String lineDelivery();

    @Message("No unit “{typed}”: this filter is not applied; the others are.")
    String unknownUnit(String typed);

    @Message("“{typed}” names several units ({names}): type a code or choose one of the suggestions; this filter is "
            + "not applied.")
    String ambiguousUnit(String typed, String names);

    @Message("No service line “{typed}” (there are: {known}): this filter is not applied; the others are.")
    String unknownLine(String typed, String known);

    @Message("“{typed}” names several service lines ({names}): this filter is not applied.")
    String ambiguousLine(String typed, String names);

    @Message("Filters")
    String filterNotices();

    @Message("a name or a code")
    String nameOrCode();

    @Message(", ")
    String listSeparator();
}
