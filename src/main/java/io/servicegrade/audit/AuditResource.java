package io.servicegrade.audit;

import io.servicegrade.platform.security.Access;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log for administrators (issue 16): the admin key, or an administrator's token. */
@Path("/api/v1/admin/audit")
@Access(Access.Level.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who did what, when and from where")
public class AuditResource {

    @Inject
    AuditService audit;

    @GET
    @APIResponse(responseCode = "200", description = "Events, newest first",
            content = @Content(schema = @Schema(implementation = AuditEventView.Page.class)))
    @Operation(operationId = "listAuditEvents",
            summary = "The audit log, newest first, filtered, a page at a time")
    public Uni<AuditEventView.Page> list(
            @Parameter(description = "key:<id>, account:<id> or login:<login> (a sign-in's login as typed)")
            @QueryParam("actor") String actor,
            @Parameter(description = "an action's name, e.g. scheme.put, account.sign-in-failed")
            @QueryParam("action") String action,
            @Parameter(description = "a kind (scheme), or kind:key (scheme:city-2023)")
            @QueryParam("target") String target,
            @Parameter(description = "at or after", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "before", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                maximum = "500", defaultValue = "50"))
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return audit.page(actor, action, target, from, to, limit, cursor, "cursor")
                .map(page -> new AuditEventView.Page(page.events().stream().map(AuditEventView::of).toList(),
                        page.nextCursor()));
    }
}
