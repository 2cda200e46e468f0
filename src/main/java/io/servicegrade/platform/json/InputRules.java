package io.servicegrade.platform.json;

import io.servicegrade.platform.problem.Message;

import java.math.BigDecimal;

/**
 * What any text or number a client sends must be, wherever it comes in (JSON and YAML bodies, query and path
 * parameters; CSV cells, GraphQL arguments and form fields may call the same rules). PostgreSQL cannot store
 * U+0000 in text, and other C0 controls in a name or a code only hide what is really stored; a number of a
 * thousand million digits costs its arithmetic that much. Pure code: no framework, no I/O.
 */
public final class InputRules {

    /** Whether a text may span lines: comments and reasons may hold tabs and line breaks; names and codes not. */
    public enum Text {
        /** Names, codes, keys, filters: no C0 control character at all. */
        LINE,
        /** Comments, reasons, descriptions: tab, line feed and carriage return allowed, no other C0 control. */
        MULTILINE
    }

    /** Numbers are below 10^15 in magnitude ... */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** ... with at most 40 digits after the point. */
    public static final int MAX_FRACTION_DIGITS = 40;

    private InputRules() {
    }

    /**
     * The index of the first character {@code text} may not hold (a C0 control other than those {@code kind}
     * allows, or half of a surrogate pair without its other half), or -1 when the text is acceptable.
     */
    public static int firstBadCharacter(CharSequence text, Text kind) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (kind == Text.MULTILINE && (c == '\t' || c == '\n' || c == '\r')) {
                    continue;
                }
                return i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code text} holds half of a surrogate pair without its other half (not a Unicode text). */
    public static boolean hasLoneSurrogate(CharSequence text) {
        int bad = firstBadCharacter(text, Text.MULTILINE);
        return bad >= 0 && Character.isSurrogate(text.charAt(bad));
    }

    /** The problem with {@code text} as a {@code kind} text, or null when it is acceptable. */
    public static Message textProblem(String text, Text kind) {
        int bad = firstBadCharacter(text, kind);
        if (bad < 0) {
            return null;
        }
        char c = text.charAt(bad);
        if (Character.isSurrogate(c)) {
            return m -> m.loneSurrogate();
        }
        String code = String.format("U+%04X", (int) c);
        return kind == Text.LINE ? m -> m.controlCharacterInLine(code) : m -> m.controlCharacter(code);
    }

    /**
     * The problem with a number, or null when it is acceptable: finite, fewer than {@value #MAX_INTEGER_DIGITS}
     * + 1 integer digits, at most {@value #MAX_FRACTION_DIGITS} decimals. Decided from the digits and the scale
     * alone, without arithmetic on the value (1e1000000000 is refused as fast as 1e16).
     */
    public static Message numberProblem(BigDecimal value) {
        return withinBounds(value) ? null : m -> m.numberBounds(MAX_INTEGER_DIGITS, MAX_FRACTION_DIGITS);
    }

    /** The same for a binary floating-point number: NaN and the infinities are refused. */
    public static Message numberProblem(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return m -> m.numberBounds(MAX_INTEGER_DIGITS, MAX_FRACTION_DIGITS);
        }
        return numberProblem(BigDecimal.valueOf(value));
    }

    /** Whether a decimal is within the bounds of {@link #numberProblem(BigDecimal)}. */
    public static boolean withinBounds(BigDecimal value) {
        if (value.signum() == 0) {
            return value.scale() <= MAX_FRACTION_DIGITS && value.scale() >= -MAX_FRACTION_DIGITS;
        }
        long integerDigits = (long) value.precision() - value.scale();
        return integerDigits <= MAX_INTEGER_DIGITS && value.scale() <= MAX_FRACTION_DIGITS;
    }
}
