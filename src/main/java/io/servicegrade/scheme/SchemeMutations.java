package io.servicegrade.scheme;

import io.servicegrade.platform.graphql.DocumentText;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.util.List;

/**
 * A scheme stored over GraphQL, the twin of {@code PUT /api/v1/schemes/{key}}: the same reader and
 * {@link SchemeService#put} (a new version and its standing inputs in one transaction), for the admin; and its
 * standings recomputed, the twin of {@code POST /api/v1/schemes/{key}/recompute} ({@link SchemeService#rebuild}).
 */
@GraphQLApi
public class SchemeMutations {

    @Inject
    SchemeService schemes;

    @Inject
    DocumentText documents;


    @Inject
    MutationCalls calls;

    @Type("PutSchemePayload")
    @Description("The scheme's version now, and whether this made it; or why nothing was stored.")
    public record PutPayload(@Description("The version stored, or the latest when nothing changed; null when refused.")
            SchemeNode scheme,
            @Description("True when this stored a new version; false when the document equals the latest.")
            Boolean created,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("RecomputeStandingsPayload")
    @Description("The scheme whose standings were recomputed, or why they were not.")
    public record RecomputePayload(@Description("The scheme's latest version; null when refused.") SchemeNode scheme,
            @Description("True when its standings inputs were rebuilt; null when refused.") Boolean recomputed,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Mutation("recomputeStandings")
    @NonNull
    @Description("Rebuild the scheme's prepared standings inputs from the raw evaluations, all versions, in one "
            + "transaction (REST: POST /api/v1/schemes/{key}/recompute). Needs the admin key.")
    public Uni<RecomputePayload> recomputeStandings(@NonNull @Description("The scheme's key") String scheme,
            @Description("zh-CN or en: the language of the answer's names") @DefaultValue("en") String lang) {
        return calls.payload(calls.admin()
                .flatMap(admin -> schemes.rebuild(scheme))
                .flatMap(done -> schemes.latest(scheme))
                .map(v -> new RecomputePayload(SchemeNode.of(v, lang), true, List.of())),
                errors -> new RecomputePayload(null, null, errors), "GraphQL recomputeStandings");
    }

    @Mutation("putScheme")
    @NonNull
    @Description("Store a scheme as a new version when its content differs from the latest (REST: PUT "
            + "/api/v1/schemes/{key}, docs/schemes.md for the document). Needs the admin key.")
    public Uni<PutPayload> putScheme(@NonNull String key,
            @NonNull @Description("The scheme document, as the REST body.") String document,
            @DefaultValue("JSON") DocumentText.Format format,
            @Description("zh-CN or en: the language of the answer's names") @DefaultValue("en") String lang) {
        return calls.payload(calls.admin()
                .flatMap(admin -> documents.read(document, format))
                .flatMap(node -> schemes.put(key, node, "api", false))
                .flatMap(stored -> schemes.version(stored.key(), stored.version())
                        .map(v -> new PutPayload(SchemeNode.of(v, lang), stored.created(), List.of()))),
                errors -> new PutPayload(null, null, errors), "GraphQL putScheme");
    }
}
