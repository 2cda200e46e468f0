package io.servicegrade.platform.problem;

import java.util.List;

/**
 * A failure that becomes an RFC 9457 problem response. The {@code type} is a short slug
 * (e.g. {@code validation}) turned into the problem type URI when written.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final Message title;
    private final Message detail;
    private final transient List<Violation> violations;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String type, Message title, Message detail, List<Violation> violations) {
        this(status, type, title, detail, violations, null);
    }

    private ProblemException(int status, String type, Message title, Message detail, List<Violation> violations,
            Integer retryAfterSeconds) {
        super(type, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
        this.violations = List.copyOf(violations);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ProblemException(int status, String type, Message title, Message detail) {
        this(status, type, title, detail, List.of());
    }

    /** 422: the request was understood but some of its fields are wrong; each one is listed. */
    public static ProblemException invalid(List<Violation> violations) {
        return new ProblemException(422, "validation", ProblemMessages::validationTitle,
                m -> m.validationDetail(violations.size()), violations);
    }

    public static ProblemException notFound(Message detail) {
        return new ProblemException(404, "not-found", ProblemMessages::notFoundTitle, detail);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Message title() {
        return title;
    }

    public Message detail() {
        return detail;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** This problem, telling the client to try again after {@code seconds} (the {@code Retry-After} header). */
    public ProblemException retryAfter(int seconds) {
        return new ProblemException(status, type, title, detail, violations, seconds);
    }

    /** Seconds after which the client may try again, or null when trying again will not help. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
