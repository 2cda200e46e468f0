package io.servicegrade.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.PasswordHasher;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the bodies of the account API (create, change, sign in) into plain values, naming every bad field by JSON
 * pointer (422); pure, no I/O. Unit codes of a scope are checked against the tree afterwards, by
 * {@link AccountService}.
 */
final class AccountInput {

    static final int MIN_PASSWORD = 10;
    private static final int MAX_NAME = 200;
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");

    private AccountInput() {
    }

    /**
     * A new account; {@code password} null means one is generated. {@code agency}: the code of the agency an
     * account with the agency role acts as; {@code sources}: what an inspector or agency account may post, null for
     * every source (issue 16: scope).
     */
    record NewAccount(String login, String displayName, String password, List<Role> roles, List<String> scope,
            String agency, List<String> sources, String oidcSubject) {

        NewAccount(String login, String displayName, String password, List<Role> roles, List<String> scope) {
            this(login, displayName, password, roles, scope, null, null, null);
        }
    }

    /**
     * A change to an account: each field null when not given; {@code agency} and {@code sources} change when
     * {@code agencyGiven} and {@code sourcesGiven} (null then unlinks, or allows every source); the single sign-on
     * subject when {@code oidcSubjectGiven} (null then unlinks the account from the provider's person).
     */
    record Change(String displayName, List<Role> roles, List<String> scope, Boolean disabled, boolean agencyGiven,
            String agency, boolean sourcesGiven, List<String> sources, boolean oidcSubjectGiven,
            String oidcSubject) {

        Change(String displayName, List<Role> roles, List<String> scope, Boolean disabled) {
            this(displayName, roles, scope, disabled, false, null, false, null, false, null);
        }
    }

    /** A sign-in for a personal access token. */
    record SignIn(String login, String password, String name, int days) {
    }

    static NewAccount newAccount(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        Fields fields = new Fields(body, problems, Set.of("login", "displayName", "password", "roles", "scope",
                "agency", "sources", "oidcSubject"));
        String login = fields.login("login");
        String displayName = fields.line("displayName", true);
        String password = fields.password("password", false, true);
        List<Role> roles = fields.roles(true);
        List<String> scope = fields.scope();
        String agency = fields.code("agency");
        boolean sourcesBad = fields.has("sources") && !fields.body.get("sources").isNull()
                && fields.sources() == null;
        List<String> sources = sourcesBad ? null : fields.sources();
        String oidcSubject = fields.subject("oidcSubject");
        if (roles != null) {
            scopeFits(roles, scope == null ? List.of() : scope, problems);
            agencyFits(roles, agency != null || fields.has("agency") && !fields.body.get("agency").isNull(),
                    sources != null || sourcesBad, problems);
        }
        fields.done();
        return new NewAccount(login, displayName, password, roles, scope == null ? List.of() : scope, agency,
                sources, oidcSubject);
    }

    static Change change(JsonNode body, List<Role> currentRoles, List<?> currentScope) {
        return change(body, currentRoles, currentScope, false, false);
    }

