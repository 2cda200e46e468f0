package io.servicegrade.platform.problem;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** Every text a client reads in an error, in English; {@link ProblemMessagesZh} has the Chinese. */
@MessageBundle(value = "problem", locale = "en")
public interface ProblemMessages {

    @Message("The request is invalid")
    String validationTitle();

    @Message("{count} field(s) are invalid; nothing was stored.")
    String validationDetail(int count);

    @Message("Not found")
    String notFoundTitle();

    @Message("Bad request")
    String badRequestTitle();

    @Message("The body is not well-formed JSON: {reason}")
    String malformedJson(String reason);

    @Message("must be a JSON {jsonType}")
    String wrongType(String jsonType);

    @Message("The request body is missing.")
    String bodyMissing();

    @Message("Authentication required")
    String unauthorizedTitle();

    @Message("Send a valid API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.")
    String unauthorizedDetail();

    @Message("Method not allowed")
    String methodNotAllowedTitle();

    @Message("{method} is not allowed on {path}.")
    String methodNotAllowedDetail(String method, String path);

    @Message("Unsupported media type")
    String unsupportedMediaTypeTitle();

    @Message("This endpoint does not accept the content type '{contentType}'.")
    String unsupportedMediaTypeDetail(String contentType);

    @Message("Not acceptable")
    String notAcceptableTitle();

    @Message("This endpoint cannot answer in the media type asked for.")
    String notAcceptableDetail();

    @Message("Payload too large")
    String payloadTooLargeTitle();

    @Message("The request body is larger than the server accepts.")
    String payloadTooLargeDetail();

    @Message("At most {max} units per request; this one has {count}.")
    String tooManyUnits(int max, int count);

    @Message("Conflict")
    String conflictTitle();

    @Message("Internal error")
    String internalTitle();

    @Message("The server failed to handle this request. Quote error id {id} when reporting it.")
    String internalDetail(String id);

    @Message("Service unavailable")
    String unavailableTitle();

    @Message("The database is unreachable; try again shortly.")
    String databaseUnavailable();

    @Message("Too busy")
    String overloadedTitle();

    @Message("The server has more work than it can take now: this request found no database connection or turn to write within {ms} ms and changed nothing. Send it again after the time in Retry-After.")
    String overloadedDetail(long ms);

    @Message("Many pages and exports are being built at once: this one found no turn to be built within {ms} ms. Ask for it again after the time in Retry-After.")
    String pagesBusyDetail(long ms);

    @Message("Nothing is found at {path}.")
    String noSuchPath(String path);

    // Units

    @Message("There is no unit with code '{code}'.")
    String unitNotFound(String code);

    @Message("is required")
    String required();

    @Message("must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'")
    String unitCodeFormat();

    @Message("must be at most {max} characters")
    String tooLong(int max);

    @Message("must be a lower-case token (a-z, 0-9, '_' or '-', starting with a letter, at most 32 characters)")
    String tokenFormat();

    @Message("must be 'urban' or 'rural'")
    String areaValue();

    @Message("no unit has code '{parent}', in this request or stored")
    String unknownParent(String parent);

    @Message("a unit cannot be its own parent")
    String ownParent();

    @Message("moving this unit under '{parent}' would make it its own ancestor")
    String cycle(String parent);

    @Message("code '{code}' appears more than once in this request (also at index {other})")
    String duplicateCode(String code, int other);

    @Message("a unit's code cannot change")
    String codeImmutable();

    @Message("is not a known field")
    String unknownField();

    @Message("must be true or false")
    String booleanValue();

    @Message("the CSV header must name the columns code, name, kind, parent, serviceLine, area (active is optional); '{column}' is not one of them")
    String csvUnknownColumn(String column);

    @Message("the CSV header lacks the column '{column}'")
    String csvMissingColumn(String column);

    @Message("the CSV text cannot be read: {reason}")
    String csvUnreadable(String reason);

    @Message("must be a number from {min} to {max}")
    String numberRange(int min, int max);

    @Message("is not a valid cursor")
    String badCursor();

    // API keys

    @Message("There is no API key with id {id}.")
    String apiKeyNotFound(long id);

    @Message("The last active API key cannot be revoked: create another one first.")
    String lastApiKey();

    // Rubrics

    @Message("en")
    String language();

    @Message("There is no rubric '{key}'.")
    String rubricNotFound(String key);

