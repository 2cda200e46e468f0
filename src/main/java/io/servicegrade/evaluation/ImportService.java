package io.servicegrade.evaluation;

import io.servicegrade.platform.audit.AuditActions;
import io.servicegrade.platform.audit.AuditEvent;
import io.servicegrade.platform.audit.AuditIntents;
import io.servicegrade.platform.audit.AuditTrail;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CallerResolver;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.scoring.Rubric;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Imports evaluations from CSV and XLSX files (docs/evaluations.md): the file is kept with its job until it ends,
 * read row by row within the limits, checked whole, and stored like one batch, all or nothing. Each job is run by
 * the one instance that claims it; a job left unfinished by a crash runs again, at the next start or on another
 * instance, once (a second time it is marked failed).
 */
@ApplicationScoped
public class ImportService {

    static final int MAX_ROWS = 100_000;
    /** How often an instance looks for unfinished jobs that no instance holds. */
    static final Duration SCAN = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ZoneId LOCAL_ZONE = io.servicegrade.platform.config.ServiceGradeConfig.localZone();
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm[:ss]");

    /** The fixed columns, by their English names and the Chinese headers accepted for them. */
    static final Map<String, String> COLUMNS = columns();

    @Inject
    AuditTrail audit;

    @Inject
    IngestionMeters meters;

    @Inject
    CallerResolver callers;

    @Inject
    ImportJobRepository jobs;

    @Inject
    BatchPipeline pipeline;

    @Inject
    ImportClaims claims;

    @Inject
    Vertx vertx;

    /** The jobs this instance runs now. */
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    @Inject
    ObjectMapper json;

    @Inject
    ServiceGradeConfig config;

    @Inject
    Transactions transactions;

    @Inject
    ProblemMessages english;

