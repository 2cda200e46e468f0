package io.servicegrade.report;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Every text of the report pages, in English; {@link ReportMessagesZh} has the Chinese, which is the default. */
@MessageBundle(value = "msg", locale = "en")
public interface ReportMessages {

    @Message("ServiceGrade service quality")
    String appName();

    @Message("Home")
    String home();

    @Message("Reports")
    String homeTitle();

    @Message("Choose a scheme and a period to read its standings, notice and bulletin; every page prints and exports to CSV.")
    String homeIntro();

    @Message("Skip to content")
    String skipToContent();

    @Message("中文")
    String switchLanguage();

    @Message("Printed {time}")
    String printedAt(String time);

    @Message("Download CSV (opens in Excel)")
    String downloadCsv();

    @Message("Print")
    String print();

    @Message("No data yet.")
    String noData();

    @Message("Page {page} of {pages}")
    String pageOf(int page, int pages);

    @Message("Previous page")
    String previousPage();

    @Message("Next page")
    String nextPage();

    @Message("{count} rows")
    String rows(int count);

    @Message("Sign in")
    String signIn();

    @Message("Sign out")
    String signOut();

    @Message("Signed in")
    String signedIn();

    @Message("API key")
    String apiKey();

    @Message("Sign in to read evaluations")
    String signInTitle();

    @Message("Evaluation sheets and lists are open to signed-in readers only: sign in with your account, or with an agency's API key. This browser keeps only a random session id in a cookie.")
    String signInIntro();

    @Message("The key is not valid or has been revoked.")
    String signInFailed();

    @Message("Sign in to see this period's evaluations.")
    String signInToSeeEvaluations();

    @Message("Scheme")
    String scheme();

    @Message("Schemes")
    String schemes();

    @Message("Period")
    String period();

    @Message("Periods")
    String periods();

    @Message("Published")
    String published();

    @Message("Not published")
    String unpublished();

    @Message("Final (closing {closing})")
    String closedStatus(int closing);

    @Message("Scheme version {version}")
    String schemeVersion(int version);

    @Message("Level")
    String level();

    @Message("Under (unit code)")
    String under();

    @Message("Service line")
    String serviceLine();

    @Message("Area")
    String area();

    @Message("All")
    String all();

    @Message("Apply")
    String apply();

    @Message("urban")
    String urban();

    @Message("rural")
    String rural();

    @Message("Standings")
    String boardTitle();

    @Message("Standings")
    String standings();

    @Message("Rank")
    String rank();

    @Message("Unit")
    String unit();

    @Message("Code")
    String code();

    @Message("Grade")
    String grade();

    @Message("Change")
    String change();

    @Message("Previous rank")
    String previousRank();

    @Message("Vs parent mean")
    String parentDifference();

    @Message("Score")
    String value();

    @Message("Vetoed")
    String vetoed();

    @Message("Vetoed (evaluation {id})")
    String vetoedBy(String id);

    // issue 18: a unit vetoed by a confirmed veto event, with the event's kind and day
    @Message("Vetoed: {kind}, {date}")
    String vetoedByEvent(String kind, String date);

    @Message("media exposure")
    String vetoKindMediaExposure();

    @Message("named criticism by a government department")
    String vetoKindGovernmentCriticism();

    @Message("major safety accident")
    String vetoKindSafetyAccident();

    @Message("other event")
    String vetoKindOther();

    @Message("Incomplete")
    String incomplete();

    @Message("Not graded")
    String notGraded();

    @Message("Sort by {column}")
    String sortBy(String column);

    @Message("Graded")
    String graded();

    @Message("Mean")
    String mean();

    @Message("{grade} share")
    String share(String grade);

    @Message("Targets")
    String targets();

    @Message("{area}: {required}% required, {actual}% reached")
    String targetLine(String area, String required, String actual);

    @Message("met")
    String met();

    @Message("not met")
    String notMet();

    @Message("Scorecard")
    String scorecardTitle();

    @Message("Trend over the periods")
    String trend();

    @Message("Chart of {unit}'s score over the periods")
    String trendChartLabel(String unit);

    @Message("Evaluations in {period}")
    String evaluationsOfPeriod(String period);

    @Message("Standings of the units under it")
    String children();

    @Message("Conducted")
    String conductedAt();

    @Message("Source")
    String source();

    @Message("Score")
    String score();

    @Message("Rubric")
    String rubric();

    @Message("Evaluation")
    String evaluation();

    @Message("Open")
    String open();

    @Message("Evaluation sheet")
    String sheetTitle();

    @Message("Section")
    String section();

    @Message("Item")
    String item();

    @Message("Points")
    String maxPoints();

    @Message("Awarded")
    String awarded();

    @Message("Deductions and causes")
    String deductions();

    @Message("N/A")
    String notApplicable();

    @Message("Veto")
    String vetoResult();

    @Message("No veto")
    String vetoPassed();