    @Message("Rubric '{key}' has no version {version}.")
    String rubricVersionNotFound(String key, int version);

    @Message("must be '{key}', the key in the URL, or be left out")
    String rubricKeyMismatch(String key);

    @Message("The body is not well-formed YAML: {reason}")
    String malformedYaml(String reason);

    // Access, agencies, evaluations

    @Message("Forbidden")
    String forbiddenTitle();

    @Message("This needs the admin key.")
    String adminOnly();

    @Message("Evaluation {id} belongs to another agency.")
    String notYourEvaluation(long id);

    @Message("There is no agency '{code}'.")
    String agencyNotFound(String code);

    @Message("An agency with code '{code}' exists already.")
    String agencyExists(String code);

    @Message("'{source}' is not a known source; known: {known}")
    String unknownSource(String source, String known);

    @Message("this agency may not post '{source}' evaluations")
    String sourceNotAllowed(String source);

    @Message("This agency may not post some of these evaluations.")
    String sourcesNotAllowed();

    @Message("must be an ISO-8601 date and time with an offset, e.g. 2026-03-01T10:15:00+08:00")
    String dateTimeFormat();

    @Message("must not be more than a day in the future")
    String futureDate();

    @Message("no rubric '{rubric}' (or no such version)")
    String unknownRubric(String rubric);

    @Message("external id '{externalId}' appears more than once in this batch (also at index {other})")
    String duplicateExternalId(String externalId, int other);

    @Message("External id '{externalId}' is already used by evaluation {id} with different content; send it with a reason to revise it.")
    String externalIdTaken(String externalId, long id);

    @Message("At most {max} evaluations per request; this one has {count}.")
    String tooManyEvaluations(int max, int count);

    @Message("There is no evaluation {id}.")
    String evaluationNotFound(long id);

    @Message("Evaluation {id} is voided; it can no longer change.")
    String evaluationVoided(long id);

    @Message("This Idempotency-Key was used with a different request body.")
    String idempotencyMismatch();

    @Message("A request with this Idempotency-Key is still being processed; retry shortly.")
    String idempotencyRunning();

    @Message("must be one of: {values}")
    String oneOf(String values);

    // issue 18: unit veto events (一票否决事件) and exemptions (免责)
    @Message("There is no veto event {id}.")
    String vetoEventNotFound(String id);

    @Message("Veto event {id} is {state}; this step needs it {needed}.")
    String vetoEventState(long id, String state, String needed);

    @Message("no unit has code '{code}'")
    String vetoUnknownUnit(String code);

    @Message("must be a date, e.g. 2025-05-12")
    String vetoDateFormat();

    @Message("must be an http or https link of at most 2000 characters")
    String vetoEvidenceLink();

    @Message("names the event's own unit or another staff unit twice")
    String vetoStaffRepeated();

    @Message("must name a scheme's period (e.g. 2025-Q2) or a year (e.g. 2025)")
    String vetoPeriodFormat();

    @Message("cannot be read; the notation here is: {expected}")
    String notation(String expected);

    @Message("There is no import {id}.")
    String importNotFound(long id);

    @Message("Import {id} was started by another agency.")
    String notYourImport(long id);

    @Message("is not a column this file can have: the fixed columns, or an item of the row's rubric")
    String unknownColumn();

    @Message("the file cannot be read as {format}: {reason}")
    String unreadableFile(String format, String reason);

    // Schemes and standings

    @Message("There is no scheme '{key}'.")
    String schemeNotFound(String key);

    @Message("Scheme '{key}' has no version {version}.")
    String schemeVersionNotFound(String key, int version);

    @Message("must be a {kind} of this scheme, such as {example}")
    String periodFormat(String kind, String example);

    @Message("cannot change from {was} once the scheme has versions: standings already computed depend on it; store a new scheme under another key instead")
    String schemeFrameFixed(String was);

    @Message("no version of this scheme covers {period} (its active dates)")
    String periodNotCovered(String period);

    // issue 14: imports

    @Message("At most {max} evaluations per file: row {row} is the first past them, and reading stopped there.")
    String rowLimitReached(int max, int row);

    @Message("is longer than {max} characters")
    String cellTooLong(int max);

    @Message("has more than {max} columns")
    String tooManyColumns(int max);

    @Message("is not valid UTF-8: save the file as \"CSV UTF-8\"")
    String notUtf8();

