package io.servicegrade.audit;

import io.servicegrade.audit.AuditRepository.StoredAuditEvent;
import io.servicegrade.platform.audit.AuditEvent;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** One event of the audit log, as REST shows it. */
@Schema(name = "AuditEvent")
public record AuditEventView(@Schema(required = true) long id, @Schema(required = true) OffsetDateTime at,
        @Schema(required = true) Actor actor, @Schema(required = true, example = "scheme.put") String action,
        Target target,
        @Schema(required = true, enumeration = {"ok", "refused", "failed"}) String outcome,
        @Schema(description = "the HTTP status answered, when the row was written after the answer") Integer status,
        @Schema(required = true, enumeration = {"rest", "graphql", "page", "job"}) String via,
        String clientAddress, String requestId) {

    /**
     * Who acted: a key (admin or agency), an account's token, an account's report-page session (no key), a login
     * at a sign-in, no one, or the server.
     */
    @Schema(name = "AuditActor")
    public record Actor(
            @Schema(required = true, enumeration = {"admin-key", "agency-key", "token", "session", "login",
                "anonymous", "system"}) String kind,
            Long keyId, Long accountId, Long agencyId,
            @Schema(description = "the login as typed, for a sign-in") String login) {
    }

    /** What was acted on: a kind, and its key or id when the request named it. */
    @Schema(name = "AuditTarget")
    public record Target(@Schema(required = true) String kind, String key) {
    }

    /** A page of events, newest first. */
    @Schema(name = "AuditEventPage")
    public record Page(@Schema(required = true) List<AuditEventView> items,
            @Schema(description = "null on the last page", type = SchemaType.STRING) String nextCursor) {
    }

    static AuditEventView of(StoredAuditEvent stored) {
        AuditEvent e = stored.event();
        return new AuditEventView(stored.id(), stored.at(), new Actor(e.actorKind(), e.actorKeyId(),
                e.actorAccountId(), e.actorAgencyId(), e.actorLogin()), e.action(),
                e.targetKind() == null ? null : new Target(e.targetKind(), e.targetKey()), e.outcome(), e.status(),
                e.via(), e.clientAddress(), e.requestId());
    }
}
