package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.language.Document;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.servicegrade.platform.config.ServiceGradeConfig;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 21: an answer to a GraphQL query that reads only versioned data ({@link KeptRoots}: the standings boards,
 * by their stamps) is kept, and the same request is answered with the same bytes without executing it again while
 * that data is unchanged. Over POST (a JSON body) and GET alike, after every check of the request
 * ({@link GraphQLRequests}, {@link GraphQLGet}, CORS) and before SmallRye GraphQL.
 *
 * <p>The key is everything the answer depends on: the document text, the operation name, the variables, the
 * {@code Accept} and {@code Accept-Language} headers, and who reads (the feature's reader: the caller resolved from
 * its credential, and its scope). The data's version (the boards' stamps) is asked for every request: the feature
 * answers it from what it keeps while nothing was written or announced since (the standings' {@code StampCache}: a
 * write through this instance is seen by the next request, one through another once the database's announcement
 * arrives), else with one database read; the kept answer is given only when its version is equal, and a newer
 * answer replaces it. A miss is executed as always, with the reads just made
 * ({@link KeptReads}); its answer is kept only when it has no error, was written whole with status 200, and the
 * execution used exactly the reads of its key. A document over the limits is refused by execution as always, so
 * no answer exists for it. {@code Cache-Control: no-cache} in a request executes it unkept. Every answer this
 * concerns says what happened in {@code Cache-Status} (RFC 9211). The answers take at most
 * {@code servicegrade.graphql.kept-answers} bytes, least recently used out first.
 */
@ApplicationScoped
public class KeptAnswers {

    /** The name this cache goes by in {@code Cache-Status}. */
    static final String CACHE = "ServiceGrade";
    static final String CACHE_STATUS = "Cache-Status";
    /** Longer documents and bodies are executed unkept (their text would be most of the key). */
    static final int MAX_TEXT = 16 * 1024;

    @Inject
    ServiceGradeConfig config;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<KeptRoots> features;

    @ConfigProperty(name = "quarkus.smallrye-graphql.root-path", defaultValue = "graphql")
    String rootPath;

    @ConfigProperty(name = "quarkus.http.enable-compression", defaultValue = "false")
    boolean compression;

    private Cache<Key, Entry> answers;

    /** The documents seen, as far as keeping goes, by their text. */
    private Cache<String, KeptDocument> documents;

    private List<KeptRoots> kept;

    /** What an answer is kept under. */
    record Key(String query, String operationName, String variables, String accept, String language,
            Object reader) {
    }

    /** A kept answer: the data version it was made at, its bytes and content type. */
    record Entry(Object data, byte[] body, String contentType) {
    }

    /** A request being executed whose answer may be kept: its reads, and the answer's bytes once made. */
    static final class Pending {
        final KeptReads reads = new KeptReads();
        volatile Key key;
        volatile Object data;
        volatile byte[] body;
    }

    @PostConstruct
    void init() {
        long bytes = config.graphql().keptAnswers().asLongValue();
        answers = Caffeine.newBuilder().maximumWeight(Math.max(0, bytes))
                .weigher((Key key, Entry entry) -> entry.body().length + key.query().length()
                        + key.variables().length() + 256)
                .recordStats().build();
        // issue 22: cache_gets_total{cache="graphql.answers", result=hit|miss}
        io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(registry, answers, "graphql.answers");
        documents = Caffeine.newBuilder().maximumSize(512).build();
        kept = features.stream().toList();
    }

    void install(@Observes Router router) {
        String path = rootPath.startsWith("/") ? rootPath : "/" + rootPath;
        // after the request's checks (-150 … -147), before SmallRye GraphQL's routes
        router.route(path).order(-146).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        Request request = config.graphql().keptAnswers().asLongValue() <= 0 || kept.isEmpty() ? null
                : request(context);
        Context here = Vertx.currentContext();
        if (request == null || here == null || !VertxContext.isDuplicatedContext(here)) {
            context.next();
            return;
        }
        document(context, request.query()).onComplete(shaped -> {
            KeptDocument.Operation operation = shaped.succeeded() && shaped.result() != null
                    ? shaped.result().operation(request.operationName()) : null;
            List<KeptRoots.Call> calls = operation == null ? null : operation.calls(request.variables());
            if (calls == null) {
                context.next();
                return;
            }
            Pending pending = new Pending();
            here.putLocal(KeptReads.LOCAL, pending.reads);
            here.putLocal(Pending.class.getName(), pending);
            HttpServerRequest http = context.request();
            operation.feature().version(calls, http.getHeader("X-Api-Key"), http.getHeader(HttpHeaders.AUTHORIZATION))
                    .subscribe().with(version -> onContext(here, () -> answer(context, here, request, pending,
                            version)), failure -> onContext(here, () -> unkept(context, here)));
        });
    }