    @Message("holds a control character (such as NUL), which a cell cannot hold")
    String cellControlCharacter();

    @Message("The file unpacks to more than {max}; it is refused without being read further.")
    String unpackedTooLarge(String max);

    @Message("Too many imports")
    String tooManyImportsTitle();

    @Message("This agency has {max} imports unfinished; send the file again once one has finished.")
    String agencyImportsBusy(int max);

    @Message("The server is running {max} imports already; send the file again shortly.")
    String serverImportsBusy(int max);

    @Message("The import was left unfinished by a restart or a crash {resumes} time(s) after it was started again; it is not run once more. Check the file and send it again.")
    String importResumedTooOften(int resumes);
    // issue 14: graphql

    @Message("The query expands to {fields} fields (every fragment spread and alias counted); at most {max} are allowed. Ask for fewer fields or aliases.")
    String graphqlTooManyFields(long fields, long max);

    @Message("The query would cost {cost} (each field once, times the page size of every list it is under); at most {max} is allowed. Ask for fewer fields, aliases or smaller pages.")
    String graphqlTooCostly(long cost, long max);

    @Message("The query nests fragments too deeply or in a cycle.")
    String graphqlFragmentsTooDeep();

    @Message("The query ran longer than {limit} and was stopped.")
    String graphqlTimeout(String limit);

    @Message("The answer would be larger than {max} bytes; ask for fewer fields or a smaller page.")
    String graphqlResponseTooLarge(long max);

    @Message("This connection already has {max} subscriptions; complete one before starting another.")
    String graphqlTooManySubscriptions(int max);

    @Message("Events came faster than this subscription read them ({max} waiting); it was ended. Subscribe again and read the current state.")
    String graphqlSubscriberTooSlow(int max);

    @Message("{path} contains a control character (U+0000 to U+001F other than tab and line breaks).")
    String graphqlControlCharacter(String path);

    @Message("{path} must be a whole number; null is not allowed (leave the argument out for its default).")
    String graphqlNullPageSize(String path);

    @Message("The request must be a JSON object with a string 'query'.")
    String graphqlRequestNotObject();

    @Message("'{member}' must be a string.")
    String graphqlRequestNotString(String member);

    @Message("'{member}' must be a JSON object.")
    String graphqlRequestNotAnObject(String member);

    @Message("'variables' nest deeper than {max} levels.")
    String graphqlVariablesTooDeep(int max);

    @Message("The request body is not well-formed JSON.")
    String graphqlRequestMalformed();
    // issue 14: inputs

    @Message("A body here may have at most {max} bytes; nothing was read.")
    String bodyOverLimit(long max);

    @Message("The body is not Unicode text: it holds half of a surrogate pair.")
    String notUnicode();

    @Message("holds half of a surrogate pair without its other half: not Unicode text")
    String loneSurrogate();

    @Message("holds the control character {code}: only tab and line breaks are allowed in a text")
    String controlCharacter(String code);

    @Message("holds the control character {code}: a name, code or filter holds no control characters")
    String controlCharacterInLine(String code);

    @Message("must be a finite number with at most {integerDigits} digits before the point and {fractionDigits} after it")
    String numberBounds(int integerDigits, int fractionDigits);

    @Message("The YAML body took more than {seconds} s to read: write long texts as block scalars (|), or send JSON.")
    String yamlTooSlow(long seconds);

    // issue 14: units CSV body

    @Message("The body is not valid UTF-8: save it as UTF-8 (\"CSV UTF-8\" in Excel).")
    String bodyNotUtf8();

    // issue 14: fuzz findings

    @Message("the columns {first} and {second} both give {field}: keep one of them")
    String duplicateColumn(String field, String first, String second);

    @Message("its part {part} is compressed with {method}: a spreadsheet stores or deflates its parts")
    String unsupportedCompression(String part, String method);

    // issue 15: GraphQL errors
    // issue 15: GraphQL schema (cursors, arguments)

    @Message("Stale cursor")
    String staleCursorTitle();

    @Message("The cursor given as '{argument}' was read from revision {cursorRevision}; the list is at revision {currentRevision} now. Start again from the first page.")
    String staleCursorDetail(String argument, long cursorRevision, long currentRevision);

    @Message("was read from a list that has changed since: start again from the first page")
    String staleCursor();

    @Message("The request has no GraphQL document: send it as 'query'.")
    String graphqlQueryMissing();

    // issue 15: tools

