package io.servicegrade.scheme;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.servicegrade.platform.graphql.DocumentText;
import io.servicegrade.platform.graphql.UserErrors;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Access;
import io.servicegrade.platform.security.CallerResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
 * {@link SchemeService#put} (a new version and its standing inputs in one transaction), for the admin.
 */
@GraphQLApi
public class SchemeMutations {

    @Inject
    SchemeService schemes;

    @Inject
    DocumentText documents;

    @Inject
    CallerResolver callers;

    @Inject
    CurrentVertxRequest request;

    @Inject
    UserErrors userErrors;

    @Inject
    Problems problems;

    @Type("PutSchemePayload")
    @Description("The scheme's version now, and whether this made it; or why nothing was stored.")
    public record PutPayload(@Description("The version stored, or the latest when nothing changed; null when refused.")
            SchemeNode scheme,
            @Description("True when this stored a new version; false when the document equals the latest.")
            Boolean created,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Mutation("putScheme")
    @NonNull
    @Description("Store a scheme as a new version when its content differs from the latest (REST: PUT "
            + "/api/v1/schemes/{key}, docs/schemes.md for the document). Needs the admin key.")
    public Uni<PutPayload> putScheme(@NonNull String key,
            @NonNull @Description("The scheme document, as the REST body.") String document,
            @DefaultValue("JSON") DocumentText.Format format,
            @Description("zh-CN or en: the language of the answer's names") @DefaultValue("en") String lang) {
        HttpServerRequest http = request.getCurrent().request();
        return callers.requireFromHeaders(http.getHeader("X-Api-Key"), http.getHeader("Authorization"),
                Access.Level.ADMIN)
                .flatMap(admin -> documents.read(document, format))
                .flatMap(node -> schemes.put(key, node, "api", false))
                .flatMap(stored -> schemes.version(stored.key(), stored.version())
                        .map(v -> new PutPayload(SchemeNode.of(v, lang), stored.created(), List.of())))
                .onFailure(e -> e instanceof ProblemException p && UserErrors.isInput(p))
                .recoverWithItem(e -> new PutPayload(null, null, userErrors.of((ProblemException) e)))
                .onFailure().transform(e -> problems.graphql(e, "GraphQL putScheme"));
    }
}
