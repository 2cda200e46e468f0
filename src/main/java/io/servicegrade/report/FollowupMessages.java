package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the follow-up pages (issue 19: rectification orders, complaints, inspection coverage, the to-do), in
 * English; {@link FollowupMessagesZh} has the Chinese, the default. A bundle of their own: Quarkus 3.34 generates a
 * bundle of more than 300 messages that fails verification at start (quarkusio/quarkus#55584), and
 * {@link ReportMessages} is close to that.
 */
@MessageBundle(value = "fm", locale = "en")
public interface FollowupMessages {

    // issue 19: rectification orders
    @Message("Rectification orders")
    String rectificationsTitle();

    @Message("Rectification order {id}")
    String rectificationTitle(long id);

    @Message("No.")
    String rectNumber();

    @Message("Owner unit")
    String rectUnit();

    @Message("Finding")
    String rectFinding();

    @Message("Severity")
    String rectSeverity();

    @Message("State")
    String rectState();

    @Message("Raised")
    String rectRaisedAt();

    @Message("Due")
    String rectDueAt();

    @Message("Items")
    String rectItems();

    @Message("No rectification orders match.")
    String rectNone();

    @Message("OVERDUE")
    String rectOverdueMark();

    @Message("Filter")
    String rectFilter();

    @Message("any")
    String rectAny();

    @Message("Overdue only")
    String rectOverdueOnly();

    @Message("open")
    String rectStateOpen();

    @Message("replied")
    String rectStateReplied();

    @Message("accepted")
    String rectStateAccepted();

    @Message("returned")
    String rectStateReturned();

    @Message("minor")
    String rectSeverityMinor();

    @Message("major")
    String rectSeverityMajor();

    @Message("veto")
    String rectSeverityVeto();

    @Message("Replies and verifications")
    String rectHistory();

    @Message("Reply")
    String rectStepReply();

    @Message("Accepted")
    String rectStepAccept();

    @Message("Returned")
    String rectStepReturn();

    @Message("late")
    String rectLate();

    @Message("Reply as the owner")
    String rectReplyHeading();

    @Message("What was done")
    String rectReplyText();

    @Message("Evidence links (one per line)")
    String rectEvidence();

    @Message("Send the reply")
    String rectReply();

    @Message("Verify the reply")
    String rectVerifyHeading();

    @Message("Outcome")
    String rectOutcome();

    @Message("Reason (required to return)")
    String rectReason();

    @Message("Record the verification")
    String rectVerify();

    @Message("The reply was recorded.")
    String rectReplied();

    @Message("The verification was recorded.")
    String rectVerified();

    @Message("All rectification orders")
    String rectAll();
    // issue 19: complaints register
    @Message("Complaints")
    String complaintsTitle();

    @Message("Complaint {id}")
    String complaintTitle(long id);

    @Message("No complaint matches.")
    String complaintNone();

    @Message("No.")
    String complaintNumber();

    @Message("Received")
    String complaintReceivedAt();

    @Message("Unit")
    String complaintUnit();

    @Message("Channel")
    String complaintChannel();

    @Message("Category")
    String complaintCategory();

    @Message("Subject")
    String complaintSubject();

    @Message("First responder")
    String complaintFirstResponder();

    @Message("Reply due")
    String complaintDue();

    @Message("State")
    String complaintState();

    @Message("open")
    String complaintStateOpen();

    @Message("overdue")
    String complaintStateOverdue();

    @Message("replied")
    String complaintStateReplied();

    @Message("⚠ past its reply deadline")
    String complaintOverdueMark();

    @Message("replied late")
    String complaintLateMark();

    @Message("Replied")
    String complaintRepliedAt();

    @Message("Resolution")
    String complaintResolution();

    @Message("Customer's satisfaction")
    String complaintSatisfaction();

    @Message("satisfied")
    String complaintSatisfied();

    @Message("unsatisfied")
    String complaintUnsatisfied();

    @Message("not recorded")
    String complaintNotAsked();

    @Message("repeat")
    String complaintRepeat();

    @Message("escalated")
    String complaintEscalated();

    @Message("Flags")
    String complaintFlags();

    @Message("Reply")
    String complaintReplyHeading();

    @Message("Replied at (leave empty for now; ISO-8601 with an offset)")
    String complaintReplyAt();

    @Message("Record the reply")
    String complaintReplySend();

    @Message("The reply was recorded.")
    String complaintRepliedStatus();

    @Message("Filter")
    String complaintFilter();

    @Message("any")
    String complaintAny();

    @Message("Overdue or late only")
    String complaintOverdueOnly();

    @Message("All complaints")
    String complaintAll();

    @Message("hotline")
    String complaintChannelHotline();

    @Message("letter")
    String complaintChannelLetter();

    @Message("online")
    String complaintChannelOnline();

    @Message("walk-in")
    String complaintChannelWalkIn();

    @Message("regulator")
    String complaintChannelRegulator();
    // issue 19: inspection coverage
    @Message("Inspection coverage")
    String coverageTitle();

    @Message("Filters")
    String coverageFilters();

    @Message("Plan")
    String coveragePlan();

    @Message("Unit")
    String coverageUnit();

    @Message("Group by unit kind")
    String coverageLevel();

    @Message("Period")
    String coveragePeriod();

    @Message("As of")
    String coverageAt();

    @Message("Show")
    String coverageShow();

    @Message("Coverage rate per group")
    String coverageRates();

    @Message("Group")
    String coverageGroup();

    @Message("All selected units")
    String coverageAll();

    @Message("Units")
    String coverageUnits();

    @Message("Unit-intervals required")
    String coverageRequired();

    @Message("Covered")
    String coverageCovered();

    @Message("Coverage rate")
    String coverageRate();

    @Message("Overdue inspections")
    String coverageOverdue();

    @Message("Mark")
    String coverageMark();

    @Message("OVERDUE")
    String coverageOverdueMark();

    @Message("Reason")
    String coverageReason();

    @Message("Current interval")
    String coverageInterval();

    @Message("Overdue since")
    String coverageSince();

    @Message("Last inspected")
    String coverageLastInspected();

    @Message("Never inspected")
    String coverageNeverInspected();

    @Message("never")
    String coverageNeverShort();

    @Message("None.")
    String coverageNone();

    @Message("Area")
    String coverageArea();

    @Message("urban")
    String coverageUrban();

    @Message("rural")
    String coverageRural();

    @Message("the last interval was missed")
    String coverageMissedLast();

    @Message("past the middle of the interval")
    String coveragePastMidpoint();

    // issue 19: a manager's to-do
    @Message("To do")
    String todoTitle();

    @Message("What awaits an answer in your units: rectification orders to reply to and complaints to answer, the earliest deadline first.")
    String todoIntro();

    @Message("Rectification orders awaiting a reply: {count} ({overdue} overdue)")
    String todoRectifications(int count, long overdue);

    @Message("Rectification orders awaiting a reply, the earliest deadline first")
    String todoRectificationsCaption();

    @Message("Complaints awaiting an answer: {count} ({overdue} overdue)")
    String todoComplaints(int count, long overdue);

    @Message("Complaints awaiting an answer, the earliest deadline first")
    String todoComplaintsCaption();

    @Message("Nothing awaits you here.")
    String todoNothing();

    @Message("All rectification orders")
    String todoAllRectifications();

    @Message("All complaints")
    String todoAllComplaints();

    // issue 19b: complaints
    @Message("Record the customer's satisfaction (回访)")
    String complaintSatisfactionHeading();

    @Message("choose")
    String complaintChoose();

    @Message("Record the satisfaction")
    String complaintSatisfactionSend();

    @Message("The customer's satisfaction was recorded.")
    String complaintSatisfactionStatus();

    @Message("Register a complaint")
    String complaintRegisterHeading();

    @Message("Received at (e.g. 2025-03-07T16:00, in the server's time zone unless an offset is given)")
    String complaintReceivedAtHint();

    @Message("Customer reference (an id or a phone number's hash; only its SHA-256 is kept, never shown)")
    String complaintCustomerRef();

    @Message("Register")
    String complaintRegisterSend();

    @Message("The complaint was registered.")
    String complaintRegisteredStatus();
    // issue 19b: imports
    @Message("Raise orders from a file")
    String rectImportTitle();

    @Message("A CSV or XLSX file, one order a row, in the columns unit, title, itemKey, severity, dueAt (by hand) or evaluation, items (separated by ;), veto (from an evaluation). All or nothing: if a cell is wrong, nothing is stored.")
    String rectImportHint();

    @Message("File")
    String rectImportFile();

    @Message("Import")
    String rectImportSubmit();

    @Message("{count} orders were raised from the file.")
    String rectImported(int count);

    @Message("Choose a CSV or XLSX file.")
    String rectImportNoFile();

    @Message("Row {row}, column {column}: {text}")
    String rectImportCell(String row, String column, String text);

    @Message("Row {row}: {text}")
    String rectImportRow(String row, String text);
    // issue 19b: webhooks
    @Message("Webhooks")
    String webhooksTitle();

    @Message("Webhook {id}: delivery log")
    String webhookLogTitle(long id);

    @Message("Subscriptions and how their deliveries stand")
    String whSubscriptions();

    @Message("No.")
    String whNumber();

    @Message("Receiver URL")
    String whUrl();

    @Message("Event kinds")
    String whKinds();

    @Message("Active")
    String whActive();

    @Message("yes")
    String whYes();

    @Message("no")
    String whNo();

    @Message("Delivered")
    String whDelivered();

    @Message("Failing")
    String whFailing();

    @Message("Given up")
    String whGivenUp();

    @Message("Pending")
    String whPending();

    @Message("No webhook subscriptions.")
    String whNone();

    @Message("No deliveries match.")
    String whNoDeliveries();

    @Message("Filter")
    String whFilter();

    @Message("State")
    String whState();

    @Message("Event kind")
    String whKind();

    @Message("Last days")
    String whDays();

    @Message("Any")
    String whAny();

    @Message("webhook-id")
    String whEvent();

    @Message("Subject")
    String whSubject();

    @Message("Attempts")
    String whAttempts();

    @Message("Last attempt")
    String whLastAttempt();

    @Message("Next attempt")
    String whNextAttempt();

    @Message("FAILED")
    String whFailedMark();

    @Message("GAVE UP")
    String whGivenUpMark();

    @Message("Send again")
    String whReplay();

    @Message("The delivery is sent again: a new series of attempts, the same webhook-id.")
    String whReplayed();

    @Message("Download CSV")
    String whExportCsv();

    @Message("Download XLSX")
    String whExportXlsx();

    @Message("All webhooks")
    String whAll();

    @Message("days: a whole number from 1 to 366")
    String whDaysInvalid();

    @Message("no answer")
    String whNoAnswer();
}
