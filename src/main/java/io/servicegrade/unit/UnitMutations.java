package io.servicegrade.unit;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.graphql.GraphQLArguments;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.json.RequestBodies;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The organisation tree's writes over GraphQL, twins of {@code PUT /api/v1/units} and
 * {@code PATCH /api/v1/units/{code}}: the argument becomes the JSON body REST reads, read by the same
 * {@link UnitInput} and written by the same {@link UnitService}. As over REST, they need the admin key.
 */
@GraphQLApi
public class UnitMutations {

    @Inject
    UnitService service;

    @Inject
    UnitRepository repository;


    @Inject
    GraphQLArguments arguments;

    @Inject
    MutationCalls calls;

    @Input("UnitInput")
    @Description("A unit to create or update, as PUT /api/v1/units takes it.")
    public static class Fields {
        @NonNull
        @Description("Stable code: 1-64 of A-Z a-z 0-9 . _ -")
        public String code;
        @NonNull
        public String name;
        @NonNull
        @Description("region, branch, outlet, window, staff, or another lower-case token")
        public String kind;
        @Description("Code of the parent; absent for a root. May be a unit of the same request.")
        public String parent;
        @Description("A lower-case token; inherited from the parent when absent.")
        public String serviceLine;
        @Description("urban or rural; inherited from the parent when absent.")
        public String area;
        @Description("False retires the unit; absent keeps a stored unit's state and makes a new one active.")
        public Boolean active;
        @Description("The unit's tags (e.g. model-candidate): lower-case tokens, at most 16, stored sorted without "
                + "repeats; absent keeps a stored unit's tags and gives a new one none.")
        public List<@NonNull String> tags;
    }

    @Input("UnitPatchInput")
    @Description("What changes in one unit, as a JSON merge patch (PATCH /api/v1/units/{code}): a field left out "
            + "stays; parent: null makes the unit a root; serviceLine or area null inherits the new parent's; "
            + "tags replaces the unit's tags.")
    public static class Patch {
        public String name;
        public String kind;
        public String parent;
        public String serviceLine;
        public String area;
        @Description("False retires the unit.")
        public Boolean active;
        @Description("Replaces the unit's tags; [] or null clears them.")
        public List<@NonNull String> tags;
    }

    @Type("UpsertUnitsPayload")
    @Description("What an upsert did, and the units as stored; or why nothing was stored.")
    public record UpsertPayload(Integer created, Integer updated, Integer unchanged,
            @Description("The units of the request as stored, in request order; null when refused.")
            List<@NonNull Unit> units,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("UnitPayload")
    @Description("A unit after its update, or why it was not changed.")
    public record UnitPayload(@Description("Null when refused.") Unit unit,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Mutation("upsertUnits")
    @NonNull
    @Description("Create or update up to 10,000 units at once, all or nothing; parents may follow children "
            + "(REST: PUT /api/v1/units). Needs the admin key.")
    public Uni<UpsertPayload> upsertUnits(@NonNull List<@NonNull Fields> input) {
        JsonNode body = arguments.json("input");
        return calls.payload(calls.admin().flatMap(admin -> {
            RequestBodies.check(body);
            return service.upsert(UnitInput.fromJson(body));
        }).flatMap(result -> stored(body).map(units -> new UpsertPayload(result.created(), result.updated(),
                result.unchanged(), units, List.of()))),
                errors -> new UpsertPayload(null, null, null, null, errors), "GraphQL upsertUnits");
    }

    @Mutation("updateUnit")
    @NonNull
    @Description("Rename, move, change line, area or tags, or retire (active: false) one unit "
            + "(REST: PATCH /api/v1/units/{code}). Needs the admin key.")
    public Uni<UnitPayload> updateUnit(@NonNull String code, @NonNull Patch input) {
        JsonNode body = arguments.json("input");
        return calls.payload(calls.admin().flatMap(admin -> {
            RequestBodies.check(body);
            return service.patch(code, body);
        }).map(unit -> new UnitPayload(unit, List.of())),
                errors -> new UnitPayload(null, errors), "GraphQL updateUnit");
    }

    /** The units of an upsert as stored now, in the request's order. */
    private Uni<List<Unit>> stored(JsonNode body) {
        List<String> codes = new java.util.ArrayList<>();
        body.forEach(row -> codes.add(row.path("code").asText()));
        return repository.idsByCodes(codes).flatMap(ids -> repository.findByIds(ids.values())).map(found -> {
            Map<String, Unit> byCode = new HashMap<>();
            found.forEach(u -> byCode.put(u.code(), u));
            return codes.stream().distinct().map(byCode::get).filter(java.util.Objects::nonNull).toList();
        });
    }

}
