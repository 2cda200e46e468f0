package io.servicegrade.agency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.database.EventLoopWork;
import io.servicegrade.platform.graphql.GraphQLArguments;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.security.ApiKey;
import io.servicegrade.platform.security.ApiKeyService;
import io.servicegrade.platform.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Agencies and API keys over GraphQL, twins of {@code POST /api/v1/agencies}, {@code PATCH
 * /api/v1/agencies/{code}}, {@code POST /api/v1/agencies/{code}/keys}, {@code POST /api/v1/admin/keys} and {@code DELETE /api/v1/admin/keys/{id}}: the
 * same services (Hibernate Reactive, so each starts on the event loop, {@link EventLoopWork}), for the admin. A
 * new key's secret is in the answer once, as over REST.
 */
@GraphQLApi
public class AgencyMutations {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    AgencyService agencies;

    @Inject
    ApiKeyService keys;


    @Inject
    MutationCalls calls;

    @Inject
    GraphQLArguments arguments;

    @Input("CreateAgencyInput")
    @Description("A survey agency, as POST /api/v1/agencies takes it.")
    public static class NewAgency {
        @NonNull
        @Description("Stable code: 1-64 of A-Z a-z 0-9 . _ -")
        public String code;
        @NonNull
        public String name;
        @Description("The sources it may post; absent or null: any.")
        public List<@NonNull String> sources;
    }

    @Input("AgencyPatchInput")
    @Description("What changes in one agency, as a JSON merge patch (PATCH /api/v1/agencies/{code}): a field left "
            + "out stays; sources: null lets it post any source.")
    public static class AgencyPatch {
        public String name;
        @Description("The sources it may post; null: any.")
        public List<@NonNull String> sources;
        @Description("False retires the agency and revokes its keys.")
        public Boolean active;
    }

    @Type("Agency")
    @Description("A survey agency (测评机构).")
    public record AgencyNode(@NonNull String code, @NonNull String name,
            @Description("The sources it may post; null: any.") List<@NonNull String> sources, boolean active,
            @NonNull OffsetDateTime createdAt) {
        static AgencyNode of(Agency a) {
            return new AgencyNode(a.code, a.name, a.sources(), a.active, a.createdAt);
        }
    }

    @Type("ApiKey")
    @Description("An API key; its secret only in the answer that created it.")
    public record KeyNode(@Id @NonNull String id, @NonNull String name, @NonNull String prefix,
            @Description("The agency's code; null for an admin key.") String agency,
            @NonNull OffsetDateTime createdAt, OffsetDateTime revokedAt,
            @Description("The key itself: shown in this answer only, never again.") String secret) {
        static KeyNode of(ApiKey key, String agency, String secret) {
            return new KeyNode(Long.toString(key.id), key.name, key.prefix, agency, key.createdAt, key.revokedAt,
                    secret);
        }
    }

    @Type("AgencyPayload")
    @Description("An agency with the key just issued for it, or why nothing was stored.")
    public record AgencyPayload(@Description("Null when refused.") AgencyNode agency,
            @Description("The new key, its secret shown this once; null when refused.") KeyNode key,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("UpdateAgencyPayload")
    @Description("An agency after its update, or why it was not changed.")
    public record UpdatePayload(@Description("Null when refused.") AgencyNode agency,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("ApiKeyPayload")
    @Description("An API key as the change left it, or why it was not changed.")
    public record KeyPayload(@Description("Null when refused.") KeyNode key,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Mutation("createAgency")
    @NonNull
    @Description("Create an agency and its first API key, shown once (REST: POST /api/v1/agencies). Needs the "
            + "admin key.")
    public Uni<AgencyPayload> createAgency(@NonNull NewAgency input) {
        ObjectNode body = JSON.objectNode().put("code", input.code).put("name", input.name);
        if (input.sources != null) {
            input.sources.forEach(body.putArray("sources")::add);
        }
        return agency(admin -> {
            RequestBodies.check(body);
            return agencies.create(body);
        });
    }

    @Mutation("updateAgency")
    @NonNull
    @Description("Rename an agency, limit its sources (null: any) or retire it (active: false), as a merge patch "
            + "(REST: PATCH /api/v1/agencies/{code}). Needs the admin key.")
    public Uni<UpdatePayload> updateAgency(@NonNull String code, @NonNull AgencyPatch input) {
        JsonNode body = arguments.json("input"); // a member sent as null stays null: sources: null is "any"
        return calls.payload(calls.admin().flatMap(admin -> {
            RequestBodies.check(body);
            return EventLoopWork.start(() -> agencies.patch(code, body));
        }).map(agency -> new UpdatePayload(AgencyNode.of(agency), List.of())),
                errors -> new UpdatePayload(null, errors), "GraphQL updateAgency");
    }

    @Mutation("rotateAgencyKey")
    @NonNull
    @Description("Rotate an agency's key: a new key, shown once; its previous keys are revoked (REST: POST "
            + "/api/v1/agencies/{code}/keys). Needs the admin key.")
    public Uni<AgencyPayload> rotateAgencyKey(@NonNull String code) {
        return agency(admin -> agencies.rotate(code));
    }

    @Mutation("createApiKey")
    @NonNull
    @Description("Create an admin key; its secret is in this answer only (REST: POST /api/v1/admin/keys). Needs "
            + "the admin key.")
    public Uni<KeyPayload> createApiKey(@NonNull String name) {
        JsonNode body = JSON.objectNode().put("name", name);
        return calls.payload(calls.admin().flatMap(admin -> {
            RequestBodies.check(body);
            String checked = ApiKeyService.keyName(body);
            return EventLoopWork.start(() -> keys.create(checked));
        }).map(issued -> new KeyPayload(KeyNode.of(issued.key(), null, issued.secret()), List.of())),
                errors -> new KeyPayload(null, errors), "GraphQL createApiKey");
    }

    @Mutation("revokeApiKey")
    @NonNull
    @Description("Revoke a key; the last active admin key cannot be revoked (REST: DELETE /api/v1/admin/keys/{id})."
            + " Needs the admin key.")
    public Uni<KeyPayload> revokeApiKey(@Id @NonNull String id) {
        return calls.payload(calls.admin().flatMap(admin -> {
            long number;
            try {
                number = Long.parseLong(id);
            } catch (NumberFormatException e) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.apiKeyIdNotFound(id)));
            }
            return EventLoopWork.start(() -> keys.revoke(number));
        }).map(key -> new KeyPayload(KeyNode.of(key, null, null), List.of())),
                errors -> new KeyPayload(null, errors), "GraphQL revokeApiKey");
    }

    private Uni<AgencyPayload> agency(java.util.function.Function<Caller, Uni<AgencyService.WithKey>> work) {
        return calls.payload(calls.admin().flatMap(admin -> EventLoopWork.start(() -> work.apply(admin)))
                .map(issued -> new AgencyPayload(AgencyNode.of(issued.agency()),
                        KeyNode.of(issued.key().key(), issued.agency().code, issued.key().secret()), List.of())),
                errors -> new AgencyPayload(null, null, errors), "GraphQL agency mutations");
    }
}
