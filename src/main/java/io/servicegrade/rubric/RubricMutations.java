package io.servicegrade.rubric;

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

/** A rubric stored over GraphQL, the twin of {@code PUT /api/v1/rubrics/{key}}: same reader, same service, admin. */
@GraphQLApi
public class RubricMutations {

    @Inject
    RubricService service;

    @Inject
    DocumentText documents;


    @Inject
    MutationCalls calls;

    @Type("PutRubricPayload")
    @Description("The rubric's version now, and whether this made it; or why nothing was stored.")
    public record PutPayload(@Description("The version stored, or the latest when nothing changed; null when refused.")
            RubricView rubric,
            @Description("True when this stored a new version; false when the document equals the latest.")
            Boolean created,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Mutation("putRubric")
    @NonNull
    @Description("Store a rubric as a new version when its content differs from the latest (REST: PUT "
            + "/api/v1/rubrics/{key}, docs/rubrics.md for the document). Needs the admin key.")
    public Uni<PutPayload> putRubric(@NonNull String key,
            @NonNull @Description("The rubric document, as the REST body.") String document,
            @DefaultValue("JSON") DocumentText.Format format,
            @Description("zh-CN or en: the language of the answer's names") @DefaultValue("en") String lang) {
        return calls.payload(calls.admin()
                .flatMap(admin -> documents.read(document, format))
                .flatMap(node -> service.put(key, node))
                .flatMap(stored -> service.resolve(stored.key(), stored.version())
                        .map(v -> new PutPayload(RubricView.of(v.version(), lang), stored.created(), List.of()))),
                errors -> new PutPayload(null, null, errors), "GraphQL putRubric");
    }
}
