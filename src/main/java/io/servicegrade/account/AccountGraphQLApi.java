package io.servicegrade.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.database.EventLoopWork;
import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.GraphQLArguments;
import io.servicegrade.platform.graphql.GraphQLErrors;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.Node;
import io.servicegrade.platform.graphql.NodeKind;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.paging.Cursors;
import io.servicegrade.platform.paging.PageInfo;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.ApiKey;
import io.servicegrade.platform.security.ApiKeyService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Accounts over GraphQL (issue 16, point 6), twins of {@code /api/v1/admin/accounts} and {@code /api/v1/me}: the
 * same readers ({@link AccountInput}, so a bad field has REST's pointer) and the same service. {@code accounts} and
 * {@code account} and the account mutations need an administrator (the admin key or an administrator's token);
 * {@code me}, {@code createToken} and {@code revokeToken} need a person's token, of any role, and act on that
 * person only. Role names and descriptions come in the language of {@code Accept-Language}.
 */
@GraphQLApi
public class AccountGraphQLApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Most accounts on one page. */
    static final int MAX_PAGE = 500;
    static final String TYPE = "Account";

    @Inject
    AccountService accounts;

    @Inject
    ApiKeyService keys;

    @Inject
    MutationCalls calls;

    @Inject
    GraphQLArguments arguments;

    @Inject
    Problems problems;

    @Inject
    ServiceGradeConfig config;

    @Inject
    io.servicegrade.account.RoleTexts roleTexts;

    @Type("AccountRole")
    @Description("A role of an account, with its name and description in the language of Accept-Language.")
    public record RoleNode(@NonNull @Description("administrator, analyst, manager, inspector, agency or viewer")
            String key, @NonNull String name, @NonNull String description) {
    }

    @Type("Account")
    @Description("A person's account: login, display name, roles and scope. Never its password.")
    public record AccountNode(@Ignore long number, @NonNull @Description("Lower-case; unique without regard to case")
            String login, @NonNull String displayName, @NonNull List<@NonNull RoleNode> roles,
            @NonNull @Description("Codes of the units whose subtrees are in scope (scoped roles)")
            List<@NonNull String> scope,
            @Description("A disabled account cannot sign in; its tokens and sessions stop working") boolean disabled,
            @Description("The code of the agency an account of the agency role acts as; null: none") String agency,
            @Description("The sources an inspector or agency account may post; null: every source the agency may")
            List<@NonNull String> sources,
            @Description("The subject (sub) of the person at the identity provider this account is linked to: their "
                    + "bearer tokens act as this account; null: not linked") String oidcSubject,
            @NonNull OffsetDateTime createdAt, @NonNull OffsetDateTime updatedAt) implements Node {

        @Id
        @NonNull
        @Name("id")
        @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
        @Override
        public String getGlobalId() {
            return GlobalIds.encode(TYPE, Long.toString(number));
        }
    }

    @Type("AccountEdge")
    public record Edge(@NonNull String cursor, @NonNull AccountNode node) {
    }

    @Type("AccountConnection")
    @Description("A page of accounts in login order (Relay connection).")
    public record Connection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo) {
    }

    @Type("PersonalAccessToken")
    @Description("A personal access token of the caller; its secret only in the answer that created it.")
    public record TokenNode(@Id @NonNull String id, @NonNull String name,
            @NonNull @Description("The token's first characters") String prefix, @NonNull OffsetDateTime createdAt,
            @NonNull OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt,
            @Description("The token itself (send as 'Authorization: Bearer <token>'): in this answer only")
            String secret) {
        static TokenNode of(ApiKey key, String secret) {
            return new TokenNode(Long.toString(key.id), key.name, key.prefix, key.createdAt, key.expiresAt,
                    key.lastUsedAt, key.revokedAt, secret);
        }
    }

    @Input("CreateAccountInput")
    @Description("A new account, as POST /api/v1/admin/accounts takes it.")
    public static class NewAccount {
        @NonNull
        @Description("1-64 of a-z 0-9 . _ @ -, starting with a letter or digit; case is ignored")
        public String login;
        @NonNull
        public String displayName;
        @NonNull
        @Description("Role keys")
        public List<@NonNull String> roles;
        @Description("Unit codes; required for manager, inspector and viewer, refused otherwise")
        public List<@NonNull String> scope;
        @Description("10 characters to 1,024 bytes; generated (and answered once) when absent")
        public String password;
        @Description("The code of the agency it acts as: required for the agency role, refused otherwise")
        public String agency;
        @Description("The sources it may post (inspector or agency); absent: every source")
        public List<@NonNull String> sources;
        @Description("Links it to the person with this subject (sub) at the identity provider; unique (a userError at "
                + "/oidcSubject when another account has it); absent: not linked")
        public String oidcSubject;
    }

    @Input("AccountPatchInput")
    @Description("What changes in one account (PATCH /api/v1/admin/accounts/{login}): a field left out stays.")
    public static class AccountPatch {
        public String displayName;
        public List<@NonNull String> roles;
        public List<@NonNull String> scope;
        @Description("True disables the account: it cannot sign in, its tokens stop working, its report sessions "
                + "end. The last active administrator cannot be disabled.")
        public Boolean disabled;
        @Description("The code of the agency it acts as (agency role); null unlinks")
        public String agency;
        @Description("The sources it may post (inspector or agency); null allows every source")
        public List<@NonNull String> sources;
        @Description("The identity provider's subject (sub) it is linked to; unique; null unlinks")
        public String oidcSubject;
    }

    @Type("AccountPayload")
    @Description("An account as the change left it, with a generated password shown this once, or why nothing "
            + "changed.")
    public record AccountPayload(@Description("Null when refused.") AccountNode account,
            @Description("The generated password: shown this once; null when one was given or nothing was made.")
            String password, @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("TokenPayload")
    @Description("A personal access token as the change left it, or why nothing changed.")
    public record TokenPayload(@Description("Null when refused.") TokenNode token,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    // Queries

    @Query("accounts")
    @NonNull
    @Description("Every account in login order, a page at a time. Needs an administrator.")
    public Uni<Connection> accounts(@Description("Page size, 1 to 500.") @DefaultValue("50") int first,
            @Description("The endCursor of the previous page.") String after) {
        if (first < 1 || first > MAX_PAGE) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", MAX_PAGE));
        }
        String afterLogin;
        try {
            List<String> cursor = Cursors.decode("accounts", after, 1);
            afterLogin = cursor == null ? null : cursor.get(0);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(problem(e, "accounts"));
        }
        RoleMessages messages = roleMessages();
        return calls.admin().flatMap(admin -> EventLoopWork.start(() -> accounts.page(first, afterLogin)))
                .map(found -> {
                    List<Edge> edges = found.stream().limit(first).map(shown -> new Edge(
                            Cursors.encode("accounts", shown.account().login), node(shown, messages))).toList();
                    return new Connection(edges, PageInfo.of(edges, Edge::cursor, found.size() > first,
                            afterLogin != null));
                }).onFailure().transform(e -> problem(e, "accounts"));
    }

    @NonNull
    @Description("The accounts over all pages (counted only when asked for).")
    public Uni<Integer> totalCount(@org.eclipse.microprofile.graphql.Source Connection connection) {
        return EventLoopWork.start(() -> accounts.count()).map(Long::intValue)
                .onFailure().transform(e -> problem(e, "accounts"));
    }

    @Query("account")
    @Description("One account by login (case is ignored), or null when there is none. Needs an administrator.")
    public Uni<AccountNode> account(@NonNull String login) {
        RoleMessages messages = roleMessages();
        return calls.admin().flatMap(admin -> EventLoopWork.start(() -> accounts.get(login)))
                .map(shown -> node(shown, messages))
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(e -> problem(e, "account"));
    }

    @Query("me")
    @NonNull
    @Description("The account of the caller's personal access token (REST: GET /api/v1/me). Needs a person's "
            + "token, of any role; an API key is refused (FORBIDDEN).")
    public Uni<AccountNode> me() {
        RoleMessages messages = roleMessages();
        return calls.account().flatMap(caller -> EventLoopWork.start(() -> accounts.byId(caller.accountId())))
                .map(shown -> node(shown, messages)).onFailure().transform(e -> problem(e, "me"));
    }

    @Description("The caller's tokens that still work, newest first (only on me; an administrator reading another "
            + "account sees an empty list).")
    @NonNull
    public Uni<List<@NonNull TokenNode>> tokens(@org.eclipse.microprofile.graphql.Source AccountNode account) {
        return calls.account().flatMap(caller -> caller.accountId() != account.number()
                ? Uni.createFrom().item(List.<TokenNode>of())
                : EventLoopWork.start(() -> keys.tokensOf(caller.accountId()))
                        .map(all -> all.stream().map(key -> TokenNode.of(key, null)).toList()))
                .onFailure().recoverWithItem(List.of());
    }

    // Mutations

    @Mutation("createAccount")
    @NonNull
    @Description("Create an account; without a password one is generated and answered this once (REST: POST "
            + "/api/v1/admin/accounts). Needs an administrator.")
    public Uni<AccountPayload> createAccount(@NonNull NewAccount input) {
        ObjectNode body = JSON.objectNode().put("login", input.login).put("displayName", input.displayName);
        input.roles.forEach(body.putArray("roles")::add);
        if (input.scope != null) {
            input.scope.forEach(body.putArray("scope")::add);
        }
        if (input.password != null) {
            body.put("password", input.password);
        }
        if (input.agency != null) {
            body.put("agency", input.agency);
        }
        if (input.sources != null) {
            input.sources.forEach(body.putArray("sources")::add);
        }
        if (input.oidcSubject != null) {
            body.put("oidcSubject", input.oidcSubject);
        }
        RoleMessages messages = roleMessages();
        return calls.payload(calls.admin().flatMap(admin -> {
            RequestBodies.check(body);
            AccountInput.NewAccount draft = AccountInput.newAccount(body);
            return EventLoopWork.start(() -> accounts.create(draft));
        }).map(made -> new AccountPayload(node(made.account(), messages), made.generatedPassword(), List.of())),
                errors -> new AccountPayload(null, null, errors), "GraphQL createAccount");
    }

    @Mutation("updateAccount")
    @NonNull
    @Description("Change an account's display name, roles, scope, or disable or enable it; only what is given "
            + "changes (REST: PATCH /api/v1/admin/accounts/{login}). Disabling or demoting the last active "
            + "administrator is refused (CONFLICT). Needs an administrator.")
    public Uni<AccountPayload> updateAccount(@NonNull String login, @NonNull AccountPatch input) {
        JsonNode body = arguments.json("input");
        RoleMessages messages = roleMessages();
        return calls.payload(calls.admin().flatMap(admin -> {
            RequestBodies.check(body);
            return EventLoopWork.start(() -> accounts.change(login, body));
        }).map(shown -> new AccountPayload(node(shown, messages), null, List.of())),
                errors -> new AccountPayload(null, null, errors), "GraphQL updateAccount");
    }

    @Mutation("resetPassword")
    @NonNull
    @Description("Set an account's password, given or generated (then answered this once); its tokens are revoked "
            + "and its report sessions end (REST: POST /api/v1/admin/accounts/{login}/password). Needs an "
            + "administrator.")
    public Uni<AccountPayload> resetPassword(@NonNull String login, String password) {
        ObjectNode body = JSON.objectNode();
        if (password != null) {
            body.put("password", password);
        }
        RoleMessages messages = roleMessages();
        return calls.payload(calls.admin().flatMap(admin -> {
            RequestBodies.check(body);
            String given = AccountInput.reset(body);
            return EventLoopWork.start(() -> accounts.resetPassword(login, given));
        }).map(made -> new AccountPayload(node(made.account(), messages), made.generatedPassword(), List.of())),
                errors -> new AccountPayload(null, null, errors), "GraphQL resetPassword");
    }

    @Mutation("createToken")
    @NonNull
    @Description("A new personal access token of the caller's own account, its secret shown this once. Needs a "
            + "person's token (sign in over REST first: POST /api/v1/auth/tokens).")
    public Uni<TokenPayload> createToken(@NonNull @Description("What the token is for, one line") String name,
            @Description("Days until it expires; a setting gives the default and the most") Integer expiresInDays) {
        ObjectNode body = JSON.objectNode().put("name", name);
        if (expiresInDays != null) {
            body.put("expiresInDays", expiresInDays);
        }
        ServiceGradeConfig.Accounts settings = config.accounts();
        return calls.payload(calls.account().flatMap(caller -> {
            RequestBodies.check(body);
            AccountInput.NewToken request = AccountInput.newToken(body, settings.tokenDefaultDays(),
                    settings.tokenMaxDays());
            return EventLoopWork.start(() -> accounts.createToken(caller.accountId(), request));
        }).map(made -> new TokenPayload(TokenNode.of(made.token(), made.secret()), List.of())),
                errors -> new TokenPayload(null, errors), "GraphQL createToken");
    }

    @Mutation("revokeToken")
    @NonNull
    @Description("Revoke one of the caller's own tokens (the one sent, too); another account's is not found "
            + "(REST: DELETE /api/v1/me/tokens/{id}).")
    public Uni<TokenPayload> revokeToken(@Id @NonNull String id) {
        return calls.payload(calls.account().flatMap(caller -> {
            long number;
            try {
                number = Long.parseLong(id);
            } catch (NumberFormatException e) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.apiKeyIdNotFound(id)));
            }
            return EventLoopWork.start(() -> keys.revokeToken(caller.accountId(), number));
        }).map(key -> new TokenPayload(TokenNode.of(key, null), List.of())),
                errors -> new TokenPayload(null, errors), "GraphQL revokeToken");
    }

    /** Accounts for {@code node(id:)}: an administrator's only; null for anyone else, as if there were none. */
    @ApplicationScoped
    static class Kind implements NodeKind {

        @Inject
        AccountGraphQLApi api;

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public Uni<AccountNode> fetch(List<String> parts) {
            if (parts.size() != 1 || !parts.get(0).matches("[0-9]{1,18}")) {
                return Uni.createFrom().nullItem();
            }
            long id = Long.parseLong(parts.get(0));
            RoleMessages messages = api.roleMessages();
            return api.calls.admin().flatMap(admin -> EventLoopWork.start(() -> api.accounts.byId(id)))
                    .map(shown -> api.node(shown, messages)).onFailure().recoverWithNull();
        }
    }

    RoleMessages roleMessages() {
        return roleTexts.forAcceptLanguage(calls.acceptLanguage());
    }

    AccountNode node(AccountService.Shown shown, RoleMessages messages) {
        Account a = shown.account();
        return new AccountNode(a.id, a.login, a.displayName, a.roleList().stream()
                .map(role -> new RoleNode(role.key(), role.name(messages), role.description(messages))).toList(),
                shown.scope(), a.disabledAt != null, shown.agency(), a.sources == null ? null : List.of(a.sources),
                a.oidcSubject, a.createdAt, a.updatedAt);
    }

    private Throwable problem(Throwable e, String what) {
        return problems.graphql(e, "GraphQL " + what);
    }
}