    @Message("The query nests {depth} fields inside one another; at most {max} are allowed (introspection not counted). Ask for fewer levels.")
    String graphqlTooDeep(long depth, long max);

    @Message("A mutation must be sent with POST; GET carries queries only.")
    String graphqlMutationOverGet();

    @Message("Origin not allowed")
    String originNotAllowedTitle();

    @Message("Pages on {origin} may not call this API: the server allows the origins listed in QUARKUS_HTTP_CORS_ORIGINS, and this is not one of them.")
    String originNotAllowed(String origin);

    @Message("The document has no operation named '{name}'.")
    String graphqlUnknownOperation(String name);

    @Message("is not a cursor of this query: pass the endCursor of a page read with the same arguments")
    String foreignCursor();

    @Message("is not an id this server gave")
    String badGlobalId();
    // issue 15: mutations

    @Message("There is no evaluation '{id}'.")
    String evaluationIdNotFound(String id);

    @Message("There is no API key '{id}'.")
    String apiKeyIdNotFound(String id);

    // issue 16: accounts
    @Message("This is for people's accounts: send a personal access token (made by POST /api/v1/auth/tokens).")
    String accountsOnly();

    @Message("You have no token {id}.")
    String tokenNotFound(long id);

    @Message("The login or the password is wrong.")
    String signInFailed();

    @Message("Too many failed sign-ins")
    String lockedOutTitle();

    @Message("This login had too many failed sign-ins; try again after {seconds} s (Retry-After). The password was not checked.")
    String lockedOut(long seconds);

    @Message("must be at most {max} bytes in UTF-8")
    String passwordTooLong(int max);

    @Message("must be at least {min} characters")
    String passwordTooShort(int min);

    @Message("must be 1 to 64 characters of a-z, 0-9, '.', '_', '@' or '-', starting with a letter or a digit (case is ignored)")
    String loginFormat();

    @Message("'{login}' is already an account's login (case is ignored)")
    String loginTaken(String login);

    @Message("is not a role; the roles are {roles}")
    String unknownRole(String roles);

    @Message("role '{role}' is listed twice")
    String duplicateRole(String role);

    @Message("must list at least one role")
    String rolesRequired();

    @Message("a scope is only for the roles manager, inspector and viewer")
    String scopeWithoutScopedRole();

    @Message("the roles manager, inspector and viewer need a scope of at least one unit")
    String scopeRequired();

    @Message("there is no unit with code '{code}'")
    String scopeUnitUnknown(String code);

    @Message("There is no account '{login}'.")
    String accountNotFound(String login);

    @Message("must be a whole number of days from 1 to {max}")
    String tokenDays(int max);

    // issue 16: account administration
    @Message("The last active administrator cannot be disabled or lose the administrator role; make another administrator first.")
    String lastAdministrator();

    @Message("the file has no column '{column}'")
    String importColumnMissing(String column);

    @Message("login '{login}' is already given in row {row} (case is ignored)")
    String importLoginRepeated(String login, long row);

    @Message("the file has no account rows")
    String importEmpty();

    // issue 16: audit log
    @Message("must be key:<id>, account:<id> or login:<login>")
    String auditActorFormat();

    @Message("must be a kind (a-z, 0-9, '-'), or kind:key")
    String auditTargetFormat();
    // issue 16: scope
    @Message("This account's roles do not allow this.")
    String roleForbids();

    @Message("Some of the units named are outside this account's scope.")
    String unitsOutsideScope();

    @Message("this unit is outside this account's scope")
    String unitOutsideScope();

    @Message("Standings are not public here: sign in to read them.")
    String standingsNeedSignIn();

    @Message("there is no agency with code '{code}'")
    String accountAgencyUnknown(String code);

    @Message("an agency is only for the role agency, and the role agency needs one")
    String accountAgencyFits();

    @Message("sources are only for the roles inspector and agency")
    String accountSourcesFit();

    @Message("'{source}' is not a source; the sources are {sources}")
    String accountSourceUnknown(String source, String sources);

    // issue 16: single sign-on subject
    @Message("is already linked to another account: one person at the identity provider is one account")
    String oidcSubjectTaken();

    @Message("must be the identity provider's subject of the person: 1 to 255 characters")
    String oidcSubjectFormat();

    @Message("this single sign-on subject is already given in row {row}")
    String importSubjectRepeated(long row);

