package io.servicegrade.account;

import io.servicegrade.account.AccountViews.CreatedToken;
import io.servicegrade.account.AccountViews.MeView;
import io.servicegrade.account.AccountViews.RoleView;
import io.servicegrade.account.AccountViews.SignInBody;
import io.servicegrade.account.AccountViews.TokenView;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.ApiKeyService;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/**
 * A person's own side (issue 16): signing in for a personal access token, and with one, who am I and my tokens.
 * Any account's token reaches {@code /me}, whatever its roles.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Me", description = "Signing in for a personal access token; the caller's own account and tokens")
public class MeResource {

    @Inject
    AccountService accounts;

    @Inject
    ApiKeyService keys;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Inject
    ServiceGradeConfig config;

    @Inject
    io.servicegrade.account.RoleTexts roleTexts;

    @POST
    @Path("/auth/tokens")
    @Access(Access.Level.OPEN)
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @BodyLimit(RequestBodies.Kind.SMALL)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SignInBody.class)))
    @APIResponse(responseCode = "201", description = "The token, with its secret (shown once)",
            content = @Content(schema = @Schema(implementation = CreatedToken.class)))
    @APIResponse(responseCode = "401", description = "The login or the password is wrong (one answer for both)")
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins of this login; retry after Retry-After")
    @APIResponse(responseCode = "503", description = "Too many sign-ins at once; retry after Retry-After")
    @Operation(operationId = "signIn", summary = "Sign in with login and password for a personal access token")
    public Uni<CreatedToken> signIn(byte[] body) {
        ServiceGradeConfig.Accounts settings = config.accounts();
        return bodies.json(body, RequestBodies.Kind.SMALL)
                .map(json -> AccountInput.signIn(json, settings.tokenDefaultDays(), settings.tokenMaxDays()))
                .flatMap(accounts::signIn)
                .map(made -> new CreatedToken(made.token().id, made.token().name, made.token().prefix,
                        made.token().createdAt, made.token().expiresAt, made.secret()));
    }

    @GET
    @Path("/me")
    @Access(Access.Level.ACCOUNT)
    @Operation(operationId = "getMe", summary = "Who am I: login, name, roles (in the request's language), scope")
    @APIResponse(responseCode = "200", description = "The caller's account",
            content = @Content(schema = @Schema(implementation = MeView.class)))
    public Uni<MeView> me(@HeaderParam("Accept-Language") String language) {
        RoleMessages messages = roleTexts.forAcceptLanguage(language);
        return accounts.byId(current.get().accountId()).map(shown -> new MeView(shown.account().login,
                shown.account().displayName, shown.account().roleList().stream()
                        .map(role -> new RoleView(role.key(), role.name(messages), role.description(messages)))
                        .toList(), shown.scope(), shown.agency(),
                shown.account().sources == null ? null : List.of(shown.account().sources)));
    }

    @GET
    @Path("/me/tokens")
    @Access(Access.Level.ACCOUNT)
    @Operation(operationId = "listMyTokens", summary = "My tokens that still work, newest first; never a secret")
    public Uni<List<TokenView>> tokens() {
        return keys.tokensOf(current.get().accountId()).map(all -> all.stream().map(TokenView::of).toList());
    }

    @DELETE
    @Path("/me/tokens/{id}")
    @Access(Access.Level.ACCOUNT)
    @APIResponse(responseCode = "200", description = "The token, revoked",
            content = @Content(schema = @Schema(implementation = TokenView.class)))
    @Operation(operationId = "revokeMyToken", summary = "Revoke one of my tokens (the one sent, too)")
    public Uni<TokenView> revoke(@PathParam("id") long id) {
        return keys.revokeToken(current.get().accountId(), id).map(TokenView::of);
    }
}
