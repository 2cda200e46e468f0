package io.servicegrade.platform.paging;

import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The one cursor format of every GraphQL connection: base64url (no padding) of {@code c1:<kind>:<part>:<part>...},
 * each part percent-encoded. The version ({@code c1}) lets the payload change without a cursor of one format being
 * read as another; the kind (units, evaluations, standings) keeps a cursor of one connection from being taken for
 * another's. Clients treat cursors as opaque; a cursor that does not read back is refused as bad input on
 * {@code after}.
 */
public final class Cursors {

    private static final String VERSION = "c1";

    private Cursors() {
    }

    /** The cursor of {@code kind} holding {@code parts}. */
    public static String encode(String kind, String... parts) {
        StringBuilder payload = new StringBuilder(VERSION).append(':').append(kind);
        for (String part : parts) {
            payload.append(':').append(part == null ? "" : URLEncoder.encode(part, StandardCharsets.UTF_8));
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parts of a cursor of {@code kind} that has {@code count} parts, or null for no cursor; anything else (not
     * base64url, another format, another connection's cursor) is a 422 naming {@code after}.
     */
    public static List<String> decode(String kind, String cursor, int count) {
        if (cursor == null) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> fields = Arrays.asList(payload.split(":", -1));
            if (fields.size() != count + 2 || !fields.get(0).equals(VERSION) || !fields.get(1).equals(kind)) {
                throw bad();
            }
            List<String> parts = new ArrayList<>(count);
            for (String field : fields.subList(2, fields.size())) {
                parts.add(URLDecoder.decode(field, StandardCharsets.UTF_8));
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw bad();
        }
    }

    /** A number in a cursor's part, or the 422 of a bad cursor. */
    public static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            throw bad();
        }
    }

    /** The refusal of a cursor that is not one this server wrote for this connection: bad input on {@code after}. */
    public static ProblemException bad() {
        return ProblemException.invalid(List.of(QueryParameters.problem("after", m -> m.badCursor())));
    }
}
