package io.servicegrade.account;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.evaluation.Sheet;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.PasswordHasher;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.runtime.StartupEvent;
import io.servicegrade.evaluation.ImportClaims;
import io.servicegrade.platform.audit.AuditActions;
import io.servicegrade.platform.audit.AuditEvent;
import io.servicegrade.platform.audit.AuditTrail;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.security.Caller;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bulk import of accounts from a CSV or XLSX file (issue 16, point 6), all or nothing, as a background job. The
 * file is read by the evaluation import's readers within the same limits ({@link Sheet}: cell length and unpacked
 * size from {@code servicegrade.imports.*}; at most {@link #MAX_ACCOUNTS} rows), on a worker thread, and every row
 * is checked by the same reader as {@code POST /api/v1/admin/accounts} ({@link AccountInput}) and against the
 * database, in the request: every bad cell of every row is named (pointer {@code /<row>/<column>}, the row as the
 * spreadsheet numbers it, the header being row 1), and then nothing is stored and no job made. A file that passes
 * becomes a job ({@code account_import}, {@link AccountImportRepository}); the answer carries the generated
 * passwords, made at once (hashing is the slow part, making one is not), and they are never stored: the job holds
 * them, with the file's own, in this instance's memory until hashed. Hashing is paced: one password at a time
 * through {@link PasswordHasher}'s gate, so a job holds at most one of its places and sign-ins keep the others.
 * The accounts are stored in one transaction at the end; a job whose instance stops before is marked failed by the
 * next instance that looks ({@link #failOrphans}), having made nothing.
 */
@ApplicationScoped
public class AccountImport {

    /** The most accounts one file may hold. */
    public static final int MAX_ACCOUNTS = 10_000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** What separates roles or unit codes within a cell: commas (also full-width), semicolons, 、 or spaces. */
    private static final Pattern LIST = Pattern.compile("[\\s,;，；、]+");

    /** The columns by the names a header may give them (case and spaces ignored), English or Chinese. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("login", "login"), Map.entry("登录名", "login"), Map.entry("账号", "login"),
            Map.entry("displayname", "displayName"), Map.entry("name", "displayName"),
            Map.entry("姓名", "displayName"), Map.entry("显示名", "displayName"),
            Map.entry("roles", "roles"), Map.entry("role", "roles"), Map.entry("角色", "roles"),
            Map.entry("scope", "scope"), Map.entry("范围", "scope"),
            Map.entry("password", "password"), Map.entry("密码", "password"),
            Map.entry("agency", "agency"), Map.entry("机构", "agency"), Map.entry("测评机构", "agency"),
            Map.entry("sources", "sources"), Map.entry("来源", "sources"),
            // issue 16: the single sign-on subject an account is linked to (optional)
            Map.entry("oidcsubject", "oidcSubject"), Map.entry("ssosubject", "oidcSubject"),
            Map.entry("单点登录标识", "oidcSubject"), Map.entry("单点登录主体", "oidcSubject"));

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    UnitRepository units;

    @Inject
    ServiceGradeConfig config;

    @Inject
    AccountImportRepository jobs;

    @Inject
    ImportClaims claims;

    @Inject
    Transactions transactions;

    @Inject
    AuditTrail audit;

    @Inject
    Vertx vertx;

    @Inject
    ProblemMessages english;

    @Inject
    @Localized("zh-CN")
    ProblemMessages chinese;

    private static final Logger LOG = Logger.getLogger(AccountImport.class);
    /** How often an instance looks for running jobs that no instance holds. */
    static final Duration SCAN = Duration.ofSeconds(10);
    /** The jobs this instance runs now. */
    private final Set<Long> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The hashed count is noted every so many passwords. */
    private static final int PROGRESS_EVERY = 5;

    /** A refusal names at most this many bad cells (the first ones, in file order), as a refused body does. */
    static final int MAX_ERRORS = 100;

    /** One account as the file gives it: its row in the file and the account read. */
    record Row(int number, AccountInput.NewAccount draft) {
    }

    /** The rows that read as accounts, and the bad cells of the others. */
    record Read(List<Row> rows, List<Violation> problems) {
    }

    /** The rows' scopes as unit ids and their agencies' ids (null: none), in row order. */
    record Resolved(List<List<Long>> scopes, List<Long> agencies) {
    }

    /** An account made by an import: its row, its login, and its generated password (null when the file gave one). */
    public record Created(int row, String login, String password) {
    }

    /**
     * An accepted file: its job (running) and every account it will make, in file order, with the generated
     * passwords. Those are in this answer only: the job hashes them and keeps nothing of them.
     */
    public record Accepted(AccountImportJob job, List<Created> accounts) {
    }

    /** What a job works on, held by the instance that accepted it and nowhere else. */
    private record Work(List<Row> rows, List<String> passwords, Resolved resolved) {
    }

    /**
     * Reads the file ({@code csv} or {@code xlsx}) and checks every row, without hashing: a 422 naming every bad
     * cell, making no job; else the job is recorded (running) and claimed by this instance, and answered with the
     * accounts it will make and their generated passwords while it hashes them, one at a time, in the background
     * ({@link #run}). At most {@code servicegrade.accounts.imports-at-once} run at once, over all instances; past
     * that a 429 with Retry-After, making no job.
     */
    public Uni<Accepted> start(Caller caller, String format, String filename, byte[] content) {
        Context context = Vertx.currentContext();
        Uni<Read> read = Uni.createFrom().item(() -> rows(format, content))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        if (context != null) {
            read = read.emitOn(task -> context.runOnContext(v -> task.run()));
        }
        return read.flatMap(file -> checked(file).flatMap(resolved -> {
            List<Row> rows = file.rows();
            // a password is cheap to make and slow to hash: made now, answered now, hashed by the job
            List<String> passwords = rows.stream().map(row -> row.draft().password() != null
                    ? row.draft().password() : PasswordHasher.newPassword()).toList();
            Work work = new Work(rows, passwords, resolved);
            AccountImportRepository.Starter starter = new AccountImportRepository.Starter(caller.keyId(),
                    caller.accountId());
            return jobs.nextId().invoke(running::add).flatMap(id -> claims.claim(ImportClaims.ACCOUNT_IMPORTS, id)
                    .flatMap(claimed -> {
                        if (!claimed) {
                            throw new IllegalStateException("A new account import's id is claimed already: " + id);
                        }
                        return admit(id, starter, filename, format, rows.size())
                                .onFailure().call(() -> claims.release(ImportClaims.ACCOUNT_IMPORTS, id)
                                        .onFailure().recoverWithNull());
                    })
                    .onFailure().invoke(() -> running.remove(id))
                    .invoke(() -> launch(id, work)).flatMap(admitted -> jobs.find(id))).map(job -> {
                List<Created> created = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    Row row = rows.get(i);
                    created.add(new Created(row.number(), row.draft().login(),
                            row.draft().password() == null ? passwords.get(i) : null));
                }
                return new Accepted(job, created);
            });
        }));
    }

    /** Records the job, running, if fewer than the bound run now (one transaction under the admission lock). */
    private Uni<Void> admit(long id, AccountImportRepository.Starter starter, String filename, String format,
            int rows) {
        int max = config.accounts().importsAtOnce();
        int retryAfter = (int) Math.max(1, config.imports().retryAfter().toSeconds());
        return transactions.write(connection -> jobs.running(connection).flatMap(running -> {
            if (running >= max) {
                throw new ProblemException(429, "account-imports-busy", ProblemMessages::tooManyImportsTitle,
                        m -> m.accountImportsBusy(max)).retryAfter(retryAfter);
            }
            return jobs.create(connection, id, starter, filename, format, rows);
        }));
    }

    /** The job, for an administrator; 404 when there is none. */
    public Uni<AccountImportJob> get(long id) {
        return jobs.find(id).map(job -> {
            if (job == null) {
                throw ProblemException.notFound(m -> m.accountImportNotFound(id));
            }
            return job;
        });
    }

    /**
     * Runs the job on a Vert.x context of its own (Hibernate Reactive starts on an event loop; the request's
     * context ends with its answer), and lets its claim go when it ends.
     */
    private void launch(long id, Work work) {
        // a context of this job alone, as a request's is: Hibernate Reactive keeps its session in it
        io.vertx.core.Context own = io.servicegrade.platform.database.EventLoopWork.ownContext(
                vertx.getOrCreateContext());
        own.runOnContext(v -> run(id, work)
                .eventually(() -> claims.release(ImportClaims.ACCOUNT_IMPORTS, id).onFailure().recoverWithNull()
                        .eventually(() -> running.remove(id)))
                .subscribe().with(done -> { }, failure -> LOG.errorf(failure, "Account import %d: could not end",
                        id)));
    }

    /**
     * Hashes the passwords one at a time (the import waits its turn at the hashing gate like any sign-in, and holds
     * one place, so sign-ins keep the others), noting the count as it goes; then makes every account in one
     * transaction, or none: a login taken meanwhile fails the job naming its row.
     */
    private Uni<Void> run(long id, Work work) {
        AtomicInteger hashed = new AtomicInteger();
        int total = work.passwords().size();
        return Multi.createFrom().iterable(work.passwords()).onItem().transformToUniAndConcatenate(password ->
                        hasher.hash(password).call(hash -> {
                            int done = hashed.incrementAndGet();
                            // a count that could not be noted is not worth failing the job for
                            return done % PROGRESS_EVERY == 0 && done < total
                                    ? jobs.progress(id, done).onFailure().recoverWithNull()
                                    : Uni.createFrom().voidItem();
                        }))
                .collect().asList()
                // the job is marked succeeded in the accounts' own transaction
                .flatMap(hashes -> accounts.createAll(work.rows().stream().map(Row::draft).toList(), hashes,
                        work.resolved().scopes(), work.resolved().agencies(), id))
                .flatMap(made -> succeeded(id))
                .onFailure().recoverWithUni(failure -> failed(id, work, failure));
    }

    /**
     * The job failed: a login taken since the file was checked is named at its row, a server too busy to hash says
     * so; anything else is logged with an error id.
     */
    private Uni<Void> failed(long id, Work work, Throwable failure) {
        if (failure instanceof ProblemException problem && problem.status() == 422) {
            return accounts.takenLogins(work.rows().stream().map(row -> row.draft().login()).toList())
                    .flatMap(taken -> {
                        List<Violation> errors = work.rows().stream()
                                .filter(row -> taken.contains(row.draft().login()))
                                .map(row -> at(row.number(), row.draft().login(), "login",
                                        m -> m.loginTaken(row.draft().login())))
                                .toList();
                        return errors.isEmpty() ? unexpected(id, failure) : finish(id, "failed", null, errors);
                    });
        }
        if (failure instanceof ProblemException problem && problem.status() == 503) {
            // the server too busy to hash (no place at the gate within the wait): the job says so, as a request would
            LOG.warnf("Account import %d failed: %s", id, problem.toString());
            return finish(id, "failed", null, List.of(Violation.at("", problem.detail())));
        }
        return unexpected(id, failure);
    }

    /** A failure that is not the file's: logged with an error id, which the job names. */
    private Uni<Void> unexpected(long id, Throwable failure) {
        String errorId = "account-import-" + id;
        LOG.errorf(failure, "Account import %d failed (error id %s); no account of it was made", id, errorId);
        return finish(id, "failed", null, List.of(Violation.at("", m -> m.internalDetail(errorId))));
    }

    /** Records the end of a job that succeeded (already marked so with its accounts) in the audit log. */
    private Uni<Void> succeeded(long id) {
        LOG.infof("Account import %d succeeded", id);
        return jobs.starter(id).flatMap(starter -> starter == null ? Uni.createFrom().voidItem()
                : finished(id, "succeeded", starter));
    }

    /** Ends the job (if still running) and records its end in the audit log (by who started it). */
    private Uni<Void> finish(long id, String status, Integer created, List<Violation> errors) {
        return jobs.finish(id, status, created, errors(errors)).flatMap(starter -> {
            LOG.infof("Account import %d %s", id, status);
            return starter == null ? Uni.createFrom().voidItem() : finished(id, status, starter);
        });
    }

    /**
     * At start, and every {@link #SCAN}, marks failed the running jobs no instance holds: their instance stopped
     * before it stored the accounts, so none was made, and the passwords it held are gone with it.
     */
    void failOrphans(@Observes StartupEvent event) {
        failOrphans();
        vertx.setPeriodic(SCAN.toMillis(), timer -> failOrphans());
    }

    void failOrphans() {
        jobs.running().subscribe().with(ids -> ids.forEach(this::failIfOrphaned),
                failure -> LOG.warnf("Could not look for interrupted account imports: %s", failure.getMessage()));
    }

    private void failIfOrphaned(long id) {
        if (running.contains(id)) {
            // this instance runs it (its claim would be granted again to this instance's own session)
            return;
        }
        claims.claim(ImportClaims.ACCOUNT_IMPORTS, id).flatMap(claimed -> !claimed ? Uni.createFrom().voidItem()
                : finish(id, "failed", null, List.of(Violation.at("", m -> m.accountImportInterrupted())))
                        .invoke(() -> LOG.warnf("Account import %d was interrupted (its instance stopped): marked"
                                + " failed, no account of it was made", id))
                        .eventually(() -> claims.release(ImportClaims.ACCOUNT_IMPORTS, id)))
                .subscribe().with(done -> { }, failure -> LOG.warnf("Could not end interrupted account import %d:"
                        + " %s", id, failure.getMessage()));
    }

    /** The errors as the job keeps them: row and column when known, the message in both languages. */
    private String errors(List<Violation> errors) {
        ArrayNode array = JSON.arrayNode();
        for (Violation v : errors) {
            ObjectNode node = array.addObject();
            if (v.index() != null) {
                node.put("row", v.index());
            }
            if (v.field() != null && !v.field().isEmpty()) {
                node.put("column", v.field());
            }
            node.putObject("message").put("zh-CN", v.message().in(chinese)).put("en", v.message().in(english));
        }
        return array.toString();
    }

    /**
     * The audit log's row of a job's end, by whoever started it. Written just after the job's last statement: a
     * crash between the two loses this row only; a failure to write it is logged and leaves the job as it ended.
     */
    private Uni<Void> finished(long id, String status, AccountImportRepository.Starter starter) {
        return audit.record(new AuditEvent(starter.accountId() == null ? "admin-key" : "token", starter.keyId(),
                starter.accountId(), null, null, AuditActions.ACCOUNT_IMPORT_FINISH, "account-import",
                Long.toString(id), "succeeded".equals(status) ? AuditEvent.OK : AuditEvent.FAILED, null, "job",
                null, null)).onFailure().recoverWithUni(failure -> {
                    LOG.errorf("Could not record the end of account import %d in the audit log: %s", id,
                            failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * The rows' scopes as unit ids and agencies as agency ids, after what needs the database: logins already taken,
     * unit codes that name no unit, agency codes that name no agency and sources the server does not know, each
     * named at its row (one query for each kind); a 422 with these and the file's own bad cells, in row order.
     */
    private Uni<Resolved> checked(Read file) {
        List<Row> rows = file.rows();
        Set<String> codes = new LinkedHashSet<>();
        rows.forEach(row -> codes.addAll(row.draft().scope()));
        Set<String> agencyCodes = new LinkedHashSet<>();
        rows.stream().map(row -> row.draft().agency()).filter(java.util.Objects::nonNull).forEach(agencyCodes::add);
        List<String> logins = rows.stream().map(row -> row.draft().login()).toList();
        List<String> knownSources = config.evaluations().sources();
        Uni<Map<String, Long>> ids = codes.isEmpty() ? Uni.createFrom().item(Map.of()) : units.idsByCodes(codes);
        // one statement after the other: a request holds one pooled connection at a time
        List<String> subjects = rows.stream().map(row -> row.draft().oidcSubject())
                .filter(java.util.Objects::nonNull).toList();
        return ids.flatMap(found -> accounts.agencyIds(agencyCodes).flatMap(agencies -> accounts.takenLogins(logins)
                .flatMap(taken -> accounts.takenSubjects(subjects).map(linked -> {
            List<Violation> problems = new ArrayList<>(file.problems());
            List<List<Long>> scopes = new ArrayList<>();
            List<Long> agencyIds = new ArrayList<>();
            for (Row row : rows) {
                String login = row.draft().login();
                if (taken.contains(login)) {
                    problems.add(at(row.number(), login, "login", m -> m.loginTaken(login)));
                }
                if (row.draft().oidcSubject() != null && linked.contains(row.draft().oidcSubject())) {
                    problems.add(at(row.number(), login, "oidcSubject", m -> m.oidcSubjectTaken()));
                }
                String agency = row.draft().agency();
                if (agency != null && !agencies.containsKey(agency)) {
                    problems.add(at(row.number(), login, "agency", m -> m.accountAgencyUnknown(agency)));
                }
                agencyIds.add(agency == null ? null : agencies.get(agency));
                if (row.draft().sources() != null) {
                    for (String source : row.draft().sources()) {
                        if (!knownSources.contains(source)) {
                            problems.add(at(row.number(), login, "sources", m -> m.accountSourceUnknown(source,
                                    String.join(", ", knownSources))));
                        }
                    }
                }
                List<Long> scope = new ArrayList<>();
                for (String code : row.draft().scope()) {
                    Long id = found.get(code);
                    if (id == null) {
                        problems.add(at(row.number(), login, "scope", m -> m.scopeUnitUnknown(code)));
                    } else {
                        scope.add(id);
                    }
                }
                scopes.add(scope);
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems.stream().sorted(java.util.Comparator.comparing(
                        Violation::index)).limit(MAX_ERRORS).toList());
            }
            return new Resolved(scopes, agencyIds);
        }))));
    }

    /**
     * The file's rows, each read as a new account, and the bad cells of those that do not; a 422 at once when the
     * header is wrong or there is no row. On a worker.
     */
    Read rows(String format, byte[] content) {
        Sheet sheet = sheet(format, content);
        List<Violation> problems = new ArrayList<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < sheet.header().size(); c++) {
            String name = sheet.header().get(c);
            if (name.isBlank()) {
                continue;
            }
            String column = COLUMNS.get(name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT));
            if (column == null) {
                problems.add(at(1, null, name, m -> m.unknownField()));
            } else if (columns.putIfAbsent(column, c) != null) {
                String first = sheet.header().get(columns.get(column));
                problems.add(at(1, null, name, m -> m.duplicateColumn(column, first, name)));
            }
        }
        for (String required : List.of("login", "displayName", "roles")) {
            if (!columns.containsKey(required)) {
                problems.add(at(1, null, required, m -> m.importColumnMissing(required)));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        if (sheet.lines().isEmpty()) {
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.importEmpty())));
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Integer> subjects = new HashMap<>();
        for (Sheet.Line line : sheet.lines()) {
            ObjectNode body = JSON.objectNode();
            String login = line.cell(columns.get("login"));
            if (login != null) {
                body.put("login", login);
            }
            String name = line.cell(columns.get("displayName"));
            if (name != null) {
                body.put("displayName", name);
            }
            list(body, "roles", line.cell(columns.get("roles")));
            if (columns.containsKey("scope")) {
                list(body, "scope", line.cell(columns.get("scope")));
            }
            if (columns.containsKey("agency")) {
                String agency = line.cell(columns.get("agency"));
                if (agency != null && !agency.isBlank()) {
                    body.put("agency", agency.trim());
                }
            }
            if (columns.containsKey("sources")) {
                list(body, "sources", line.cell(columns.get("sources")));
            }
            if (columns.containsKey("oidcSubject")) {
                String subject = line.cell(columns.get("oidcSubject"));
                if (subject != null && !subject.isBlank()) {
                    body.put("oidcSubject", subject);
                }
            }
            if (columns.containsKey("password")) {
                // a password is taken as written: spaces at its ends are part of it
                int column = columns.get("password");
                String password = column < line.cells().size() ? line.cells().get(column) : null;
                if (password != null && !password.isEmpty()) {
                    body.put("password", password);
                }
            }
            String shown = login == null ? null : AccountInput.normalLogin(login);
            try {
                AccountInput.NewAccount draft = AccountInput.newAccount(body);
                Integer first = seen.putIfAbsent(draft.login(), line.number());
                if (first != null) {
                    problems.add(at(line.number(), shown, "login", m -> m.importLoginRepeated(draft.login(),
                            first)));
                }
                Integer sameSubject = draft.oidcSubject() == null ? null
                        : subjects.putIfAbsent(draft.oidcSubject(), line.number());
                if (sameSubject != null) {
                    problems.add(at(line.number(), shown, "oidcSubject", m -> m.importSubjectRepeated(sameSubject)));
                }
                rows.add(new Row(line.number(), draft));
            } catch (ProblemException refused) {
                for (Violation v : refused.violations()) {
                    problems.add(at(line.number(), shown, column(v.pointer()), v.message()));
                }
            }
        }
        return new Read(rows, problems);
    }

    /** A list cell as a JSON array (no cell: the field is left out, so a required one is named as missing). */
    private static void list(ObjectNode body, String field, String cell) {
        if (cell == null) {
            return;
        }
        var array = body.putArray(field);
        for (String item : LIST.split(cell.trim())) {
            if (!item.isEmpty()) {
                array.add(item);
            }
        }
    }

    /** The column of a body pointer ({@code /roles/2} is the roles column). */
    private static String column(String pointer) {
        String[] parts = pointer.split("/");
        return parts.length > 1 ? parts[1] : "";
    }

    private static Violation at(int row, String login, String column, Message message) {
        return new Violation("/" + row + "/" + Violation.escape(column), row, login, column, message);
    }

    private Sheet sheet(String format, byte[] content) {
        ServiceGradeConfig.Imports settings = config.imports();
        Sheet.Limits limits = new Sheet.Limits(MAX_ACCOUNTS, settings.maxCellLength(),
                settings.maxUnpackedSize().asLongValue());
        try {
            return "xlsx".equals(format) ? Sheet.xlsx(content, limits) : Sheet.csv(content, limits);
        } catch (Sheet.Refused refused) {
            Integer row = refused.row();
            String column = refused.column();
            throw ProblemException.invalid(List.of(row == null ? Violation.at("", refused.message())
                    : at(row, null, column == null ? "" : column, refused.message())));
        } catch (IOException | RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            throw ProblemException.invalid(List.of(Violation.at("", m -> m.unreadableFile(format, reason))));
        }
    }
}