    @Inject
    @Localized("zh-CN")
    ProblemMessages chinese;

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String name : List.of("externalId", "source", "unit", "rubric", "conductedAt", "evaluator", "comment",
                "reason")) {
            columns.put(name, name);
        }
        columns.put("外部编号", "externalId");
        columns.put("编号", "externalId");
        columns.put("来源", "source");
        columns.put("测评来源", "source");
        columns.put("单位", "unit");
        columns.put("单位代码", "unit");
        columns.put("评分标准", "rubric");
        columns.put("测评时间", "conductedAt");
        columns.put("测评人", "evaluator");
        columns.put("备注", "comment");
        columns.put("修订原因", "reason");
        return columns;
    }

    /**
     * Records the file as a queued job (acknowledged: it is stored) and starts it; refused, making no job, while
     * the agency has {@code servicegrade.imports.per-agency} imports unfinished (429: the agency's own doing, it
     * may send again once one of them has finished) or all agencies {@code servicegrade.imports.concurrent} (503:
     * the server is busy, whoever sends). The count and the new job are one transaction under one lock, so two
     * uploads at once cannot both take the last place.
     */
    public Uni<ImportJob> create(Caller caller, String format, String filename, byte[] content) {
        Scope.requireEvaluationWrites(caller);
        ServiceGradeConfig.Imports settings = config.imports();
        int retryAfter = (int) Math.max(1, settings.retryAfter().toSeconds());
        return AuditIntents.intent().flatMap(audit -> transactions.write(connection -> jobs.unfinished(connection,
                caller.scope()).flatMap(unfinished -> {
            if (unfinished.ofAgency() >= settings.perAgency()) {
                int max = settings.perAgency();
                throw new ProblemException(429, "too-many-imports", ProblemMessages::tooManyImportsTitle,
                        m -> m.agencyImportsBusy(max)).retryAfter(retryAfter);
            }
            if (unfinished.all() >= settings.concurrent()) {
                int max = settings.concurrent();
                throw new ProblemException(503, "imports-busy", ProblemMessages::tooManyImportsTitle,
                        m -> m.serverImportsBusy(max)).retryAfter(retryAfter);
            }
            // the audit row names the job made by its new id (issue 16)
            return jobs.create(connection, caller.scope(), caller.keyId(), filename, format, content)
                    .invoke(id -> audit.names(String.valueOf(id)));
        })))
                .invoke(id -> start(id, null))
                .flatMap(jobs::find);
    }

    /** What one file may hold, from the settings. */
    Sheet.Limits limits() {
        ServiceGradeConfig.Imports settings = config.imports();
        return new Sheet.Limits(MAX_ROWS, settings.maxCellLength(), settings.maxUnpackedSize().asLongValue());
    }

    public Uni<ImportJob> get(Caller caller, long id) {
        Scope.requireEvaluationWrites(caller);
        return jobs.find(id).map(job -> {
            if (job == null) {
                throw ProblemException.notFound(m -> m.importNotFound(id));
            }
            if (!caller.isAdmin() && job.agencyScope() != caller.scope()) {
                throw new ProblemException(403, "forbidden", ProblemMessages::forbiddenTitle,
                        m -> m.notYourImport(id));
            }
            return job;
        });
    }

    /**
     * At start, runs the jobs left unfinished by the last run; then, every {@link #SCAN}, the unfinished jobs no
     * instance holds (their instance stopped while running them).
     */
    void resumeUnfinished(@Observes StartupEvent event) {
        startUnfinished("Resuming import %d, left unfinished by the last run");
        vertx.setPeriodic(SCAN.toMillis(), timer -> startUnfinished("Taking over import %d: unfinished, and no"
                + " instance holds it"));
    }

    /** Looks for unfinished jobs that no instance holds and runs them (what the start and the timer do). */
    void resumeUnfinished() {
        startUnfinished("Resuming import %d, left unfinished");
    }

    private void startUnfinished(String found) {
        jobs.unfinished().invoke(meters::unfinished).subscribe().with(unfinished -> unfinished.forEach(
                job -> start(job.id(), found)),
                failure -> LOG.warnf("Could not look for unfinished imports: %s", failure.getMessage()));
    }

    /**
     * Runs the job if this instance can claim it ({@link ImportClaims}); {@code found}, when not null, is logged
     * when it starts.
     */
    private void start(long id, String found) {
        if (!running.add(id)) {
            return;
        }
        claims.claim(id).onFailure().recoverWithItem(false).subscribe().with(claimed -> {
            if (!claimed) {
                running.remove(id);
                return;
            }
            run(id, found).onFailure().recoverWithUni(failure -> {
                if (Problems.isTransient(failure)) {
                    // The database went away or the server is full: the job is not the file's fault. It stays
                    // unfinished, its claim goes, and an instance takes it over within SCAN once it can.
                    LOG.warnf("Import %d interrupted (%s); it will be taken over again", id, failure.toString());
                    return Uni.createFrom().voidItem();
                }
                LOG.errorf(failure, "Import %d failed unexpectedly", id);
                return finish(id, "failed", errors(List.of(new RowError(null, null,
                        m -> m.internalDetail("import-" + id)))), null, null);
            }).eventually(() -> {
                running.remove(id);
                return claims.release(id).onFailure().recoverWithNull();
            }).subscribe().with(done -> { }, failure -> LOG.error("Could not record the failure", failure));
        });
    }

    /** A problem at a row (as the file numbers it) and column, or with the file as a whole (both null). */
    record RowError(Integer row, String column, Message message) {
    }

    /**
     * Runs the job if it is still unfinished; {@code found}, when not null, is logged when it starts. A job found
     * running (its instance stopped while running it) is resumed at most {@code servicegrade.imports.max-resumes}
     * times; found so once more, it is marked failed, so a file that brings a server down does it once.
     */
    private Uni<Void> run(long id, String found) {
        int maxResumes = config.imports().maxResumes();
        return jobs.start(id, maxResumes)
                .flatMap(job -> {
                    if (job == null) {
                        return jobs.giveUp(id, maxResumes, write(errors(List.of(new RowError(null, null,
                                m -> m.importResumedTooOften(maxResumes))))))
                                .invoke(gaveUp -> {
                                    if (gaveUp) {
                                        LOG.warnf("Import %d failed: found unfinished again after %d resume(s),"
                                                + " it is not run once more", id, maxResumes);
                                    }
                                })
                                .replaceWithVoid();
                    }
                    if (found != null) {
                        LOG.infof(found, id);
                    }
                    long scope = job.agencyScope();
                    // an inspector's job (its own space, issue 16) runs as the account is now: roles, scope, sources
                    Uni<Caller> runAs = scope >= 0
                            ? Uni.createFrom().item(new Caller(job.keyId(), scope == 0 ? null : scope, null,
                                    job.sources()))
                            : callers.ofKeyId(job.keyId()).map(now -> now != null ? now
                                    : new Caller(job.keyId(), null, null, List.of(), -scope,
                                            java.util.Set.of(Caller.INSPECTOR), List.of()));
                    // Reading a file is CPU work: on a worker thread, never the event loop. It stops at the first
                    // row, cell or unpacked byte past the limits (Sheet.Limits), so memory stays within them.
                    return runAs.flatMap(caller -> Uni.createFrom()
                            .item(() -> File.read(job.format(), job.content(), limits()))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .flatMap(file -> importFile(id, caller, file)));
                })
                .onFailure(FileProblem.class).recoverWithUni(e -> finish(id, "failed",
                        errors(((FileProblem) e).errors), null, null));
    }

    /** A file that cannot be imported, with the reasons. */
    private static final class FileProblem extends RuntimeException {
        final List<RowError> errors;

        FileProblem(List<RowError> errors) {
            super(null, null, false, false);
            this.errors = errors;
        }
    }

    /**
     * A file read: its sheet, which of its columns are the fixed ones and which are items, and the unit and
     * rubric each row names (what the batch pipeline resolves before the answers can be read).
     */
    private record File(Sheet sheet, Map<Integer, String> fixed, Map<Integer, String> items,
            List<BatchPipeline.Wanted> wanted) {

        static File read(String format, byte[] content, Sheet.Limits limits) {
            if (io.vertx.core.Context.isOnEventLoopThread()) {
                throw new IllegalStateException("An import file is read on a worker thread, never the event loop");
            }
            Sheet sheet = readSheet(format, content, limits);
            Map<Integer, String> fixed = new HashMap<>();
            Map<Integer, String> items = new LinkedHashMap<>();
            List<RowError> headerErrors = new ArrayList<>();
            Map<String, String> headers = new HashMap<>();
            for (int c = 0; c < sheet.header().size(); c++) {
                String name = sheet.header().get(c);
                if (name.isEmpty()) {
                    continue;
                }
                String column = COLUMNS.get(name);
                String first = headers.putIfAbsent(column != null ? column : "item " + name, name);
                if (first != null) {
                    // one field in two columns: which one a row means cannot be told
                    String field = column != null ? column : name;
                    headerErrors.add(new RowError(1, name, m -> m.duplicateColumn(field, first, name)));
                } else if (column != null) {
                    fixed.put(c, column);
                } else {
                    items.put(c, name);
                }
            }
            for (String required : List.of("externalId", "source", "unit", "rubric", "conductedAt")) {
                if (!fixed.containsValue(required)) {
                    headerErrors.add(new RowError(1, required, m -> m.required()));
                }
            }
            if (!headerErrors.isEmpty()) {
                throw new FileProblem(headerErrors);
            }
            List<BatchPipeline.Wanted> wanted = new ArrayList<>(sheet.lines().size());
            for (Sheet.Line line : sheet.lines()) {
                wanted.add(wantedOf(value(line, fixed, "unit"), value(line, fixed, "rubric"),
                        value(line, fixed, "conductedAt")));
            }
            return new File(sheet, fixed, items, wanted);
        }
    }

    private static Sheet readSheet(String format, byte[] content, Sheet.Limits limits) {
        try {
            return "xlsx".equals(format) ? Sheet.xlsx(content, limits) : Sheet.csv(content, limits);
        } catch (Sheet.Refused refused) {
            throw new FileProblem(List.of(new RowError(refused.row, refused.column, refused.message)));
        } catch (IOException | RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            throw new FileProblem(List.of(new RowError(null, null, m -> m.unreadableFile(format, reason))));
        }
    }

    /** The unit and rubric a row names, as its cells say ({@code key} or {@code key@version}). */
    private static BatchPipeline.Wanted wantedOf(String unit, String rubric, String when) {
        OffsetDateTime conducted = when == null ? null : dateTime(when);
        if (rubric == null || conducted == null) {
            return new BatchPipeline.Wanted(unit, rubric == null ? null : rubric.split("@")[0], null, null);
        }
        String[] parts = rubric.split("@", 2);
        Integer asked;
        try {
            asked = parts.length > 1 ? Integer.valueOf(parts[1]) : null;
        } catch (NumberFormatException e) {
            asked = -1;
        }
        return new BatchPipeline.Wanted(unit, parts[0], asked, conducted);
    }

    /** The rows read as evaluations (answers in each item's notation), and every problem found in them. */
    private record Rows(List<Submission> submissions, List<Map<Integer, String>> answerColumns,
            List<RowError> errors) {
    }

    private Uni<Void> importFile(long id, Caller caller, File file) {
        Sheet sheet = file.sheet();
        return jobs.total(id, sheet.lines().size())
                .flatMap(counted -> pipeline.resolve(file.wanted()))
                .flatMap(resolved -> Uni.createFrom().item(() -> rows(caller, file, resolved))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .flatMap(rows -> pipeline.score(rows.submissions(), resolved, List.of(), "/evaluations")
                                .onFailure(ProblemException.class).transform(e -> {
                                    List<RowError> all = new ArrayList<>(rows.errors());
                                    ((ProblemException) e).violations().forEach(v -> all.add(
                                            rowError(sheet, v, rows.answerColumns())));
                                    return new FileProblem(all);
                                })
                                .map(scored -> {
                                    if (!rows.errors().isEmpty()) {
                                        throw new FileProblem(rows.errors());
                                    }
                                    return scored;
                                })))
                .call(scored -> jobs.done(id, scored.size()))
                .flatMap(scored -> pipeline.store(caller, scored)
                        // an overload (503) is not the file's fault: the job stays unfinished and is taken over again
                        .onFailure(e -> e instanceof ProblemException && !Problems.isTransient(e)).transform(e -> {
                            ProblemException problem = (ProblemException) e;
                            // a refusal of the whole file (issue 18: a row in a closed period) says so, file-wide
                            return new FileProblem(problem.violations().isEmpty()
                                    ? List.of(new RowError(null, null, problem.detail()))
                                    : problem.violations().stream().map(v -> rowError(sheet, v, List.of())).toList());
                        }))
                .flatMap(outcomes -> {
                    ObjectNode result = JSON.objectNode();
                    for (String outcome : List.of("created", "existing", "revised")) {
                        result.put(outcome, outcomes.stream().filter(o -> o.outcome().equals(outcome)).count());
                    }
                    return finish(id, "succeeded", JSON.arrayNode(), result, sheet.lines().size());
                });
    }

    private Rows rows(Caller caller, File file, BatchPipeline.Resolved resolved) {
        Sheet sheet = file.sheet();
        List<RowError> errors = new ArrayList<>();
        List<Submission> submissions = new ArrayList<>();
        List<Map<Integer, String>> answerColumns = new ArrayList<>();
        SubmissionReader reader = new SubmissionReader(java.time.Clock.systemUTC());
        for (int i = 0; i < sheet.lines().size(); i++) {
            Sheet.Line line = sheet.lines().get(i);
            BatchPipeline.Wanted wanted = file.wanted().get(i);
            Rubric rubric = wanted.conductedAt() == null ? null : resolved.rubric(wanted.rubricKey(),
                    wanted.rubricVersion(), wanted.conductedAt()).map(v -> v.version().rubric()).orElse(null);
            Map<Integer, String> answerColumn = new HashMap<>();
            answerColumns.add(answerColumn);
            ObjectNode node = row(line, file.fixed(), file.items(), rubric, answerColumn, errors);
            int before = reader.violations.size();
            Submission submission = reader.read(i, node, "/evaluations/" + i);
            for (Violation v : reader.violations.subList(before, reader.violations.size())) {
                errors.add(rowError(sheet, v, answerColumns));
            }
            if (submission != null) {
                if (!caller.maySubmit(submission.source())) {
                    errors.add(new RowError(line.number(), "source",
                            m -> m.sourceNotAllowed(submission.source())));
                }
                submissions.add(submission);
            }
        }
        return new Rows(submissions, answerColumns, errors);
    }

    /** A row as a batch evaluation; its answers are read with the notation of each item's rule. */
    private ObjectNode row(Sheet.Line line, Map<Integer, String> fixed, Map<Integer, String> items, Rubric rubric,
            Map<Integer, String> answerColumn, List<RowError> errors) {
        ObjectNode node = JSON.objectNode();
        fixed.forEach((column, name) -> {
            String value = line.cell(column);
            if (value != null) {
                node.put(name, name.equals("conductedAt") ? normalisedTime(value) : value);
            }
        });
        ArrayNode answers = node.putArray("answers");
        Map<String, Rubric.Item> byKey = rubric == null ? Map.of() : rubric.itemsByKey();
        items.forEach((column, key) -> {
            String cell = line.cell(column);
            if (cell == null) {
                return;
            }
            Rubric.Item item = byKey.get(key);
            if (item == null) {
                if (rubric != null) {
                    errors.add(new RowError(line.number(), key, m -> m.unknownColumn()));
                }
                return;
            }
            AnswerNotation.Reading reading = AnswerNotation.read(item, cell);
            if (reading.problem() != null) {
                errors.add(new RowError(line.number(), key, reading.problem()));
            } else {
                answerColumn.put(answers.size(), key);
                answers.add(reading.answer());
            }
        });
        return node;
    }

    private static String value(Sheet.Line line, Map<Integer, String> fixed, String name) {
        for (Map.Entry<Integer, String> e : fixed.entrySet()) {
            if (e.getValue().equals(name)) {
                return line.cell(e.getKey());
            }
        }
        return null;
    }

    /** Spreadsheet times often lack an offset: they are read in China Standard Time. */
    static OffsetDateTime dateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            // try the local forms below
        }
        try {
            return LocalDateTime.parse(text).atZone(LOCAL_ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            return LocalDateTime.parse(text, SPACED).atZone(LOCAL_ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            return LocalDate.parse(text).atStartOfDay(LOCAL_ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String normalisedTime(String text) {
        OffsetDateTime time = dateTime(text);
        return time == null ? text : time.toString();
    }

    private static RowError rowError(Sheet sheet, Violation v, List<Map<Integer, String>> answerColumns) {
        String[] parts = v.pointer().split("/");
        if (parts.length < 3 || !parts[1].equals("evaluations")) {
            return new RowError(null, null, v.message());
        }
        int index = Integer.parseInt(parts[2]);
        int row = sheet.lines().get(index).number();
        if (parts.length < 4) {
            return new RowError(row, null, v.message());
        }
        String column = parts[3];
        if (column.equals("answers") && parts.length >= 5 && index < answerColumns.size()) {
            column = answerColumns.get(index).getOrDefault(Integer.parseInt(parts[4]), column);
        }
        return new RowError(row, column, v.message());
    }

    private ArrayNode errors(List<RowError> errors) {
        ArrayNode array = JSON.arrayNode();
        errors.stream().sorted(java.util.Comparator.comparing((RowError e) -> e.row() == null ? 0 : e.row()))
                .forEach(e -> {
                    ObjectNode node = array.addObject();
                    if (e.row() != null) {
                        node.put("row", e.row());
                    }
                    if (e.column() != null) {
                        node.put("column", e.column());
                    }
                    node.putObject("message").put("zh-CN", e.message().in(chinese)).put("en", e.message().in(english));
                });
        return array;
    }

    private Uni<Void> finish(long id, String status, ArrayNode errors, ObjectNode result, Integer done) {
        return jobs.finish(id, status, write(errors), result == null ? null : write(result), done)
                .invoke(() -> LOG.infof("Import %d %s", id, status))
                .invoke(() -> meters.finished(status, done))
                .call(sender -> sender == null ? Uni.createFrom().voidItem() : finished(id, status, sender))
                .replaceWithVoid();
    }

    /**
     * The audit log's row of a job's end, by the key that sent it (issue 16). Written just after the job's last
     * statement, not with it: a crash between the two loses this row only (the rows of the evaluations it wrote
     * are the import's request's and were kept); a failure to write it is logged and leaves the job as it ended.
     */
    private Uni<Void> finished(long id, String status, ImportJobRepository.Sender sender) {
        Long agency = sender.agencyScope() == 0 ? null : sender.agencyScope();
        return audit.record(new AuditEvent(agency == null ? "admin-key" : "agency-key", sender.keyId(), null, agency,
                null, AuditActions.IMPORT_FINISH, "import", Long.toString(id),
                "succeeded".equals(status) ? AuditEvent.OK : AuditEvent.FAILED, null, "job", null, null))
                .onFailure().recoverWithUni(failure -> {
                    LOG.errorf("Could not record the end of import %d in the audit log: %s", id, failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