    /** As above, knowing whether the account is linked to an agency and names sources now (issue 16: scope). */
    static Change change(JsonNode body, List<Role> currentRoles, List<?> currentScope, boolean hasAgency,
            boolean hasSources) {
        List<Violation> problems = new ArrayList<>();
        Fields fields = new Fields(body, problems, Set.of("displayName", "roles", "scope", "disabled", "agency",
                "sources", "oidcSubject"));
        String displayName = fields.has("displayName") ? fields.line("displayName", true) : null;
        List<Role> roles = fields.has("roles") ? fields.roles(true) : null;
        List<String> scope = fields.has("scope") ? fields.scope() : null;
        Boolean disabled = fields.has("disabled") ? fields.bool("disabled") : null;
        boolean agencyGiven = fields.has("agency");
        String agency = agencyGiven ? fields.code("agency") : null;
        boolean sourcesGiven = fields.has("sources");
        List<String> sources = sourcesGiven ? fields.sources() : null;
        boolean oidcSubjectGiven = fields.has("oidcSubject");
        String oidcSubject = oidcSubjectGiven ? fields.subject("oidcSubject") : null;
        // checked when what they depend on changes: a change of name or of disabled alone is always possible
        if ((fields.has("roles") || agencyGiven || sourcesGiven) && !(fields.has("roles") && roles == null)) {
            agencyFits(roles != null ? roles : currentRoles, agencyGiven ? agency != null : hasAgency,
                    sourcesGiven ? sources != null : hasSources, problems);
        }
        boolean rolesBad = fields.has("roles") && roles == null;
        boolean scopeBad = fields.has("scope") && scope == null;
        if (!rolesBad && !scopeBad && (roles != null || scope != null)) {
            List<Role> finalRoles = roles != null ? roles : currentRoles;
            int scopeSize = scope != null ? scope.size() : currentScope.size();
            scopeFits(finalRoles, scopeSize, problems);
        }
        fields.done();
        return new Change(displayName, roles, scope, disabled, agencyGiven, agency, sourcesGiven, sources,
                oidcSubjectGiven, oidcSubject);
    }

    /** The new password of a reset: null when none is given (one is generated). */
    static String reset(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        Fields fields = new Fields(body, problems, Set.of("password"));
        String password = fields.password("password", false, true);
        fields.done();
        return password;
    }

    static SignIn signIn(JsonNode body, int defaultDays, int maxDays) {
        List<Violation> problems = new ArrayList<>();
        Fields fields = new Fields(body, problems, Set.of("login", "password", "name", "expiresInDays"));
        // a login of any shape may be tried: a wrong one is a failed sign-in (401), not a 422 that tells it apart
        String login = fields.text("login", 320);
        String password = fields.password("password", true, false);
        String name = fields.line("name", true);
        Integer days = fields.has("expiresInDays") ? fields.days("expiresInDays", maxDays) : Integer.valueOf(defaultDays);
        fields.done();
        return new SignIn(login == null ? null : login.trim().toLowerCase(Locale.ROOT), password, name,
                days == null ? defaultDays : days);
    }

    /** A personal access token an account makes for itself while signed in (issue 16: GraphQL createToken). */
    record NewToken(String name, int days) {
    }

    static NewToken newToken(JsonNode body, int defaultDays, int maxDays) {
        List<Violation> problems = new ArrayList<>();
        Fields fields = new Fields(body, problems, Set.of("name", "expiresInDays"));
        String name = fields.line("name", true);
        Integer days = fields.has("expiresInDays") && !body.get("expiresInDays").isNull()
                ? fields.days("expiresInDays", maxDays) : Integer.valueOf(defaultDays);
        fields.done();
        return new NewToken(name, days == null ? defaultDays : days);
    }

