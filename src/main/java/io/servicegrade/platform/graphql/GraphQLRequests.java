package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.servicegrade.platform.problem.Languages;
import io.servicegrade.platform.problem.ProblemMessages;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.Locale;

/**
 * The GraphQL-over-HTTP request itself, checked before SmallRye GraphQL reads it: the body must be a JSON object,
 * {@code query} and {@code operationName} strings, {@code variables} and {@code extensions} objects, and the
 * variables no deeper than {@code servicegrade.graphql.max-variable-depth}. A request that is not is answered 400
 * with a JSON {@code errors} list and a code ({@link GraphQLRefusal#BAD_REQUEST}), instead of a plain-text 500.
 */
@ApplicationScoped
public class GraphQLRequests {

    @Inject
    ServiceGradeConfig config;

    @Inject
    Languages languages;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
    String rootPath;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        String path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        // before SmallRye GraphQL's routes (its WebSocket route is at -99)
        router.post(path).order(-150).handler(BodyHandler.create(false).setBodyLimit(maxBodySize.asLongValue()));
        router.route(path).order(-149).handler(this::check);
    }

    private void check(RoutingContext context) {
        GraphQLRefusal refusal = null;
        try {
            if (context.request().method() == HttpMethod.POST && !isGraphqlBody(context)) {
                refusal = checkBody(context.body() == null ? null : context.body().asString());
            } else if (context.request().method() == HttpMethod.GET) {
                String variables = context.request().getParam("variables");
                if (variables != null && !variables.isEmpty()) {
                    refusal = checkMember("variables", read(variables));
                }
            }
        } catch (Malformed e) {
            refusal = e.refusal;
        }
        if (refusal == null) {
            context.next();
            return;
        }
        ProblemMessages messages = languages.problemMessages(
                context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        try {
            context.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8")
                    .end(json.writeValueAsString(refusal.toBody(messages)));
        } catch (IOException e) {
            context.fail(e);
        }
    }

    private static boolean isGraphqlBody(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/graphql");
    }

    private GraphQLRefusal checkBody(String body) throws Malformed {
        if (body == null || body.isBlank()) {
            return new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST, ProblemMessages::bodyMissing);
        }
        JsonNode request = read(body);
        if (!request.isObject()) {
            return new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST, ProblemMessages::graphqlRequestNotObject);
        }
        JsonNode query = request.get("query");
        if (query != null && !query.isTextual()) {
            return member("query", "a string");
        }
        JsonNode extensions = request.get("extensions");
        if ((query == null || query.asText().isBlank())
                && (extensions == null || !extensions.isObject() || !extensions.has("persistedQuery"))) {
            return new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST, ProblemMessages::graphqlQueryMissing);
        }
        JsonNode name = request.get("operationName");
        if (name != null && !name.isNull() && !name.isTextual()) {
            return member("operationName", "a string");
        }
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            return member("extensions", "an object");
        }
        return checkMember("variables", request.get("variables"));
    }

    private static GraphQLRefusal checkMember(String member, JsonNode value) {
        if (value != null && !value.isNull() && !value.isObject()) {
            return member(member, "an object");
        }
        return null;
    }

    private static GraphQLRefusal member(String member, String expected) {
        return new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST, "a string".equals(expected)
                ? m -> m.graphqlRequestNotString(member) : m -> m.graphqlRequestNotAnObject(member));
    }

    /** {@code text} as JSON, refused when malformed or nested deeper than the variables may be. */
    private JsonNode read(String text) throws Malformed {
        int max = config.graphql().maxVariableDepth();
        // the request object and its variables member come before the variables' own levels
        int allowed = max + 2;
        try (JsonParser parser = json.getFactory().createParser(text)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (++depth > allowed) {
                        throw new Malformed(new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST,
                                m -> m.graphqlVariablesTooDeep(max)));
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
            }
        } catch (IOException e) {
            throw new Malformed(new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST,
                    ProblemMessages::graphqlRequestMalformed));
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new Malformed(new GraphQLRefusal(GraphQLRefusal.BAD_REQUEST,
                    ProblemMessages::graphqlRequestMalformed));
        }
    }

    private static final class Malformed extends Exception {
        final transient GraphQLRefusal refusal;

        Malformed(GraphQLRefusal refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }
    }
}
