package io.servicegrade.platform.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.servicegrade.platform.http.RestRoutes;
import io.servicegrade.platform.problem.ProblemDocument;
import io.servicegrade.platform.security.Access;
import jakarta.ws.rs.Consumes;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every operation of {@code /q/openapi} says beyond its own annotations, derived from what the server does so
 * that a new endpoint gets it too: who may call it (the key schemes, from {@link Access} as
 * {@code AdminKeyFilter} reads it), and the RFC 9457 problems it can answer ({@code application/problem+json},
 * schema {@code Problem}), from what it takes (a body: 400, 413, 415, 422; parameters: 422; a path parameter: 404),
 * from its access (401, 403) and from the store behind every call (500 with an error id, 503 with
 * {@code Retry-After}). Codes an operation declares itself ({@code @APIResponse(responseCode = "409")}) get the
 * same problem body. Runs during the build, over the resources the class index holds: the document is then
 * served as built, with no work at start (a filter run at start cost about 2 s of a start on a small machine).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {

    public static final String BEARER = "bearerAuth";
    public static final String API_KEY = "apiKey";
    public static final String PROBLEM = "Problem";
    private static final String JSON = "application/json";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("400", "The body or a parameter cannot be read (malformed JSON or YAML, a duplicate key, "
                    + "trailing content)"),
            Map.entry("401", "No API key where one is needed, or a key (sent anywhere) that is unknown or revoked"),
            Map.entry("403", "The key may not do this (an admin key is needed, or the thing is another agency's), or a "
                    + "browser page on an origin the server does not allow called it"),
            Map.entry("404", "Nothing by that name or id"),
            Map.entry("409", "In conflict with what is stored"),
            Map.entry("413", "The body is larger than this endpoint takes"),
            Map.entry("415", "The body's Content-Type is not one this endpoint reads"),
            Map.entry("422", "A field or parameter breaks a rule; each is named by JSON pointer in errors"),
            Map.entry("429", "Too many requests of this caller are unfinished"),
            Map.entry("500", "An unexpected failure; the detail carries an error id the server logged"),
            Map.entry("503", "Too busy to admit the request now, or the database is unreachable; nothing was "
                    + "written; retry after Retry-After seconds"));

    /** Access and body facts of one operation, read from its Java method(s). */
    private record Route(Access.Level access, boolean body) {
    }

    private final IndexView index;

    /** SmallRye OpenAPI gives a build-time filter the application's class index through this constructor. */
    public ApiContract(IndexView index) {
        this.index = index;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An API key, or a personal access token (docs/people.md), sent as"
                        + " Authorization: Bearer <key>; where single sign-on is configured, also the identity"
                        + " provider's access token (a JWT)"));
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-Api-Key").description("An API key sent as X-Api-Key: <key>"));
        components.addSchema(PROBLEM, problemSchema());
        components.addSchema(PROBLEM + "Error", problemErrorSchema());
        components.addHeader("Retry-After", OASFactory.createHeader()
                .description("Seconds to wait before sending the request again")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ZERO)));

        components.addSchema("LocalizedText", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("A text in Chinese and English")
                .addProperty("zh-CN", string("In Chinese")).addProperty("en", string("In English"))
                .required(List.of("zh-CN", "en")));
        // an Explanation is written as the LocalizedText it words (platform/json/JsonSettings), not as a bean
        components.addSchema("Explanation", OASFactory.createSchema().ref("LocalizedText"));
        components.removeSchema("SupplierLocalizedText");
        markNullable(components);

        Map<String, Route> routes = routes(resources(index));
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                Route route = routes.get(entry.getKey().name() + " " + path.getKey());
                describe(path.getKey(), path.getValue(), entry.getValue(), route);
            }
        }
    }

    private static void describe(String path, PathItem item, Operation operation, Route route) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (route != null && route.access() != Access.Level.OPEN) {
            operation.setSecurity(List.of(
                    OASFactory.createSecurityRequirement().addScheme(BEARER),
                    OASFactory.createSecurityRequirement().addScheme(API_KEY)));
            add(responses, "401");
            if (route.access() == Access.Level.ADMIN || route.access() == Access.Level.PUBLISH
                    || route.access() == Access.Level.AGENCY) {
                add(responses, "403");
            }
        }
        jsonFirst(operation);
        boolean body = operation.getRequestBody() != null || (route != null && route.body());
        if (body) {
            add(responses, "400");
            add(responses, "413");
            add(responses, "415");
            add(responses, "422");
        }
        List<Parameter> parameters = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        if (!parameters.isEmpty()) {
            add(responses, "422");
        }
        // a parameter given only choices or a pattern is a string: say so, or generators type it as anything
        for (Parameter parameter : parameters) {
            Schema schema = parameter.getSchema();
            if (schema != null && schema.getRef() == null && (schema.getType() == null || schema.getType().isEmpty())
                    && (schema.getEnumeration() != null || schema.getPattern() != null)) {
                schema.addType(Schema.SchemaType.STRING);
            }
        }
        if (path.contains("{")) {
            add(responses, "404");
        }
        if (path.startsWith("/api/")) {
            // a key sent on an open read is still looked up, and one that identifies no one is refused
            add(responses, "401");
            // a browser page on an origin QUARKUS_HTTP_CORS_ORIGINS does not list is refused (platform/http/CrossOrigin)
            add(responses, "403");
            add(responses, "500");
            add(responses, "503");
        }
        for (Map.Entry<String, APIResponse> response : responses.getAPIResponses().entrySet()) {
            String code = response.getKey();
            if (!(code.startsWith("4") || code.startsWith("5"))) {
                continue;
            }
            APIResponse answer = response.getValue();
            if (answer.getDescription() == null || answer.getDescription().isBlank()) {
                answer.setDescription(REASONS.getOrDefault(code, "A problem"));
            }
            if (answer.getContent() == null || answer.getContent().getMediaTypes() == null
                    || answer.getContent().getMediaTypes().isEmpty()) {
                answer.setContent(problemContent());
            }
            boolean retry = code.equals("503") || code.equals("429");
            if (retry && (answer.getHeaders() == null || !answer.getHeaders().containsKey("Retry-After"))) {
                answer.addHeader("Retry-After", OASFactory.createHeader().ref("Retry-After"));
            }
        }
    }

    /**
     * The server writes every absent value as {@code null}: a property a schema does not require may be null
     * (its type gets {@code "null"}, a reference becomes {@code anyOf [ref, null]}). Required properties never are.
     */
    private static void markNullable(Components components) {
        for (Map.Entry<String, Schema> named : components.getSchemas().entrySet()) {
            Schema schema = named.getValue();
            if (named.getKey().startsWith(PROBLEM) || named.getKey().equals("LocalizedText")
                    || schema.getProperties() == null) {
                continue;
            }
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            for (Map.Entry<String, Schema> property : new java.util.ArrayList<>(schema.getProperties().entrySet())) {
                if (required.contains(property.getKey())) {
                    continue;
                }
                schema.addProperty(property.getKey(), nullable(property.getValue()));
            }
        }
    }

    private static Schema nullable(Schema property) {
        if (property.getRef() != null) {
            return OASFactory.createSchema().description(property.getDescription()).anyOf(List.of(
                    OASFactory.createSchema().ref(property.getRef()),
                    OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
        }
        if (property.getType() != null && !property.getType().isEmpty()
                && !property.getType().contains(Schema.SchemaType.NULL)) {
            property.addType(Schema.SchemaType.NULL);
            if (property.getEnumeration() != null && !property.getEnumeration().contains(null)) {
                property.addEnumeration(null);
            }
        }
        return property;
    }

    /**
     * JSON first among an operation's request content types (units also as CSV, rubrics and schemes also as
     * YAML): a client generator types the body after the first, and JSON is the one with a schema.
     */
    private static void jsonFirst(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Map<String, MediaType> types = operation.getRequestBody().getContent().getMediaTypes();
        if (types == null || types.size() < 2 || !types.containsKey(JSON)) {
            return;
        }
        Content ordered = OASFactory.createContent().addMediaType(JSON, types.get(JSON));
        types.forEach((name, type) -> {
            if (!name.equals(JSON)) {
                ordered.addMediaType(name, type);
            }
        });
        operation.getRequestBody().setContent(ordered);
    }

    private static void add(APIResponses responses, String code) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse());
        }
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(ProblemDocument.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, in the language of Accept-Language (zh-CN or en)")
                .addProperty("type", string("What went wrong, as a URN: urn:servicegrade:problem:<name>")
                        .format("uri"))
                .addProperty("title", string("A short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status code"))
                .addProperty("detail", string("What went wrong this time"))
                .addProperty("instance", string("This occurrence: urn:servicegrade:request:<the request's id>, the X-Request-Id "
                        + "header of the answer and the id the server's log carries"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("For a refused body or parameter: every bad place, by JSON pointer")
                        .items(OASFactory.createSchema().ref(PROBLEM + "Error")))
                .required(List.of("type", "title", "status"));
    }

    private static Schema problemErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One bad place of a refused request")
                .addProperty("pointer", string("JSON pointer into the body (/evaluations/3/comment), or /<name> of a "
                        + "query, path or header parameter"))
                .addProperty("message", string("What is wrong there"))
                .addProperty("index", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The index of the item in a batch, where the place is in one"))
                .addProperty("code", string("The code of the item (unit, evaluation) the place belongs to"))
                .addProperty("field", string("The field's name"))
                .required(List.of("pointer", "message"));
    }

    /** The classes with a JAX-RS {@code @Path} of their own, loaded (not initialised) for their annotations. */
    private static List<Class<?>> resources(IndexView index) {
        List<Class<?>> types = new ArrayList<>();
        ClassLoader loader = ApiContract.class.getClassLoader();
        for (AnnotationInstance path : index.getAnnotations(DotName.createSimple(jakarta.ws.rs.Path.class))) {
            if (path.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            String name = path.target().asClass().name().toString();
            try {
                types.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("The resource " + name + " is in the index but cannot be loaded", e);
            }
        }
        return types;
    }

    /** Every REST method by {@code VERB /path/{param}}, as SmallRye names its operation. */
    private static Map<String, Route> routes(Iterable<Class<?>> resources) {
        Map<String, Route> found = new HashMap<>();
        for (RestRoutes.RestMethod rest : RestRoutes.scan(resources)) {
            Method method = rest.method();
            String verb = rest.verb();
            String key = verb + " " + openApiPath(rest.template());
            Access access = method.getAnnotation(Access.class);
            if (access == null) {
                access = rest.resource().getAnnotation(Access.class);
            }
            Access.Level level = access != null ? access.value()
                    : (verb.equals("GET") || verb.equals("HEAD") ? Access.Level.OPEN : Access.Level.ADMIN);
            Route route = new Route(level, method.isAnnotationPresent(Consumes.class));
            found.merge(key, route, (a, b) -> new Route(
                    a.access().compareTo(b.access()) >= 0 ? a.access() : b.access(), a.body() || b.body()));
        }
        return found;
    }

    /** {@code /a//{id: \d+}/} as {@code /a/{id}}. */
    static String openApiPath(String template) {
        String path = ("/" + template).replaceAll("\\{\\s*([\\w.-]+)\\s*:[^/]*}", "{$1}").replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path;
    }
}
