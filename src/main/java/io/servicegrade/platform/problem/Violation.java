package io.servicegrade.platform.problem;

/**
 * One bad field of a request: where it is (a JSON pointer into the request body, e.g. {@code /3/parent})
 * and what is wrong with it, in the reader's language. Rows of a batch also carry their index and code.
 */
public record Violation(String pointer, Integer index, String code, String field, Message message) {

    public static Violation at(String pointer, Message message) {
        return new Violation(pointer, null, null, null, message);
    }

    /** A bad field of row {@code index} in a batch; the pointer is {@code /index/field}. */
    public static Violation inRow(int index, String code, String field, Message message) {
        String pointer = "/" + index + (field == null ? "" : "/" + escape(field));
        return new Violation(pointer, index, code, field, message);
    }

    /** Escapes a JSON-pointer token (RFC 6901). */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
