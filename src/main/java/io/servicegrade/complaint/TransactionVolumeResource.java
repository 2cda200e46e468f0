package io.servicegrade.complaint;

import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.json.BodyLimit;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Transaction volumes per unit and month (业务量, issue 19), the denominator of complaints per 10,000 transactions:
 * put as a JSON list or a CSV/XLSX file, all or nothing, and read back.
 */
@Path("/api/v1/transaction-volumes")
@Produces(MediaType.APPLICATION_JSON)
@Access(Access.Level.AGENCY)
@Tag(name = "Complaints")
public class TransactionVolumeResource {

    @Inject
    ComplaintService service;

    @Inject
    ComplaintFile files;

    @Inject
    CurrentCaller current;

    @Inject
    RequestBodies bodies;

    @Inject
    Transactions transactions;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.Volume.class)))
    @APIResponse(responseCode = "200", description = "Written, replacing what those units and months had",
            content = @Content(schema = @Schema(implementation = ComplaintView.Written.class)))
    @APIResponse(responseCode = "403", description = "Not an analyst, a manager (in scope) or the admin")
    @APIResponse(responseCode = "422", description = "Nothing was written: every bad field named at /<index>/<field>")
    @Operation(operationId = "putTransactionVolumes", summary = "Put transaction volumes per unit and month, all or "
            + "nothing (an analyst, the admin, or a manager for units in scope)")
    @BodyLimit(RequestBodies.Kind.DOCUMENT)
    public Uni<ComplaintView.Written> put(byte[] body) {
        Caller caller = current.get();
        return bodies.json(body, RequestBodies.Kind.DOCUMENT)
                .flatMap(read -> transactions.admit(() -> service.putVolumes(caller, read)))
                .map(ComplaintView.Written::new);
    }

    @PUT
    @Consumes({"text/csv", ComplaintResource.XLSX})
    @RequestBody(required = true, content = {@Content(mediaType = "text/csv",
            schema = @Schema(type = SchemaType.STRING)), @Content(mediaType = ComplaintResource.XLSX,
            schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "Written",
            content = @Content(schema = @Schema(implementation = ComplaintView.Written.class)))
    @APIResponse(responseCode = "422", description = "Nothing was written: every bad cell named at /<row>/<column>")
    @Operation(operationId = "putTransactionVolumesFile", summary = "Put transaction volumes from a CSV or XLSX file "
            + "(columns unit, month, volume), all or nothing")
    public Uni<ComplaintView.Written> putFile(byte[] file, @HeaderParam("Content-Type") String contentType) {
        Caller caller = current.get();
        ComplaintResource.requireFile(file);
        String format = contentType != null && contentType.startsWith(ComplaintResource.XLSX) ? "xlsx" : "csv";
        return Uni.createFrom().item(() -> file).emitOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(content -> transactions.admit(() -> files.importVolumes(caller, format, content)))
                .map(ComplaintView.Written::new);
    }

    @GET
    @APIResponse(responseCode = "200", description = "The volumes, by unit and month",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = ComplaintView.Volume.class)))
    @Operation(operationId = "listTransactionVolumes", summary = "Transaction volumes the caller may see")
    public Uni<List<ComplaintView.Volume>> list(
            @Parameter(description = "A unit's code: its volumes and those of the units below it")
            @QueryParam("unit") String unit,
            @Parameter(description = "From this month, e.g. 2025-01") @QueryParam("from") String from,
            @Parameter(description = "To this month, inclusive") @QueryParam("to") String to) {
        return Uni.createFrom().deferred(() -> service.volumes(current.get(), unit, from, to))
                .map(all -> all.stream().map(ComplaintView.Volume::of).toList());
    }
}