    // issue 16: sign-in limit per address, account import jobs
    @Message("Too many failed sign-ins from this address")
    String addressLimitedTitle();

    @Message("Too many failed sign-ins came from this address; try again after {seconds} s (Retry-After). The password was not checked.")
    String addressLimited(long seconds);

    @Message("{max} account import(s) are running, the most at once; send the file again once one has finished (Retry-After).")
    String accountImportsBusy(int max);

    @Message("There is no account import {id}.")
    String accountImportNotFound(long id);

    @Message("The server stopped while this import ran; no account of it was made, and its generated passwords are void. Send the file again.")
    String accountImportInterrupted();

    // issue 17: unit tags
    @Message("must be a tag: a lower-case letter, then up to 31 lower-case letters, digits or hyphens (e.g. model-candidate)")
    String unitTagFormat();

    @Message("a unit carries at most {max} tags; {count} were given")
    String unitTooManyTags(int max, int count);

    // issue 18: nominations and benchmark units
    @Message("There is no nomination {id} in this scheme's period.")
    String nominationNotFound(long id);

    @Message("The nomination is {state} already; only a proposed one can be confirmed.")
    String nominationNotProposed(String state);

    @Message("The nomination is {state}; only a proposed or confirmed nomination not yet forwarded can be substituted.")
    String nominationNotSubstitutable(String state);

    @Message("The nomination is {state}; the analyst approves confirmed nominations of the last level only.")
    String nominationNotApprovable(String state);

    @Message("The scheme {scheme} makes no nominations (its lifecycle has no nominations block).")
    String schemeMakesNoNominations(String scheme);

    @Message("must be a unit of the nomination's group and service line that may be nominated and is not nominated at this level yet")
    String unitNotNominable();

    @Message("must be a group of a level that receives nominations: one of {kinds}")
    String groupNotReceiving(String kinds);

    @Message("must be a compliant unit of this service line (graded, not the last grade, not vetoed) or an approved nominee")
    String unitNotCompliant();

    @Message("is required when a designation replaces another")
    String reasonForReplacement();
    // issue 18: appeals
    @Message("There is no appeal {id}.")
    String appealNotFound(long id);

    @Message("Outside the objection window")
    String appealWindowTitle();

    @Message("Period {period} of scheme {scheme} is not published: appeals are accepted only in the objection window that opens at publication.")
    String appealNotPublished(String scheme, String period);

    @Message("The objection window of period {period} of scheme {scheme} ended at {deadline}; appeals are no longer accepted.")
    String appealWindowOver(String scheme, String period, String deadline);

    @Message("Period {period} of scheme {scheme} is closed; appeals are no longer accepted.")
    String appealPeriodClosed(String scheme, String period);

    @Message("Appeal {id} is already decided ({state}); a decision is final.")
    String appealDecided(long id, String state);

    @Message("there is no evaluation {id}")
    String appealNoEvaluation(long id);

    @Message("'{item}' is not an item of the evaluation's rubric {rubric}")
    String appealItemUnknown(String item, String rubric);

    @Message("is named more than once")
    String appealItemRepeated();

    @Message("scheme {scheme} does not count this evaluation")
    String appealNotCounted(String scheme);

    @Message("the evaluation is in period {period}")
    String appealOtherPeriod(String period);

    @Message("give either an evaluation, or a unit (with its period), not both")
    String appealOneTarget();

    @Message("must be an http or https URL of at most {max} characters")
    String appealEvidenceUrl(int max);

    @Message("at most {max} entries")
    String appealTooMany(int max);

    @Message("an upheld appeal against an evaluation applies its correction: a revision or a void")
    String appealCorrectionNeeded();

    @Message("only an upheld appeal against an evaluation applies a correction")
    String appealCorrectionNotHere();

    @Message("the evaluation is voided")
    String appealEvaluationVoided();

    // issue 18: the period's lifecycle
    @Message("Period closed")
    String periodClosedTitle();

    @Message("Period {period} of scheme {scheme} is closed: its standings are final and nothing that would change them is accepted. An administrator may reopen it, with a reason.")
    String periodClosed(String scheme, String period);

    @Message("Period {period} of scheme {scheme} is not published: publish it first.")
    String periodNotPublished(String scheme, String period);

    @Message("Period {period} of scheme {scheme} hears objections until {until}; it can be closed after that.")
    String periodObjectionsOpen(String scheme, String period, String until);

