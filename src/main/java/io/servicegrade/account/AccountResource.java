package io.servicegrade.account;

import io.servicegrade.account.AccountViews.AccountChangeBody;
import io.servicegrade.account.AccountViews.AccountView;
import io.servicegrade.account.AccountViews.AccountWithPassword;
import io.servicegrade.account.AccountViews.NewAccountBody;
import io.servicegrade.account.AccountViews.PasswordResetBody;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.servicegrade.platform.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/** The administrator's account management (issue 16): the admin key, or an administrator's token. */
@Path("/api/v1/admin/accounts")
@Access(Access.Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "People's accounts, their roles and scopes")
public class AccountResource {

    @Inject
    AccountService accounts;

    @Inject
    RequestBodies bodies;

    @Inject
    AccountImport importer;

    @Inject
    CurrentCaller current;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @BodyLimit(RequestBodies.Kind.SMALL)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewAccountBody.class)))
    @APIResponse(responseCode = "201", description = "The account, with its generated password when none was given",
            content = @Content(schema = @Schema(implementation = AccountWithPassword.class)))
    @Operation(operationId = "createAccount",
            summary = "Create an account with roles and scope; a generated password is in this answer only")
    public Uni<AccountWithPassword> create(byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).map(AccountInput::newAccount)
                .flatMap(accounts::create).map(AccountWithPassword::of);
    }

    @GET
    @Operation(operationId = "listAccounts", summary = "List the accounts, by login")
    public Uni<List<AccountView>> list() {
        return accounts.list().map(all -> all.stream().map(AccountView::of).toList());
    }

    @GET
    @Path("/{login}")
    @APIResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @Operation(operationId = "getAccount", summary = "One account, by login (case is ignored)")
    public Uni<AccountView> get(@PathParam("login") String login) {
        return accounts.get(login).map(AccountView::of);
    }

    @PATCH
    @Path("/{login}")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(RequestBodies.Kind.SMALL)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AccountChangeBody.class)))
    @APIResponse(responseCode = "200", description = "The account, changed",
            content = @Content(schema = @Schema(implementation = AccountView.class)))
    @APIResponse(responseCode = "409", description = "The last active administrator would be disabled or lose the "
            + "administrator role")
    @Operation(operationId = "changeAccount",
            summary = "Change display name, roles, scope, or disable (its tokens and report sessions stop working) or "
            + "enable it; the last active administrator stays one")
    public Uni<AccountView> change(@PathParam("login") String login, byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).flatMap(json -> accounts.change(login, json))
                .map(AccountView::of);
    }

    @POST
    @Path("/{login}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(RequestBodies.Kind.SMALL)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasswordResetBody.class)))
    @APIResponse(responseCode = "200", description = "The account, with its generated password when none was given",
            content = @Content(schema = @Schema(implementation = AccountWithPassword.class)))
    @Operation(operationId = "resetAccountPassword",
            summary = "Set a new password, given or generated (then in this answer only); the account's tokens are "
            + "revoked and its report sessions end")
    public Uni<AccountWithPassword> resetPassword(@PathParam("login") String login, byte[] body) {
        return bodies.json(body, RequestBodies.Kind.SMALL).map(AccountInput::reset)
                .flatMap(password -> accounts.resetPassword(login, password)).map(AccountWithPassword::of);
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @POST
    @Path("/import")
    @Consumes({"text/csv", XLSX})
    @RequestBody(required = true, content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "202", description = "The file is accepted: its job, running, to follow at Location,"
            + " and every account it will make with the generated passwords (in this answer only; they work once the"
            + " job has succeeded)", content = @Content(schema = @Schema(implementation = ImportedAccounts.class)),
            headers = @Header(name = "Location", description = "The job's address",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "422", description = "Nothing was made, no job either: every bad cell named at "
            + "/<row>/<column>")
    @APIResponse(responseCode = "429", description = "Account imports are running, the most at once; no job was "
            + "made; send the file again after Retry-After seconds")
    @Operation(operationId = "importAccounts", summary = "Import accounts from a CSV or XLSX file (columns login, "
            + "displayName, roles, scope, password, agency, sources; up to 10,000 rows), all or nothing: checked "
            + "at once, then made by a job that hashes the passwords; passwords not given are generated and "
            + "answered once, here")
    public Uni<Response> importAccounts(byte[] file, @QueryParam("filename") String filename,
            @jakarta.ws.rs.HeaderParam("Content-Type") String contentType) {
        if (file == null || file.length == 0) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::bodyMissing);
        }
        String format = contentType != null && contentType.startsWith(XLSX) ? "xlsx" : "csv";
        String name = filename == null || filename.isBlank() ? null
                : filename.length() > 255 ? filename.substring(0, 255) : filename;
        return importer.start(current.get(), format, name, file).map(accepted -> Response.accepted(
                new ImportedAccounts(accepted.job(), accepted.accounts().stream()
                        .map(c -> new ImportedAccount(c.row(), c.login(), c.password())).toList()))
                .location(URI.create("/api/v1/admin/accounts/import/" + accepted.job().id())).build());
    }

    @GET
    @Path("/import/{id}")
    @APIResponse(responseCode = "200", description = "The account import",
            content = @Content(schema = @Schema(implementation = AccountImportJob.class)))
    @Operation(operationId = "getAccountImport", summary = "An account import: running, succeeded or failed, its "
            + "passwords hashed of its rows, the accounts made, and why it failed (by row and column); never a "
            + "password")
    public Uni<AccountImportJob> importJob(@PathParam("id") long id) {
        return importer.get(id);
    }

    @Schema(name = "ImportedAccounts", description = "An accepted account import: its job, and the accounts it will"
            + " make, in file order")
    public record ImportedAccounts(@Schema(required = true) AccountImportJob job,
            @Schema(required = true) List<ImportedAccount> accounts) {
    }

    @Schema(name = "ImportedAccount")
    public record ImportedAccount(@Schema(required = true, description = "Its row in the file (the header is 1)")
            int row, @Schema(required = true) String login,
            @Schema(description = "The generated password, shown this once; null when the file gave one")
            String password) {
    }
}
