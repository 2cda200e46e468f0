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
 * Bulk import of accounts from a CSV or XLSX file (issue 16, point 6), all or nothing. The file is read by the
 * evaluation import's readers within the same limits ({@link Sheet}: cell length and unpacked size from
 * {@code servicegrade.imports.*}; at most {@link #MAX_ACCOUNTS} rows), on a worker thread. Every row is read by the
 * same reader as {@code POST /api/v1/admin/accounts} ({@link AccountInput}); every bad cell of every row is named
 * (pointer {@code /<row>/<column>}, the row as the spreadsheet numbers it, the header being row 1), and then
 * nothing is stored. Passwords not given are generated and answered once. Hashing is paced: one password at a time
 * through {@link PasswordHasher}'s gate, so an import holds at most one of its places and sign-ins keep the others.
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
     * Reads the file ({@code csv} or {@code xlsx}), checks every row, and makes all the accounts or none. The
     * answer lists them in file order with the generated passwords.
     */
    public Uni<List<Created>> run(String format, byte[] content) {
        Context context = Vertx.currentContext();
        Uni<Read> read = Uni.createFrom().item(() -> rows(format, content))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        if (context != null) {
            read = read.emitOn(task -> context.runOnContext(v -> task.run()));
        }
        return read.flatMap(file -> checked(file).flatMap(resolved -> {
            List<Row> rows = file.rows();
            List<String> passwords = rows.stream().map(row -> row.draft().password() != null
                    ? row.draft().password() : PasswordHasher.newPassword()).toList();
            // one hash at a time: the import waits its turn at the gate like any sign-in, and holds one place
            return Multi.createFrom().iterable(passwords).onItem().transformToUniAndConcatenate(hasher::hash)
                    .collect().asList()
                    .flatMap(hashes -> accounts.createAll(rows.stream().map(Row::draft).toList(), hashes,
                            resolved.scopes(), resolved.agencies()))
                    .map(made -> {
                        List<Created> created = new ArrayList<>();
                        for (int i = 0; i < rows.size(); i++) {
                            Row row = rows.get(i);
                            created.add(new Created(row.number(), row.draft().login(),
                                    row.draft().password() == null ? passwords.get(i) : null));
                        }
                        return created;
                    });
        }));
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
