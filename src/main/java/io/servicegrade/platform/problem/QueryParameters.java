package io.servicegrade.platform.problem;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters as clients write them: each bad one is reported by name ({@code /limit}). */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A bad query parameter, named by its pointer {@code /name} and as the field. */
    public static Violation problem(String name, Message message) {
        return new Violation("/" + name, null, null, name, message);
    }

    /** A page size from 1 to {@code max}, {@code fallback} when absent; a bad one is added to {@code problems}. */
    public static int limit(String text, int fallback, int max, List<Violation> problems) {
        if (text == null) {
            return fallback;
        }
        int size;
        try {
            size = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > max) {
            problems.add(problem("limit", m -> m.numberRange(1, max)));
            return fallback;
        }
        return size;
    }

    /** An ISO-8601 instant with its offset, null when absent; a bad one is added to {@code problems}. */
    public static OffsetDateTime dateTime(String text, String name, List<Violation> problems) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(problem(name, m -> m.dateTimeFormat()));
            return null;
        }
    }
}
