package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemMessages;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries may come over GET ({@code quarkus.smallrye-graphql.http.get.enabled}: urql's default, cacheable URLs);
 * a mutation never does. As GraphQL over HTTP says, a GET whose operation is a mutation is answered 405 with
 * {@code Allow: POST} before anything runs: a link or an image tag must not be able to change data. The operation
 * is the one {@code operationName} names, or the document's only one. GET requests pass the same limits as POSTs
 * (they are in graphql-java, {@link GraphQLLimits}). The document is parsed here on the event loop: a GET's whole
 * request line is at most {@code quarkus.http.limits.max-initial-line-length} (4 KB), so this is quick. It also
 * hands the request on to SmallRye GraphQL in the form SmallRye reads correctly ({@link #handOn}).
 */
@ApplicationScoped
public class GraphQLGet {

    /** What a refused GET answers in {@code extensions.code}. */
    public static final String MUTATION_OVER_GET = "METHOD_NOT_ALLOWED";

    @Inject
    Languages languages;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
    String rootPath;

    void install(@Observes Router router) {
        String path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        // after the request's own checks (GraphQLRequests, -149), before SmallRye GraphQL's routes
        router.get(path).order(-148).handler(this::check);
    }

    private void check(RoutingContext context) {
        String query = context.request().getParam("query");
        String operationName = context.request().getParam("operationName");
        Document document = parse(query);
        if (document == null) {
            context.next(); // no document, or a syntax error: graphql-java reports it as it always does
            return;
        }
        boolean named = operationName != null && !operationName.isEmpty();
        OperationDefinition chosen = null;
        int operations = 0;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                operations++;
                if (named ? operationName.equals(operation.getName()) : chosen == null) {
                    chosen = operation;
                }
            }
        }
        if (named && chosen == null) {
            answer(context, 400, new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST,
                    m -> m.graphqlUnknownOperation(operationName)));
            return;
        }
        if (chosen != null && (named || operations == 1)
                && chosen.getOperation() == OperationDefinition.Operation.MUTATION) {
            context.response().putHeader(HttpHeaders.ALLOW, "POST");
            answer(context, 405, new GraphQLRefusal(MUTATION_OVER_GET, ProblemMessages::graphqlMutationOverGet));
            return;
        }
        handOn(context, document, named ? chosen : null);
        context.next();
    }

    /**
     * What SmallRye GraphQL (Quarkus 3.34) reads of a GET, put so that it reads what was sent. It URL-decodes the
     * parameters a second time (a {@code +} in a string became a space), removes line breaks from the query (a
     * {@code #} comment then ran to its end) and takes the query for the {@code operationName}. So the document goes
     * on printed on one line without comments, holding only the operation asked for (and the fragments), every
     * parameter encoded once more, and no {@code operationName}.
     */
    private static void handOn(RoutingContext context, Document document, OperationDefinition chosen) {
        Document sent = document;
        if (chosen != null) {
            List<Definition> kept = new ArrayList<>();
            for (Definition<?> definition : document.getDefinitions()) {
                if (!(definition instanceof OperationDefinition) || definition == chosen) {
                    kept.add(definition);
                }
            }
            sent = document.transform(builder -> builder.definitions(kept));
        }
        MultiMap params = context.queryParams();
        params.set("query", encode(AstPrinter.printAstCompact(sent)));
        params.remove("operationName");
        for (String member : List.of("variables", "extensions")) {
            String value = params.get(member);
            if (value != null) {
                params.set(member, encode(value));
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void answer(RoutingContext context, int status, GraphQLRefusal refusal) {
        ProblemMessages messages = languages.problemMessages(
                context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        try {
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                    .end(json.writeValueAsString(refusal.toBody(messages)));
        } catch (IOException e) {
            context.fail(e);
        }
    }

    /** The document of a GET, or null when there is none or it does not parse. */
    static Document parse(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        try {
            return Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
