package io.servicegrade.platform.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.RequestBodies;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

import java.nio.charset.StandardCharsets;

/**
 * A rubric or scheme document sent to a GraphQL mutation as text, read exactly as its REST twin reads a
 * {@code PUT} body of that type ({@link RequestBodies}: the document size limit, the strict JSON or YAML parse,
 * texts and numbers checked), so the same document gets the same answer and the same pointers either way.
 */
@ApplicationScoped
public class DocumentText {

    @Enum("DocumentFormat")
    @Description("How a document is written: JSON (application/json) or YAML (application/yaml).")
    public enum Format { JSON, YAML }

    @Inject
    RequestBodies bodies;

    /** The document's tree, or the problem REST would answer the same body with. */
    public Uni<JsonNode> read(String text, Format format) {
        byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        return format == Format.YAML ? bodies.yaml(body, RequestBodies.Kind.DOCUMENT)
                : bodies.json(body, RequestBodies.Kind.DOCUMENT);
    }
}
