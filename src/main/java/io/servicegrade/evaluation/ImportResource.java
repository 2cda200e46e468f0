package io.servicegrade.evaluation;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

@Path("/api/v1/imports")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Imports", description = "Evaluations from CSV or XLSX files, checked and stored as one batch")
public class ImportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    ImportService imports;

    @Inject
    CurrentCaller current;

    @POST
    @Consumes({"text/csv", XLSX})
    @RequestBody(required = true, content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "202", description = "The job, queued; follow it at Location",
            content = @Content(schema = @Schema(implementation = ImportJob.class)),
            headers = @Header(name = "Location", description = "The job's address",
            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "The agency may not import evaluations of this source")
    @APIResponse(responseCode = "429",
            description = "This agency's unfinished imports are at their limit; retry after Retry-After seconds")
    @Operation(operationId = "postImport",
            summary = "Import a CSV or XLSX file of evaluations (up to 100,000 rows, all or nothing); "
            + "answers 202 with the job to follow, or 429 (this agency's unfinished imports are at their limit) or "
            + "503 (all agencies' are) with Retry-After, making no job")
    public Uni<Response> create(byte[] file, @QueryParam("filename") String filename,
            @jakarta.ws.rs.HeaderParam("Content-Type") String contentType) {
        if (file == null || file.length == 0) {
            throw new ProblemException(400, "malformed-body", ProblemMessages::badRequestTitle,
                    ProblemMessages::bodyMissing);
        }
        String format = contentType != null && contentType.startsWith(XLSX) ? "xlsx" : "csv";
        return imports.create(current.get(), format, filename, file).map(job -> Response.accepted(job)
                .location(URI.create("/api/v1/imports/" + job.id())).build());
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "403", description = "Another agency's import")
    @APIResponse(responseCode = "200", description = "The import",
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @Operation(operationId = "getImport",
            summary = "An import: its status, rows done of total, and every error with row and column")
    public Uni<ImportJob> get(@PathParam("id") long id) {
        return imports.get(current.get(), id);
    }
}
