package io.servicegrade.platform.audit;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one write action will be recorded as, set by its edge before it writes (the REST filter, a GraphQL
 * mutation's call) and appended by the transaction that writes it ({@link AuditIntents}). It is <em>armed</em> once
 * its caller is known (a GraphQL mutation finds its caller inside its work, after a key's use may itself have been
 * noted); it is recorded once: the first transaction of the action that commits carries its row.
 */
public final class AuditIntent {

    private final String via;
    private final String clientAddress;
    private final String requestId;
    private final AtomicBoolean recorded = new AtomicBoolean();
    private volatile boolean armed;
    private volatile boolean explicit;
    private volatile String action;
    private volatile String targetKind;
    private volatile String targetKey;
    private volatile String actorKind = "anonymous";
    private volatile Long keyId;
    private volatile Long accountId;
    private volatile Long agencyId;
    private volatile String login;
    private volatile String outcome = AuditEvent.OK;

    AuditIntent(String via, String action, String targetKind, String targetKey, String clientAddress,
            String requestId) {
        this.via = via;
        this.action = action;
        this.targetKind = targetKind;
        this.targetKey = cut(targetKey, 400);
        this.clientAddress = cut(clientAddress, 64);
        this.requestId = requestId;
    }

    /**
     * The credential acting: its key id, and the account (a personal access token) or agency it belongs to (an
     * admin key has neither); arms the intent. A key id of 0 or less is no key: a person's report-page session
     * opened with login and password has none, and is recorded as the account's {@code session}.
     */
    public AuditIntent actor(long keyId, Long accountId, Long agencyId) {
        this.keyId = keyId > 0 ? keyId : null;
        this.accountId = accountId;
        this.agencyId = agencyId;
        this.actorKind = accountId != null ? (this.keyId == null ? "session" : "token")
                : agencyId != null ? "agency-key" : "admin-key";
        this.armed = true;
        return this;
    }

    /**
     * Names what the action acts on when its request did not (a create given its key in its body, a batch, an
     * id the write itself makes); a target named by the request's path or arguments is kept.
     */
    public AuditIntent names(String key) {
        if (this.targetKey == null && key != null) {
            this.targetKey = cut(key, 400);
        }
        return this;
    }

    /** No credential was sent (a sign-in form, say); arms the intent. */
    public AuditIntent anonymous() {
        this.armed = true;
        return this;
    }

    /**
     * A sign-in of {@code login} (as typed; null when what was typed is a secret, a key) to the account
     * {@code accountId} when known: the action and outcome the sign-in's own transaction, or its refusal, is
     * recorded as.
     */
    public AuditIntent signIn(String action, String outcome, String login, Long accountId) {
        this.action = action;
        this.outcome = outcome;
        this.login = cut(login, 320);
        this.accountId = accountId;
        this.actorKind = "login";
        if (login != null) {
            this.targetKind = "account";
            this.targetKey = cut(login, 400);
        }
        this.explicit = true;
        this.armed = true;
        return this;
    }

    /** The client's address as the server saw it (null outside a request). */
    public String clientAddress() {
        return clientAddress;
    }

    public String action() {
        return action;
    }

    public String requestId() {
        return requestId;
    }

    boolean explicit() {
        return explicit;
    }

    boolean armed() {
        return armed && action != null;
    }

    /** Whether a refusal of this action is worth its own row: a known caller, or a sign-in. */
    boolean worthARefusal() {
        return explicit || keyId != null || accountId != null;
    }

    boolean recorded() {
        return recorded.get();
    }

    /** Takes the one row of this action for a transaction about to write; false when another has it. */
    boolean claim() {
        return armed() && recorded.compareAndSet(false, true);
    }

    /** Gives the row back: the transaction that claimed it did not commit. */
    void release() {
        recorded.set(false);
    }

    /** The row, as of now; {@code status} when the answer is known. */
    AuditEvent event(String outcomeNow, Integer status) {
        return new AuditEvent(actorKind, keyId, accountId, agencyId, login, action, targetKind, targetKey,
                outcomeNow == null ? outcome : outcomeNow, status, via, clientAddress, requestId);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
