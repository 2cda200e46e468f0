package io.servicegrade.platform.graphql;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Global ids ({@link Node}): base64url (no padding) of {@code <Type>:<part>:<part>...}, each part
 * percent-encoded. Clients treat them as opaque; the type's name first lets {@code node(id:)} hand an id to the
 * feature that owns the kind.
 */
public final class GlobalIds {

    private GlobalIds() {
    }

    /** A read global id: its type's name and its key's parts. */
    public record GlobalId(String type, List<String> parts) {
    }

    public static String encode(String type, String... parts) {
        StringBuilder payload = new StringBuilder(type);
        for (String part : parts) {
            payload.append(':').append(part == null ? "" : URLEncoder.encode(part, StandardCharsets.UTF_8));
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The id read back, or null when it is not a global id at all. */
    public static GlobalId decode(String id) {
        try {
            String payload = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            List<String> fields = Arrays.asList(payload.split(":", -1));
            if (fields.size() < 2 || fields.get(0).isEmpty()) {
                return null;
            }
            List<String> parts = new ArrayList<>();
            for (String field : fields.subList(1, fields.size())) {
                parts.add(URLDecoder.decode(field, StandardCharsets.UTF_8));
            }
            return new GlobalId(fields.get(0), parts);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
