package io.servicegrade.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.scoring.Rubric;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Imports evaluations from CSV and XLSX files (docs/imports.md): the file is kept with its job, checked whole,
 * and stored like one batch, all or nothing. Each job is run by the one instance that claims it; a job left
 * unfinished by a crash runs again, at the next start or on another instance.
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
    Pool pool;

    @Inject
    EvaluationService evaluations;

    @Inject
    ImportClaims claims;

    @Inject
    Vertx vertx;

    /** The jobs this instance runs now. */
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    @Inject
    RubricService rubrics;

    @Inject
    ObjectMapper json;

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

    /** Records the file as a queued job (acknowledged: it is stored) and starts it. */
    public Uni<ImportJob> create(Caller caller, String format, String filename, byte[] content) {
        return pool.preparedQuery("INSERT INTO import_job (agency_scope, key_id, filename, format, content, status)"
                + " VALUES ($1, $2, $3, $4, $5, 'queued') RETURNING id")
                .execute(Tuple.of(caller.scope(), caller.keyId(), filename, format,
                        io.vertx.core.buffer.Buffer.buffer(content)))
                .map(rows -> rows.iterator().next().getLong(0))
                .invoke(id -> start(id, null))
                .flatMap(this::find);
    }

    public Uni<ImportJob> get(Caller caller, long id) {
        return find(id).map(job -> {
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

    Uni<ImportJob> find(long id) {
        return pool.preparedQuery("SELECT id, agency_scope, filename, format, status, rows_total, rows_done,"
                + " errors::text AS errors, result::text AS result, created_at, updated_at FROM import_job"
                + " WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : job(rows.iterator().next()));
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

    private void startUnfinished(String found) {
        pool.query("SELECT id FROM import_job WHERE status IN ('queued', 'running') ORDER BY id").execute()
                .subscribe().with(rows -> rows.forEach(row -> start(row.getLong(0), found)),
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

    /** Runs the job if it is still unfinished; {@code found}, when not null, is logged when it starts. */
    private Uni<Void> run(long id, String found) {
        // Only an unfinished job: the claim may come just after another instance finished it and let it go.
        return pool.preparedQuery("UPDATE import_job SET status = 'running', updated_at = now() WHERE id = $1"
                + " AND status IN ('queued', 'running') RETURNING agency_scope, key_id, format, content,"
                + " (SELECT sources FROM agency WHERE id = agency_scope) AS sources")
                .execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().voidItem();
                    }
                    if (found != null) {
                        LOG.infof(found, id);
                    }
                    Row row = rows.iterator().next();
                    long scope = row.getLong("agency_scope");
                    String[] sources = row.getArrayOfStrings("sources");
                    Caller caller = new Caller(row.getLong("key_id"), scope == 0 ? null : scope, null,
                            sources == null ? null : List.of(sources));
                    String format = row.getString("format");
                    byte[] content = row.getBuffer("content").getBytes();
                    return Uni.createFrom().item(() -> read(format, content))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                            .flatMap(sheet -> importSheet(id, caller, sheet));
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

    private static Sheet read(String format, byte[] content) {
        try {
            Sheet sheet = "xlsx".equals(format) ? Sheet.xlsx(content) : Sheet.csv(content);
            if (sheet.lines().size() > MAX_ROWS) {
                int count = sheet.lines().size();
                throw new FileProblem(List.of(new RowError(null, null, m -> m.tooManyRows(MAX_ROWS, count))));
            }
            return sheet;
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileProblem problem) {
                throw problem;
            }
            String reason = String.valueOf(e.getMessage());
            throw new FileProblem(List.of(new RowError(null, null, m -> m.unreadableFile(format, reason))));
        }
    }

    private Uni<Void> importSheet(long id, Caller caller, Sheet sheet) {
        List<RowError> headerErrors = new ArrayList<>();
        Map<Integer, String> fixed = new HashMap<>();
        Map<Integer, String> items = new LinkedHashMap<>();
        for (int c = 0; c < sheet.header().size(); c++) {
            String name = sheet.header().get(c);
            if (name.isEmpty()) {
                continue;
            }
            String column = COLUMNS.get(name);
            if (column != null) {
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
        Set<String> keys = new HashSet<>();
        sheet.lines().forEach(line -> {
            String rubric = value(line, fixed, "rubric");
            if (rubric != null) {
                keys.add(rubric.split("@")[0]);
            }
        });
        return pool.preparedQuery("UPDATE import_job SET rows_total = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, sheet.lines().size()))
                .flatMap(updated -> evaluations.versionsInForce(keys))
                .flatMap(versions -> loadRubrics(sheet, fixed, versions))
                .flatMap(rubricsByRow -> {
                    List<RowError> errors = new ArrayList<>();
                    List<Submission> submissions = new ArrayList<>();
                    List<Map<Integer, String>> answerColumns = new ArrayList<>();
                    SubmissionReader reader = new SubmissionReader(java.time.Clock.systemUTC());
                    for (int i = 0; i < sheet.lines().size(); i++) {
                        Sheet.Line line = sheet.lines().get(i);
                        Map<Integer, String> answerColumn = new HashMap<>();
                        answerColumns.add(answerColumn);
                        ObjectNode node = row(line, fixed, items, rubricsByRow.get(i), answerColumn, errors);
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
                    return evaluations.prepare(submissions, List.of(), "/evaluations")
                            .onFailure(ProblemException.class).transform(e -> {
                                List<RowError> all = new ArrayList<>(errors);
                                ((ProblemException) e).violations().forEach(v -> all.add(
                                        rowError(sheet, v, answerColumns)));
                                return new FileProblem(all);
                            })
                            .map(list -> {
                                if (!errors.isEmpty()) {
                                    throw new FileProblem(errors);
                                }
                                return list;
                            })
                            .call(list -> pool.preparedQuery("UPDATE import_job SET rows_done = $2,"
                                    + " updated_at = now() WHERE id = $1").execute(Tuple.of(id, list.size())));
                })
                .flatMap(prepared -> evaluations.store(caller, prepared)
                        .onFailure(ProblemException.class).transform(e -> new FileProblem(
                                ((ProblemException) e).violations().stream()
                                        .map(v -> rowError(sheet, v, List.of())).toList())))
                .flatMap(outcomes -> {
                    ObjectNode result = JSON.objectNode();
                    for (String outcome : List.of("created", "existing", "revised")) {
                        result.put(outcome, outcomes.stream().filter(o -> o.outcome().equals(outcome)).count());
                    }
                    return finish(id, "succeeded", JSON.arrayNode(), result, sheet.lines().size());
                });
    }

    /** The rubric of each row (by index), where the row names one that exists. */
    private Uni<List<Rubric>> loadRubrics(Sheet sheet, Map<Integer, String> fixed,
            Map<String, List<Object[]>> versions) {
        List<String> wanted = new ArrayList<>();
        for (Sheet.Line line : sheet.lines()) {
            String rubric = value(line, fixed, "rubric");
            String when = value(line, fixed, "conductedAt");
            OffsetDateTime conducted = when == null ? null : dateTime(when);
            String id = null;
            if (rubric != null && conducted != null) {
                String[] parts = rubric.split("@", 2);
                Integer asked = null;
                try {
                    asked = parts.length > 1 ? Integer.valueOf(parts[1]) : null;
                } catch (NumberFormatException e) {
                    asked = -1;
                }
                Submission probe = new Submission(0, null, null, null, parts[0], asked, conducted, null, null, null,
                        null, null);
                Integer version = EvaluationService.versionFor(probe, versions.get(parts[0]));
                id = version == null ? null : parts[0] + "@" + version;
            }
            wanted.add(id);
        }
        List<String> distinct = wanted.stream().filter(w -> w != null).distinct().toList();
        List<Uni<RubricService.Version>> loads = distinct.stream().map(w -> {
            String[] parts = w.split("@");
            return rubrics.version(parts[0], Integer.parseInt(parts[1]));
        }).toList();
        Uni<List<RubricService.Version>> loaded = loads.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(loads).andFailFast();
        return loaded.map(list -> {
            Map<String, Rubric> byId = new HashMap<>();
            list.forEach(v -> byId.put(v.version().key() + "@" + v.version().version(), v.version().rubric()));
            return wanted.stream().map(w -> w == null ? null : byId.get(w)).toList();
        });
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
        return pool.preparedQuery("UPDATE import_job SET status = $2, errors = $3::text::jsonb,"
                + " result = $4::text::jsonb, rows_done = coalesce($5, rows_done), content = CASE WHEN $2 = 'succeeded'"
                + " THEN ''::bytea ELSE content END, updated_at = now() WHERE id = $1")
                .execute(Tuple.tuple(java.util.Arrays.asList(id, status, write(errors),
                        result == null ? null : write(result), done)))
                .invoke(() -> LOG.infof("Import %d %s", id, status))
                .replaceWithVoid();
    }

    private ImportJob job(Row row) {
        try {
            String result = row.getString("result");
            return new ImportJob(row.getLong("id"), row.getLong("agency_scope"), row.getString("filename"),
                    row.getString("format"), row.getString("status"), row.getInteger("rows_total"),
                    row.getInteger("rows_done"), json.readTree(row.getString("errors")),
                    result == null ? null : json.readTree(result), row.getOffsetDateTime("created_at"),
                    row.getOffsetDateTime("updated_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
