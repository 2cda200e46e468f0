package io.servicegrade.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.servicegrade.evaluation.BatchPipeline;
import io.servicegrade.evaluation.ImportService;
import io.servicegrade.evaluation.Submission;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.rubric.RubricVersions;
import io.servicegrade.rubric.ScoredAnswers;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An import file, CSV or XLSX, as an import job reads it without a server: the file read into a sheet and its
 * header matched ({@code ImportService$File#read} within the default limits: {@code CsvSheet}, {@code XlsxSheet},
 * streaming, stopping at the first row, cell or unpacked byte past them), its rows read as
 * evaluations with their answers in the compact notation ({@code ImportService#rows}: {@code AnswerNotation},
 * {@code SubmissionReader}), then resolved and scored as the batch pipeline does ({@code BatchPipeline.Resolved},
 * {@code RubricService.Version#score}), every problem placed at its row and column ({@code ImportService#rowError}).
 * Units and rubrics are resolved from memory: every unit named exists; the rubrics are those of {@link Entries}.
 * A file the import refuses as a whole ({@code ImportService$FileProblem}) is the job's refusal: it must name its
 * problems.
 */
class ImportFileFuzzTest {

    private static final Class<?> FILE = Entries.type("io.servicegrade.evaluation.ImportService$File");
    private static final Class<?> FILE_PROBLEM = Entries.type("io.servicegrade.evaluation.ImportService$FileProblem");
    private static final Class<?> SHEET = Entries.type("io.servicegrade.evaluation.Sheet");
    static final Class<?> LIMITS = Entries.type("io.servicegrade.evaluation.Sheet$Limits");
    private static final Method READ = Entries.method(FILE, "read", String.class, byte[].class, LIMITS);
    /**
     * The limits of a file as {@code ImportService#limits} makes them from the defaults: 100,000 rows
     * ({@code ImportService.MAX_ROWS}), {@code servicegrade.imports.max-cell-length} 32,767 and
     * {@code servicegrade.imports.max-unpacked-size} 256 MiB.
     */
    static final Object FILE_LIMITS = Entries.construct(LIMITS, new Class<?>[] {int.class, int.class,
            long.class}, (int) Entries.field(ImportService.class, "MAX_ROWS", null), 32_767, 256L * 1024 * 1024);
    private static final Method ROWS = Entries.method(ImportService.class, "rows", Caller.class, FILE,
            BatchPipeline.Resolved.class);
    private static final Method ROW_ERROR = Entries.method(ImportService.class, "rowError", SHEET, Violation.class,
            List.class);
    private static final Caller AGENCY = new Caller(1, 1L, "fuzz", null);

    @FuzzTest(maxDuration = "60s")
    void importCsv(byte[] file) {
        imported("csv", file);
    }

    @FuzzTest(maxDuration = "60s")
    void importXlsx(byte[] file) {
        imported("xlsx", file);
    }

    @SuppressWarnings("unchecked")
    private static void imported(String format, byte[] content) {
        Object file = refusedAsFile(() -> Entries.call(READ, null, format, content, FILE_LIMITS));
        if (file == null) {
            return;
        }
        List<BatchPipeline.Wanted> wanted = (List<BatchPipeline.Wanted>) Entries.component(file, "wanted");
        BatchPipeline.Resolved resolved = resolved(wanted);
        Object rows = Entries.call(ROWS, new ImportService(), AGENCY, file, resolved);
        rowErrors((List<Object>) Entries.component(rows, "errors"));
        List<Submission> submissions = (List<Submission>) Entries.component(rows, "submissions");
        List<Map<Integer, String>> answerColumns =
                (List<Map<Integer, String>>) Entries.component(rows, "answerColumns");
        Object sheet = Entries.component(file, "sheet");
        // BatchPipeline#scoreNow: each evaluation's unit and rubric resolved, its answers scored
        for (Submission s : submissions) {
            Verdict.clean(s);
            String at = "/evaluations/" + s.index();
            resolved.unitId(s.unit());
            Optional<RubricService.Version> rubric = resolved.rubric(s.rubricKey(), s.rubricVersion(),
                    s.conductedAt());
            if (rubric.isEmpty()) {
                continue;
            }
            ScoredAnswers scored = rubric.get().score(s.answers(), at + "/answers");
            Verdict.scored(scored);
            for (Violation v : scored.problems()) {
                rowErrors(List.of(Entries.call(ROW_ERROR, null, sheet, v, answerColumns)));
            }
        }
    }

    /** What the pipeline would have read from the database for these rows: every unit, the rubrics known here. */
    private static BatchPipeline.Resolved resolved(List<BatchPipeline.Wanted> wanted) {
        Set<String> units = new HashSet<>();
        Map<String, Long> ids = new HashMap<>();
        Map<String, RubricVersions> versions = new HashMap<>();
        Map<RubricVersions.Ref, RubricService.Version> loaded = new HashMap<>();
        for (BatchPipeline.Wanted w : wanted) {
            if (w.unit() != null) {
                units.add(w.unit());
                ids.put(w.unit(), 1L);
            }
            String key = w.rubricKey();
            if (key != null) {
                RubricService.Version version = Entries.RUBRICS.get(key);
                if (version == null) {
                    versions.put(key, RubricVersions.none(key));
                } else {
                    versions.put(key, new RubricVersions(key, List.of(new RubricVersions.Since(1,
                            Entries.RUBRICS_SINCE))));
                    loaded.put(version.ref(), version);
                }
            }
        }
        return new BatchPipeline.Resolved(units, ids, versions, loaded);
    }

    /** What the file reader read, or null when it refused the file as a whole, naming why. */
    @SuppressWarnings("unchecked")
    private static Object refusedAsFile(java.util.function.Supplier<Object> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            if (!FILE_PROBLEM.isInstance(e)) {
                throw e;
            }
            List<Object> errors = (List<Object>) Entries.field(FILE_PROBLEM, "errors", e);
            if (errors.isEmpty()) {
                throw new AssertionError("a file was refused without a reason");
            }
            rowErrors(errors);
            return null;
        }
    }

    /** Each error of a job: a message in both languages, at a row (from 1) and column or on the file. */
    private static void rowErrors(List<Object> errors) {
        for (Object error : errors) {
            Integer row = (Integer) Entries.component(error, "row");
            if (row != null && row < 1) {
                throw new AssertionError("an error at row " + row + ": rows count from 1 at the header");
            }
            Message message = (Message) Entries.component(error, "message");
            Verdict.refused(ProblemException.invalid(List.of(Violation.at("", message))));
        }
    }
}
