package io.servicegrade.account;

import io.servicegrade.platform.security.ApiKey;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** What the account API answers: accounts and tokens as shown, never a password hash or a token's secret. */
public final class AccountViews {

    private AccountViews() {
    }

    @Schema(name = "Account", description = "A person's account")
    public record AccountView(
            @Schema(required = true, description = "Lower-case; unique without regard to case") String login,
            @Schema(required = true) String displayName,
            @Schema(required = true, description = "Role keys: administrator, analyst, manager, inspector, agency,"
                    + " viewer") List<String> roles,
            @Schema(required = true, description = "Codes of the units whose subtrees are in scope (scoped roles)")
            List<String> scope,
            @Schema(required = true) boolean disabled,
            @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true) OffsetDateTime updatedAt,
            @Schema(description = "Code of the agency an account with the agency role acts as; null otherwise")
            String agency,
            @Schema(description = "Sources an inspector or agency account may post; null: every source")
            List<String> sources,
            @Schema(description = "The subject (sub) of the person at the identity provider this account is linked"
                    + " to: their bearer tokens act as this account; null: not linked") String oidcSubject) {

        static AccountView of(AccountService.Shown shown) {
            Account a = shown.account();
            return new AccountView(a.login, a.displayName, List.of(a.roles), shown.scope(), a.disabledAt != null,
                    a.createdAt, a.updatedAt, shown.agency(), a.sources == null ? null : List.of(a.sources),
                    a.oidcSubject);
        }
    }

    @Schema(name = "AccountWithPassword", description = "An account just made or reset, with a generated password"
            + " (shown this once) when none was given")
    public record AccountWithPassword(@Schema(required = true) AccountView account,
            @Schema(description = "The generated password: shown this once; null when the request gave one")
            String password) {

        static AccountWithPassword of(AccountService.WithPassword made) {
            return new AccountWithPassword(AccountView.of(made.account()), made.generatedPassword());
        }
    }

    @Schema(name = "RoleView", description = "A role with its name and description in the request's language")
    public record RoleView(@Schema(required = true) String role, @Schema(required = true) String name,
            @Schema(required = true) String description) {
    }

    @Schema(name = "Me", description = "The account the token belongs to")
    public record MeView(@Schema(required = true) String login, @Schema(required = true) String displayName,
            @Schema(required = true) List<RoleView> roles,
            @Schema(required = true, description = "Codes of the units whose subtrees are in scope") List<String> scope,
            @Schema(description = "Code of the agency the account acts as (agency role); null otherwise") String agency,
            @Schema(description = "Sources the account may post (inspector, agency); null: every source")
            List<String> sources) {
    }

    @Schema(name = "PersonalAccessToken", description = "A personal access token as listed: never its secret")
    public record TokenView(@Schema(required = true) long id, @Schema(required = true) String name,
            @Schema(required = true, description = "The token's first characters") String prefix,
            @Schema(required = true) OffsetDateTime createdAt, @Schema(required = true) OffsetDateTime expiresAt,
            @Schema(description = "Last use, noted at most once a minute; null before the first")
            OffsetDateTime lastUsedAt,
            @Schema(description = "When it was revoked; null while it works") OffsetDateTime revokedAt) {

        static TokenView of(ApiKey key) {
            return new TokenView(key.id, key.name, key.prefix, key.createdAt, key.expiresAt, key.lastUsedAt,
                    key.revokedAt);
        }
    }

    @Schema(name = "CreatedToken", description = "A personal access token just made, with its secret: shown once")
    public record CreatedToken(@Schema(required = true) long id, @Schema(required = true) String name,
            @Schema(required = true) String prefix, @Schema(required = true) OffsetDateTime createdAt,
            @Schema(required = true) OffsetDateTime expiresAt,
            @Schema(required = true, description = "Send as 'Authorization: Bearer <token>'; shown this once")
            String token) {
    }

    /** Request bodies (schema only: the server reads them itself, naming every bad field). */
    @Schema(name = "NewAccount")
    public record NewAccountBody(
            @Schema(required = true, maxLength = 64, description = "a-z, 0-9, '.', '_', '@', '-'; case is ignored")
            String login,
            @Schema(required = true, maxLength = 200) String displayName,
            @Schema(description = "10 characters to 1,024 bytes; generated (and answered once) when absent")
            String password,
            @Schema(required = true, description = "Role keys") List<String> roles,
            @Schema(description = "Unit codes; required for manager, inspector and viewer, refused otherwise")
            List<String> scope,
            @Schema(description = "Agency code; required for the agency role, refused otherwise") String agency,
            @Schema(description = "Sources an inspector or agency account may post; absent or null: every source")
            List<String> sources,
            @Schema(maxLength = 255, description = "Links the account to the person with this subject (sub) at the"
                    + " identity provider; unique (422 when another account has it); absent or null: not linked")
            String oidcSubject) {
    }

    @Schema(name = "AccountChange", description = "Only the fields given change")
    public record AccountChangeBody(@Schema(maxLength = 200) String displayName, List<String> roles,
            List<String> scope, @Schema(description = "A disabled account cannot sign in; its tokens stop working")
            Boolean disabled, @Schema(description = "Agency code (agency role); null unlinks") String agency,
            @Schema(description = "Sources (inspector, agency); null: every source") List<String> sources,
            @Schema(maxLength = 255, description = "The identity provider's subject (sub) the account is linked to;"
                    + " unique (422 when another account has it); null unlinks") String oidcSubject) {
    }

    @Schema(name = "PasswordReset")
    public record PasswordResetBody(
            @Schema(description = "10 characters to 1,024 bytes; generated (and answered once) when absent")
            String password) {
    }

    @Schema(name = "SignIn")
    public record SignInBody(@Schema(required = true) String login,
            @Schema(required = true, description = "At most 1,024 bytes") String password,
            @Schema(required = true, maxLength = 200, description = "What the token is for, one line") String name,
            @Schema(description = "Days until it expires; a setting gives the default and the most")
            Integer expiresInDays) {
    }
}
