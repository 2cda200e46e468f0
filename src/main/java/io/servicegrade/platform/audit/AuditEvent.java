package io.servicegrade.platform.audit;

/**
 * One row of the audit log as it is written (issue 16: who, what, when, from where). {@code at} and {@code id} are
 * the database's. Never a secret, a password or a request body: only ids, the login as typed at a sign-in, the
 * action's stable name, what it names in its path or arguments, and where the request came from.
 */
public record AuditEvent(String actorKind, Long actorKeyId, Long actorAccountId, Long actorAgencyId,
        String actorLogin, String action, String targetKind, String targetKey, String outcome, Integer status,
        String via, String clientAddress, String requestId) {

    public static final String OK = "ok";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";

    /** The outcome of an answer's status: 2xx and 3xx done, 4xx refused, 5xx failed. */
    public static String outcomeOf(int status) {
        return status >= 500 ? FAILED : status >= 400 ? REFUSED : OK;
    }
}