    @Message("Vetoed: {item}")
    String vetoFailed(String item);

    @Message("Evidence")
    String evidence();

    @Message("Revision history")
    String history();

    @Message("Revision")
    String revision();

    @Message("Kind")
    String kind();

    @Message("At")
    String at();

    @Message("Reason")
    String reason();

    @Message("Previous score")
    String previousScore();

    @Message("Agency")
    String agency();

    @Message("Evaluator")
    String evaluator();

    @Message("Comment")
    String comment();

    @Message("Total")
    String total();

    @Message("Status")
    String status();

    @Message("Voided")
    String voided();

    @Message("Active")
    String active();

    @Message("created")
    String kindCreated();

    @Message("revised")
    String kindRevised();

    @Message("voided")
    String kindVoided();

    @Message("Public notice")
    String noticeTitle();

    @Message("Under the scheme “{scheme}”, the units below are proposed for the grades shown for {period}. They are published here for objection.")
    String noticeIntro(String scheme, String period);

    @Message("Objections may be made from {from} to {to}.")
    String objectionPeriod(String from, String to);

    // issue 18: where the period stands
    @Message("Draft.")
    String stageDraftLabel();

    @Message("This period is not published: its results may still change, and the objection period begins on publication.")
    String stageDraft();

    @Message("DRAFT")
    String draftWatermark();

    @Message("Published for objection.")
    String stagePublishedLabel();

    @Message("Published on {published}; objections are heard until the end of {last}.")
    String stagePublished(String published, String last);

    @Message("Published on {published}, with no objection period.")
    String stagePublishedNoWindow(String published);

    @Message("Final.")
    String stageFinalLabel();

    @Message("Closed on {closed} (closing {closing}): these results no longer change.")
    String stageFinal(String closed, int closing);

    @Message("The objection period of {days} day(s) will begin when the period is published.")
    String objectionToCome(int days);

    @Message("The objection period ran from {from} to {to}.")
    String objectionWas(String from, String to);

    @Message("This period was published with no objection period.")
    String objectionNone();

    @Message("To object, write to the evaluation office within that period, naming the unit and your reasons, and leave a way to reach you.")
    String howToObject();

    @Message("Proposed as {grade}")
    String proposedFor(String grade);

    @Message("The evaluation office")
    String issuer();

    @Message("Bulletin")
    String bulletinTitle();

    @Message("This bulletin reports {scheme} for {period}.")
    String bulletinIntro(String scheme, String period);

    @Message("Unit")
    String branch();

    @Message("Best units")
    String best();

    @Message("Weakest units")
    String worst();

    @Message("Since the previous period")
    String changeSincePrevious();

    @Message("up")
    String up();

    @Message("down")
    String down();

    @Message("unchanged")
    String same();

    @Message("no previous data")
    String noPrevious();

    @Message("Not found")
    String notFound();

    @Message("{count} samples")
    String sampleCount(int count);

    // issue 14: sessions
    @Message("Refused")
    String refusedTitle();

    @Message("Bad request")
    String badRequestTitle();

    @Message("This form was sent from another site, or from a page that is out of date. Open the page again and send the form from there.")
    String crossSiteForm();

    @Message("{field} contains a control character (such as NUL), which no report page accepts.")
    String badCharacters(String field);

    // issue 16: account administration
    @Message("Login")
    String login();

    @Message("Password")
    String password();

    @Message("Or sign in with an agency's API key")
    String signInWithKey();

    @Message("The login or the password is wrong.")
    String accountSignInFailed();

    @Message("Too many failed sign-ins of this login; try again in {seconds} s. The password was not checked.")
    String accountLockedOut(long seconds);

    @Message("Too many failed sign-ins")
    String lockedOutTitle();

    @Message("Signed in: {who}")
    String signedInAs(String who);

    @Message("Accounts")
    String accountsAdmin();

    @Message("Display name")
    String displayName();

    @Message("Roles")
    String roles();

    @Message("Scope (unit codes, separated by spaces or commas)")
    String scopeCodes();

    @Message("Agency code (an account of the agency role acts as this agency)")
    String agencyCode();

    @Message("Sources it may post (inspector or agency; separated by spaces or commas; empty: every source)")
    String sourceKeys();

    @Message("Disabled")
    String accountDisabled();

    @Message("New account")
    String newAccount();

    @Message("Password (leave empty to have one generated)")
    String passwordOptional();

    @Message("Create")
    String create();

    @Message("Save")
    String save();

    @Message("Reset password")
    String resetPassword();

    @Message("A new password is generated and shown once; the account's tokens are revoked and its sessions end.")
    String resetPasswordNote();

    @Message("Account")
    String editAccountTitle();

    @Message("Saved.")
    String accountSaved();

    @Message("The account is made.")
    String accountMade();

    @Message("The password is reset.")
    String passwordReset();

    @Message("Its password, shown this once: copy it now and hand it over safely.")
    String generatedPassword();