    private void answer(RoutingContext context, Context here, Request request, Pending pending,
            KeptRoots.Version version) {
        if (version == null) {
            unkept(context, here);
            return;
        }
        Key key = new Key(request.query(), request.operationName(), request.variablesText(), request.accept(),
                request.language(), version.reader());
        Entry entry = answers.getIfPresent(key);
        if (entry != null && entry.data().equals(version.data())) {
            here.removeLocal(KeptReads.LOCAL);
            here.removeLocal(Pending.class.getName());
            HttpServerResponse response = context.response();
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, entry.contentType())
                    .putHeader(CACHE_STATUS, CACHE + "; hit");
            if (compression) {
                // as SmallRye GraphQL's own route: the answer is compressed when the client accepts it
                context.addHeadersEndHandler(ignored -> response.headers().remove(HttpHeaders.CONTENT_ENCODING));
            }
            response.end(Buffer.buffer(entry.body()));
            return;
        }
        pending.key = key;
        pending.data = version.data();
        context.response().putHeader(CACHE_STATUS, CACHE + "; fwd=miss");
        context.addBodyEndHandler(ignored -> stored(context, pending));
        context.next();
    }

    private void unkept(RoutingContext context, Context here) {
        here.removeLocal(KeptReads.LOCAL);
        here.removeLocal(Pending.class.getName());
        context.next();
    }

    /** A missed answer, written whole: kept when it is the one made, with the reads of its key, and no error. */
    private void stored(RoutingContext context, Pending pending) {
        HttpServerResponse response = context.response();
        byte[] body = pending.body;
        String type = response.headers().get(HttpHeaders.CONTENT_TYPE);
        if (body != null && response.getStatusCode() == 200 && pending.reads.complete() && type != null
                && utf8(type) && response.bytesWritten() == body.length) {
            answers.put(pending.key, new Entry(pending.data, body, type));
        }
    }

    /**
     * The final answer of an operation (the outermost instrumentation's, {@link GraphQLLimits}): when its request
     * may be kept and it has no error, its bytes as SmallRye GraphQL writes them. Called on a worker.
     */
    ExecutionResult executed(ExecutionResult result, GraphQLContext graphql) {
        Context origin = graphql == null ? null : graphql.get(ExecutionLimits.ORIGIN);
        if (origin == null || !VertxContext.isDuplicatedContext(origin)
                || !(origin.getLocal(Pending.class.getName()) instanceof Pending pending) || pending.key == null) {
            return result;
        }
        if (result.isDataPresent() && result.getErrors().isEmpty()
                && (result.getExtensions() == null || result.getExtensions().isEmpty())) {
            pending.body = new ExecutionResponse(result).getExecutionResultAsString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        return result;
    }

    private static boolean utf8(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        return at < 0 || contentType.substring(at + 8).trim().replace("\"", "").toUpperCase(Locale.ROOT)
                .startsWith("UTF-8");
    }

    private static void onContext(Context context, Runnable work) {
        if (Vertx.currentContext() == context) {
            work.run();
        } else {
            context.runOnContext(ignored -> work.run());
        }
    }

    /** The document's shape, parsed on a worker the first time its text is seen (parsing is not event-loop work). */
    private Future<KeptDocument> document(RoutingContext context, String query) {
        KeptDocument known = documents.getIfPresent(query);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        return context.vertx().executeBlocking(() -> {
            Document document = GraphQLGet.parse(query);
            KeptDocument shaped = document == null ? KeptDocument.of(new Document(List.of()), kept)
                    : KeptDocument.of(document, kept);
            documents.put(query, shaped);
            return shaped;
        }, false);
    }

    /** A request as far as keeping goes. */
    record Request(String query, String operationName, JsonNode variables, String variablesText, String accept,
            String language) {
    }

    /** The request, when it is a query that may be kept: a POST of a JSON body or a GET; else null. */
    private Request request(RoutingContext context) {
        HttpServerRequest http = context.request();
        // a WebSocket's upgrade is not a query; an offer of HTTP/2 (Java's HttpClient sends "Upgrade: h2c" on each
        // HTTP/1.1 request the server does not upgrade) changes nothing of the answer
        String upgrade = http.getHeader("Upgrade");
        if (upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                || noCache(http.getHeader(HttpHeaders.CACHE_CONTROL))) {
            return null;
        }
        String query;
        String operationName;
        String variables;
        String extensions;
        if (http.method() == HttpMethod.POST) {
            String type = http.getHeader(HttpHeaders.CONTENT_TYPE);
            if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")
                    || http.query() != null && !http.query().isEmpty() || context.body() == null
                    || context.body().length() > MAX_TEXT) {
                return null;
            }
            JsonNode body;
            try {
                body = json.readTree(context.body().asString());
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
            if (body == null || !body.isObject()) {
                return null;
            }
            query = text(body.get("query"));
            operationName = text(body.get("operationName"));
            JsonNode sent = body.get("variables");
            variables = sent == null || sent.isNull() ? null : sent.toString();
            JsonNode extra = body.get("extensions");
            extensions = extra == null || extra.isNull() ? null : extra.toString();
        } else if (http.method() == HttpMethod.GET) {
            String raw = http.query();
            if (raw == null || raw.length() > MAX_TEXT) {
                return null;
            }
            Map<String, List<String>> params = new QueryStringDecoder(raw, StandardCharsets.UTF_8, false)
                    .parameters();
            query = first(params, "query");
            operationName = first(params, "operationName");
            variables = first(params, "variables");
            extensions = first(params, "extensions");
        } else {
            return null;
        }
        if (query == null || query.isBlank() || query.length() > MAX_TEXT || extensions != null) {
            return null;
        }
        JsonNode parsed = null;
        if (variables != null && !variables.isEmpty()) {
            try {
                parsed = json.readTree(variables);
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
            if (parsed == null || !parsed.isObject()) {
                return null;
            }
        }
        return new Request(query, operationName == null || operationName.isEmpty() ? "" : operationName, parsed,
                parsed == null ? "" : parsed.toString(), String.valueOf(http.getHeader(HttpHeaders.ACCEPT)),
                String.valueOf(http.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
    }

    private static boolean noCache(String cacheControl) {
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