    @Message("Period {period} of scheme {scheme} is not closed.")
    String periodNotClosed(String scheme, String period);


    @Message("Period {period} of scheme {scheme} has {count} undecided appeal(s): decide them before closing it.")
    String appealsUndecided(String scheme, String period, long count);

    // issue 19: rectification orders
    @Message("There is no rectification order {id}.")
    String rectificationNotFound(long id);

    @Message("Rectification order {id} is {state}; this needs it {expected}.")
    String rectificationWrongState(long id, String state, String expected);

    @Message("there is no evaluation {id}")
    String rectificationNoEvaluation(long id);

    @Message("the evaluation is voided")
    String rectificationEvaluationVoided();

    @Message("item {item} lost no points in this evaluation: only deducted items may be chosen")
    String rectificationItemNotDeducted(String item);

    @Message("the evaluation is not vetoed")
    String rectificationNotVetoed();

    @Message("choose the evaluation's deducted items, its veto, or both")
    String rectificationNothingChosen();

    @Message("must be after the order is raised")
    String rectificationDueBeforeRaised();

    @Message("give an evaluation, or a unit and a title for an order made by hand")
    String rectificationEvaluationOrHand();
    // issue 19: complaints register
    @Message("No complaint {id} (or it is outside your scope).")
    String complaintNotFound(long id);

    @Message("Complaint {id} was replied to already; a reply is given once.")
    String complaintReplied(long id);

    @Message("Complaint {id} has no reply yet: the customer's satisfaction is asked about the handling, after the reply.")
    String complaintNotReplied(long id);

    @Message("Complaint {id} has its customer's satisfaction recorded already.")
    String complaintSatisfactionRecorded(long id);

    @Message("Only who registered complaint {id}, an analyst or the admin may record its customer's satisfaction.")
    String complaintSatisfactionNotYours(long id);

    @Message("must not be before the complaint was received ({received})")
    String complaintReplyBeforeReceipt(String received);

    @Message("must not be in the future")
    String complaintInFuture();


    @Message("must be a month (2025-01), a quarter (2025-Q1) or a year (2025)")
    String complaintPeriodFormat();

    @Message("must be a month, e.g. 2025-01")
    String volumeMonthFormat();

    @Message("must be a whole number from 0 to {max}")
    String volumeRange(long max);

    @Message("the same unit and month as entry {first}")
    String volumeRepeated(int first);

    @Message("at most {max} entries at once")
    String complaintBatchTooLarge(int max);
    // issue 19: inspection coverage
    @Message("There is no coverage plan with key '{key}'.")
    String coveragePlanNotFound(String key);

    @Message("must be 1, 2, 3, 4, 6 or 12 (months per interval, counted from January)")
    String coverageEveryMonths();

    @Message("must not be before activeFrom")
    String coverageDateOrder();

    @Message("at most {max} entries")
    String coverageTooMany(int max);

    @Message("is given twice")
    String coverageRepeated();

    @Message("'{kind}' is not the kind of any unit; known kinds: {known}")
    String coverageUnknownKind(String kind, String known);

    @Message("there is no account with login '{login}'")
    String coverageUnknownAccount(String login);

    @Message("give either a period or from and to, not both")
    String coveragePeriodOrRange();
    // issue 19: webhooks
    @Message("There is no webhook subscription {id}.")
    String webhookNotFound(long id);

    @Message("There is no webhook delivery {id}.")
    String webhookDeliveryNotFound(long id);

    @Message("Webhook delivery {id} is still being attempted: replay it once it is delivered or failed.")
    String webhookDeliveryPending(long id);

    @Message("must be an absolute https URL with a host, without user information")
    String webhookUrl();

    @Message("must use https (plain http only for a loopback receiver, when the server allows it)")
    String webhookUrlInsecure();

    @Message("{host} is a loopback, private or link-local address: webhooks are not sent there")
    String webhookUrlPrivate(String host);

    @Message("the host {host} cannot be resolved")
    String webhookUrlUnresolved(String host);

    @Message("{kind} is not an event kind; the kinds are: {known}")
    String webhookKindUnknown(String kind, String known);

    @Message("this event kind is named twice")
    String webhookKindRepeated();

    @Message("name at least one event kind")
    String webhookKindsNeeded();

    // issue 19b: complaints
    @Message("is not a complaint category; the categories are: {keys}")
    String complaintCategoryUnknown(String keys);
}
