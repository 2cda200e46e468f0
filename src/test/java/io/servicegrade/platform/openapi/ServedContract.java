package io.servicegrade.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The document {@code /q/openapi} serves, fetched once per server, as a judge of real answers: the operation a
 * method and path name, whether it documents a status and a content type, and whether a JSON body fits the
 * documented schema (OpenAPI 3.1 schemas are JSON Schema 2020-12; {@code $ref}s into {@code components} resolve
 * against the document's own components).
 */
public final class ServedContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ServedContract> SERVED = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;
    private final List<Template> templates = new ArrayList<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private record Template(String path, Pattern pattern, int parameters) {
    }

    private ServedContract(JsonNode document) {
        this.document = document;
        for (Iterator<String> names = document.path("paths").fieldNames(); names.hasNext(); ) {
            String path = names.next();
            String regex = Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            templates.add(new Template(path, Pattern.compile(regex),
                    (int) path.chars().filter(c -> c == '{').count()));
        }
        // a literal segment wins over a parameter (/schemes/{key}/standings before /schemes/{key}/{x})
        templates.sort((a, b) -> Integer.compare(a.parameters(), b.parameters()));
    }

    /** The document served at {@code base} (scheme, host and port). */
    public static ServedContract at(String base) {
        return SERVED.computeIfAbsent(base, ServedContract::fetch);
    }

    private static ServedContract fetch(String base) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/q/openapi?format=json")).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + answer.statusCode());
            }
            return new ServedContract(JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /q/openapi at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** The documented path template a request path falls under, or null. */
    public String template(String path) {
        for (Template template : templates) {
            if (template.pattern().matcher(path).matches()) {
                return template.path();
            }
        }
        return null;
    }

    /**
     * Every way an answer departs from the document (empty when it fits): an undocumented status, an undocumented
     * content type, a JSON body that does not fit its schema. An operation the document does not have is no
     * departure here (a 404 for an unknown path, a 405 for an unserved method).
     */
    public List<String> departures(String method, String path, int status, String contentType, String body) {
        String template = template(path);
        if (template == null) {
            return List.of();
        }
        JsonNode operation = document.path("paths").path(template).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            return List.of();
        }
        String where = method + " " + template + " → " + status;
        JsonNode responses = operation.path("responses");
        JsonNode response = responses.path(String.valueOf(status));
        if (response.isMissingNode()) {
            response = responses.path(String.valueOf(status).charAt(0) + "XX");
        }
        if (response.isMissingNode()) {
            response = responses.path("default");
        }
        if (response.isMissingNode()) {
            return List.of(where + ": status not documented (documented: " + names(responses) + ")");
        }
        if (body == null || body.isEmpty()) {
            return List.of();
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        JsonNode content = response.path("content");
        JsonNode media = content.path(mediaType);
        if (media.isMissingNode()) {
            media = content.path("*/*");
        }
        if (media.isMissingNode()) {
            return List.of(where + ": content type " + mediaType + " not documented (documented: "
                    + names(content) + ")");
        }
        if (!mediaType.contains("json") || !media.has("schema")) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(where + ": the body is not JSON: " + e.getMessage());
        }
        String key = where + " " + mediaType;
        JsonNode documented = media.path("schema");
        JsonSchema schema = compiled.computeIfAbsent(key, k -> schemaOf(documented));
        Set<ValidationMessage> messages = schema.validate(value);
        List<String> departures = new ArrayList<>();
        for (ValidationMessage message : messages) {
            departures.add(where + " (" + mediaType + "): " + message.getMessage());
        }
        return departures;
    }

    /** A schema of the document, its {@code $ref}s resolved against the document's components. */
    public JsonSchema schemaOf(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.path("components"));
        root.putArray("allOf").add(schema);
        return SCHEMAS.getSchema(root);
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }
}
