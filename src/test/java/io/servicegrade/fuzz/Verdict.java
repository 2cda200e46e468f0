package io.servicegrade.fuzz;

import io.servicegrade.platform.problem.Message;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.rubric.RubricService;
import io.servicegrade.rubric.ScoredAnswers;
import io.servicegrade.scoring.AnswerProblem;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every fuzz target checks of a reader: it either returns what it read or refuses with the product's own
 * refusal — a {@link ProblemException} (4xx) whose violations each name a field by its JSON pointer and whose
 * messages can be written in both languages. Any other exception or error out of a reader is a finding: it
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