    /** The login as stored: trimmed and lower-cased. */
    static String normalLogin(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * An agency link is for the agency role alone, and that role needs one; sources only narrow an inspector's or
     * an agency account's posting (issue 16: scope).
     */
    private static void agencyFits(List<Role> roles, boolean agency, boolean sources, List<Violation> problems) {
        if (roles.contains(Role.AGENCY) != agency) {
            problems.add(Violation.at("/agency", m -> m.accountAgencyFits()));
        }
        if (sources && !roles.contains(Role.INSPECTOR) && !roles.contains(Role.AGENCY)) {
            problems.add(Violation.at("/sources", m -> m.accountSourcesFit()));
        }
    }

    private static void scopeFits(List<Role> roles, List<String> scope, List<Violation> problems) {
        scopeFits(roles, scope.size(), problems);
    }

    private static void scopeFits(List<Role> roles, int scopeSize, List<Violation> problems) {
        boolean scoped = roles.stream().anyMatch(Role::scoped);
        if (scoped && scopeSize == 0) {
            problems.add(Violation.at("/scope", m -> m.scopeRequired()));
        } else if (!scoped && scopeSize > 0) {
            problems.add(Violation.at("/scope", m -> m.scopeWithoutScopedRole()));
        }
    }

    /** The fields of one JSON object, each read once; {@link #done()} throws the 422 when any was bad. */
    private static final class Fields {
        final JsonNode body;
        private final List<Violation> problems;

        Fields(JsonNode body, List<Violation> problems, Set<String> known) {
            this.body = body;
            this.problems = problems;
            if (!body.isObject()) {
                problems.add(Violation.at("", m -> m.wrongType("object")));
                throw ProblemException.invalid(problems);
            }
            body.fieldNames().forEachRemaining(field -> {
                if (!known.contains(field)) {
                    problems.add(Violation.at("/" + Violation.escape(field), m -> m.unknownField()));
                }
            });
        }

        boolean has(String field) {
            return body.has(field);
        }

        void done() {
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
        }

        private void bad(String field, Message message) {
            problems.add(Violation.at("/" + field, message));
        }

        /** A required string field, or null (and a problem noted). */
        private String string(String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                bad(field, m -> m.required());
                return null;
            }
            if (!node.isTextual()) {
                bad(field, m -> m.wrongType("string"));
                return null;
            }
            return node.textValue();
        }

        String text(String field, int max) {
            String value = string(field);
            if (value == null) {
                return null;
            }
            if (value.isBlank()) {
                bad(field, m -> m.required());
                return null;
            }
            if (value.length() > max) {
                bad(field, m -> m.tooLong(max));
                return null;
            }
            return value;
        }

        String login(String field) {
            String value = string(field);
            if (value == null) {
                return null;
            }
            String login = normalLogin(value);
            if (!LOGIN.matcher(login).matches()) {
                bad(field, m -> m.loginFormat());
                return null;
            }
            return login;
        }

        String line(String field, boolean required) {
            String value = required ? string(field) : null;
            if (value == null) {
                return null;
            }
            if (value.isBlank()) {
                bad(field, m -> m.required());
                return null;
            }
            if (value.length() > MAX_NAME) {
                bad(field, m -> m.tooLong(MAX_NAME));
                return null;
            }
            Message problem = InputRules.textProblem(value, InputRules.Text.LINE);
            if (problem != null) {
                bad(field, problem);
                return null;
            }
            return value.trim();
        }

        /**
         * A password: its length in bytes is measured before anything else is done with it. {@code required}: for
         * a sign-in; else absent means "generate one". {@code newOne}: a password being set, held to the minimum.
         */
        String password(String field, boolean required, boolean newOne) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                if (required) {
                    bad(field, m -> m.required());
                }
                return null;
            }
            if (!node.isTextual()) {
                bad(field, m -> m.wrongType("string"));
                return null;
            }
            String value = node.textValue();
            if (PasswordHasher.tooLong(value)) {
                bad(field, m -> m.passwordTooLong(PasswordHasher.MAX_BYTES));
                return null;
            }
            if (value.isEmpty() || newOne && value.codePointCount(0, value.length()) < MIN_PASSWORD) {
                bad(field, value.isEmpty() && !newOne ? m -> m.required() : m -> m.passwordTooShort(MIN_PASSWORD));
                return null;
            }
            if (InputRules.hasLoneSurrogate(value)) {
                bad(field, m -> m.loneSurrogate());
                return null;
            }
            return value;
        }

        List<Role> roles(boolean required) {
            JsonNode node = body.get("roles");
            if (node == null || node.isNull()) {
                if (required) {
                    bad("roles", m -> m.required());
                }
                return null;
            }
            if (!node.isArray()) {
                bad("roles", m -> m.wrongType("array"));
                return null;
            }
            if (node.isEmpty()) {
                bad("roles", m -> m.rolesRequired());
                return null;
            }
            List<Role> roles = new ArrayList<>();
            Set<Role> seen = new LinkedHashSet<>();
            boolean ok = true;
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = "roles/" + i;
                if (!item.isTextual()) {
                    bad(at, m -> m.wrongType("string"));
                    ok = false;
                    continue;
                }
                String key = item.textValue();
                var role = Role.of(key);
                if (role.isEmpty()) {
                    bad(at, m -> m.unknownRole(Role.keys()));
                    ok = false;
                } else if (!seen.add(role.get())) {
                    bad(at, m -> m.duplicateRole(key));
                    ok = false;
                } else {
                    roles.add(role.get());
                }
            }
            return ok ? roles : null;
        }

        /** The unit codes of a scope (unique, in the order given); null when the field is bad. */
        List<String> scope() {
            JsonNode node = body.get("scope");
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                bad("scope", m -> m.wrongType("array"));
                return null;
            }
            List<String> codes = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = "scope/" + i;
                if (!item.isTextual()) {
                    bad(at, m -> m.wrongType("string"));
                    ok = false;
                    codes.add(null);
                    continue;
                }
                String code = item.textValue();
                int other = codes.indexOf(code);
                if (other >= 0) {
                    bad(at, m -> m.duplicateCode(code, other));
                    ok = false;
                } else if (code.length() > 64 || code.isEmpty()) {
                    bad(at, m -> m.unitCodeFormat());
                    ok = false;
                }
                codes.add(code);
            }
            return ok ? codes : null;
        }

        /** The text at {@code field}: null when absent or null, or when it is no text (then named as such). */
        private String optionalText(String field) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                bad(field, m -> m.wrongType("string"));
                return null;
            }
            return node.textValue();
        }

        /** An optional code (an agency's): null when absent or null, else one non-blank line of 64 at most. */
        String code(String field) {
            String value = optionalText(field);
            if (value == null) {
                return null;
            }
            if (value.isBlank() || value.length() > 64) {
                bad(field, m -> m.unitCodeFormat());
                return null;
            }
            return value;
        }

        /**
         * A single sign-on subject (issue 16): null when absent or null, else the provider's {@code sub} as it
         * sends it, trimmed (as a token's is read), 1 to 255 characters of one line.
         */
        String subject(String field) {
            String given = optionalText(field);
            if (given == null) {
                return null;
            }
            String value = given.trim();
            if (value.isEmpty() || value.length() > io.servicegrade.platform.security.oidc.OidcPerson.MAX_SUBJECT) {
                bad(field, m -> m.oidcSubjectFormat());
                return null;
            }
            Message problem = InputRules.textProblem(value, InputRules.Text.LINE);
            if (problem != null) {
                bad(field, problem);
                return null;
            }
            return value;
        }

        private List<String> sources;
        private boolean sourcesRead;

        /** The sources named (unique, in order); null when absent, null, or bad (a problem noted once). */
        List<String> sources() {
            if (sourcesRead) {
                return sources;
            }
            sourcesRead = true;
            JsonNode node = body.get("sources");
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isArray()) {
                bad("sources", m -> m.wrongType("array"));
                return null;
            }
            List<String> names = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                String at = "sources/" + i;
                if (!item.isTextual() || item.textValue().isBlank()) {
                    bad(at, m -> m.wrongType("string"));
                    ok = false;
                    continue;
                }
                String name = item.textValue();
                int other = names.indexOf(name);
                if (other >= 0) {
                    bad(at, m -> m.duplicateCode(name, other));
                    ok = false;
                }
                names.add(name);
            }
            sources = ok ? names : null;
            return sources;
        }

        Boolean bool(String field) {
            JsonNode node = body.get(field);
            if (node == null || !node.isBoolean()) {
                bad(field, m -> m.booleanValue());
                return null;
            }
            return node.booleanValue();
        }

        Integer days(String field, int max) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > max) {
                bad(field, m -> m.tokenDays(max));
                return null;
            }
            return node.intValue();
        }
    }
}