    @Message("It keeps the password that was given.")
    String noGeneratedPassword();

    @Message("Nothing was changed:")
    String nothingChanged();

    @Message("All accounts")
    String allAccounts();

    @Message("Disabled: cannot sign in; its tokens and sessions stop working")
    String disableAccountLabel();
    // issue 16: single sign-on
    @Message("Sign in with {provider}")
    String signInWith(String provider);

    // issue 16: single sign-on subject
    @Message("Single sign-on subject (the person's 'sub' at the identity provider; empty: not linked)")
    String oidcSubjectLabel();

    // issue 16: scoped reads
    @Message("Sign in to see the periods of this scheme and their standings.")
    String periodsNeedSignIn();

    // issue 17: bulletin parts
    @Message("Bulletin period within it")
    String bulletinPart();
    // issue 17: unit tags
    @Message("Tag")
    String unitTagFilter();
    // issue 17: grades and targets
    @Message("{name} · {area}: at least {required}% required, {actual}% reached ({reaching} of {counted})")
    String targetShareAtLeast(String name, String area, String required, String actual, int reaching, int counted);

    @Message("{name} · {area}: at most {required}% allowed, {actual}% reached ({reaching} of {counted})")
    String targetShareAtMost(String name, String area, String required, String actual, int reaching, int counted);

    @Message("{name} · {area}: a mean of at least {required} required, {actual} reached ({counted} units)")
    String targetMeanAtLeast(String name, String area, String required, String actual, int counted);

    @Message("{name} · {area}: a mean of at most {required} allowed, {actual} reached ({counted} units)")
    String targetMeanAtMost(String name, String area, String required, String actual, int counted);

    @Message("all")
    String targetAreaAll();

    // issue 18: nominations and benchmark units on the notice and the bulletin
    @Message("Nominations and benchmark units")
    String nominationsHeading();

    @Message("Nominees by group and service line")
    String nominationsCaption();

    @Message("Benchmark unit of each service line")
    String benchmarksCaption();

    @Message("Nominated by")
    String nominationGroup();

    @Message("State")
    String nominationState();

    @Message("proposed")
    String nominationProposed();

    @Message("confirmed")
    String nominationConfirmed();

    @Message("approved")
    String nominationApproved();

    @Message("replaced")
    String nominationReplaced();
    // issue 18: appeals
    @Message("Appeals")
    String appealsTitle();

    @Message("Appeal {id}")
    String appealTitle(long id);

    @Message("File an appeal")
    String appealFileHeading();

    @Message("Scheme (key)")
    String appealScheme();

    @Message("Period (e.g. 2025-Q3; needed with a unit)")
    String appealPeriod();

    @Message("Evaluation (its number)")
    String appealEvaluation();

    @Message("Unit (its code, for an appeal against its standing)")
    String appealUnit();

    @Message("Items appealed against (keys separated by spaces; optional)")
    String appealItems();

    @Message("Reasons")
    String appealReasons();

    @Message("Evidence (one http or https link per line)")
    String appealEvidence();

    @Message("File the appeal")
    String appealFile();

    @Message("No.")
    String appealNumber();

    @Message("Against")
    String appealAgainst();

    @Message("State")
    String appealState();

    @Message("Objection window ends")
    String appealDeadline();

    @Message("Filed")
    String appealFiledAt();

    @Message("Decided")
    String appealDecidedAt();

    @Message("Awaiting decision")
    String appealStateFiled();

    @Message("Upheld")
    String appealStateUpheld();

    @Message("Rejected")
    String appealStateRejected();

    @Message("Decide")
    String appealDecisionHeading();

    @Message("Outcome")
    String appealOutcome();

    @Message("Reason")
    String appealDecisionReason();

    @Message("Correction of the evaluation")
    String appealCorrection();

    @Message("None")
    String appealCorrectionNone();

    @Message("Void the evaluation")
    String appealCorrectionVoid();

    @Message("Revise its answers")
    String appealCorrectionRevision();

    @Message("New answers (JSON, as the API takes them)")
    String appealAnswers();

    @Message("Record the decision")
    String appealDecide();

    @Message("No appeals.")
    String appealNone();

    @Message("Awaiting decision")
    String appealQueue();

    @Message("All appeals")
    String appealAll();

    @Message("the standing of {unit}")
    String appealStandingOf(String unit);

    @Message("evaluation {id} of {unit}")
    String appealEvaluationOf(long id, String unit);

    @Message("revision {revision}")
    String appealRevision(int revision);

    @Message("voided (revision {revision})")
    String appealVoided(int revision);

    @Message("Evidence {n}")
    String appealEvidenceLink(int n);

    @Message("The appeal was filed.")
    String appealFiled();

    @Message("The decision was recorded.")
    String appealDecided();

    @Message("Agency")
    String appealAgency();

    @Message("Outcomes of appeals")
    String appealOutcomes();
}
