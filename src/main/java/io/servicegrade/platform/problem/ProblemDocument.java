package io.servicegrade.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Metrics;

import java.util.List;

/** The RFC 9457 body as written: {@code type, title, status, detail, instance} and, for validation, {@code errors}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDocument(String type, String title, int status, String detail, String instance,
        List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:servicegrade:problem:";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String pointer, String message, Integer index, String code, String field) {
    }

    /**
     * The document of {@code problem}; every problem the server answers with (REST, GraphQL, pages' refusals, kept
     * answers) is made here once, so here it is counted (issue 22): {@code servicegrade_problems_total} by status
     * and type, on Micrometer's global registry, which Quarkus' registry is part of.
     */
    public static ProblemDocument of(ProblemException problem, ProblemMessages messages, String instance) {
        Metrics.counter("servicegrade.problems", "status", Integer.toString(problem.status()), "type", problem.type())
                .increment();
        List<Error> errors = problem.violations().isEmpty() ? null
                : problem.violations().stream()
                        .map(v -> new Error(v.pointer(), v.message().in(messages), v.index(), v.code(), v.field()))
                        .toList();
        return new ProblemDocument(TYPE_PREFIX + problem.type(), problem.title().in(messages), problem.status(),
                problem.detail().in(messages), instance, errors);
    }
}
