package io.servicegrade.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.json.InputRules;
import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.rubric.ScoredAnswers;
import io.servicegrade.scoring.AnswerProblem;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What every fuzz target checks of a reader: it either returns what it read or refuses with the product's own
 * refusal — a {@link ProblemException} (4xx) whose violations each name a field by its JSON pointer and whose
 * messages can be written in both languages — and, when it accepts, holds no control character a client could not
 * have meant ({@link #clean}). Any other exception or error out of a reader is a finding: it
 * propagates, and Jazzer reports it with the input.
 */
final class Verdict {

    /** Problem messages that render every message with its arguments, in each language the server speaks. */
    private static final List<ProblemMessages> LANGUAGES = List.of(messages("en"), messages("zh-CN"));

    private Verdict() {
    }

    private static ProblemMessages messages(String language) {
        return (ProblemMessages) Proxy.newProxyInstance(ProblemMessages.class.getClassLoader(),
                new Class<?>[] {ProblemMessages.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("language")) {
                        return language;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? language : null;
                    }
                    return method.getName() + (arguments == null ? "" : Arrays.toString(arguments));
                });
    }

    /** {@code message} as the English proxy renders it: the message's method name and its arguments. */
    static String english(Message message) {
        return message.in(LANGUAGES.get(0));
    }

    /** What {@code reader} read, or null when it refused with a well-formed {@link ProblemException}. */
    static <T> T read(Supplier<T> reader) {
        try {
            return reader.get();
        } catch (ProblemException refusal) {
            refused(refusal);
            return null;
        }
    }

    /** A refusal a client can be given: a 4xx with a title, a detail and well-formed violations. */
    static void refused(ProblemException refusal) {
        if (refusal.status() < 400 || refusal.status() > 499) {
            throw new AssertionError("a reader refused with status " + refusal.status() + " (" + refusal.type()
                    + "): a bad document is the client's error, a 4xx");
        }
        rendered(refusal.title(), "title of " + refusal.type());
        rendered(refusal.detail(), "detail of " + refusal.type());
        violations(refusal.violations());
    }

    /** Each violation names its field by a JSON pointer and has a message in both languages. */
    static void violations(List<Violation> violations) {
        for (Violation v : violations) {
            pointer(v.pointer());
            rendered(v.message(), "violation at " + v.pointer());
        }
    }

    /** The problems a document reader notes: a pointer each, and a text in both languages. */
    static void problems(List<AnswerProblem> problems) {
        for (AnswerProblem p : problems) {
            pointer(p.pointer());
            if (p.message() == null || blank(p.message().zhCN()) || blank(p.message().en())) {
                throw new AssertionError("the problem at " + p.pointer() + " has no text in both languages: "
                        + p.message());
            }
            // as the API writes them (RubricService.violations)
            violations(RubricService.violations("", List.of(p)));
        }
    }

    /** Answers scored: a breakdown, or problems in the form of {@link #violations}. */
    static void scored(ScoredAnswers scored) {
        if (scored.ok() && scored.breakdown() == null) {
            throw new AssertionError("answers scored without problems have no breakdown");
        }
        violations(scored.problems());
    }

    /**
     * What a reader accepted holds no text with a C0 control character other than tab, line feed and carriage
     * return ({@link InputRules#firstBadCharacter}, as the most lenient texts allow), nor half a surrogate pair:
     * every text of {@code accepted} — a JSON tree's names and texts, a record's components, a list's or a map's
     * elements, a string — is looked at.
     */
    static void clean(Object accepted) {
        clean(accepted, "", 0);
    }

    private static void clean(Object value, String at, int depth) {
        if (value == null || depth > 200) {
            return;
        }
        if (value instanceof CharSequence text) {
            int bad = InputRules.firstBadCharacter(text, InputRules.Text.MULTILINE);
            if (bad >= 0) {
                throw new AssertionError(String.format("an accepted document holds U+%04X at %s (character %d):"
                        + " %s", (int) text.charAt(bad), at.isEmpty() ? "its top" : at, bad, text));
            }
        } else if (value instanceof JsonNode node) {
            if (node.isTextual()) {
                clean(node.textValue(), at, depth + 1);
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String place = at + "/" + field.getKey();
                    clean(field.getKey(), place + " (its name)", depth + 1);
                    clean(field.getValue(), place, depth + 1);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    clean(node.get(i), at + "/" + i, depth + 1);
                }
            }
        } else if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object element : list) {
                clean(element, at + "[" + i++ + "]", depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                clean(entry.getKey(), at + "{key}", depth + 1);
                clean(entry.getValue(), at + "{" + entry.getKey() + "}", depth + 1);
            }
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                Object part;
                try {
                    part = accessor.invoke(record);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                clean(part, at + "." + component.getName(), depth + 1);
            }
        }
    }

    private static void pointer(String pointer) {
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
            throw new AssertionError("not a JSON pointer: " + pointer);
        }
    }

    private static void rendered(Message message, String what) {
        if (message == null) {
            throw new AssertionError(what + " has no message");
        }
        for (ProblemMessages language : LANGUAGES) {
            if (blank(message.in(language))) {
                throw new AssertionError(what + " renders blank in " + language.language());
            }
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
