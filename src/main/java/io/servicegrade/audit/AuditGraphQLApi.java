package io.servicegrade.audit;

import io.servicegrade.audit.AuditRepository.StoredAuditEvent;
import io.servicegrade.platform.audit.AuditEvent;
import io.servicegrade.platform.graphql.GraphQLErrors;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.paging.PageInfo;
import io.servicegrade.platform.problem.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.eclipse.microprofile.graphql.Type;

import java.time.OffsetDateTime;
import java.util.List;

/** The audit log over GraphQL (issue 16), for administrators only, as {@code GET /api/v1/admin/audit}. */
@GraphQLApi
public class AuditGraphQLApi {

    @Inject
    AuditService audit;

    @Inject
    MutationCalls calls;

    @Inject
    Problems problems;

    @Type("AuditEvent")
    @Description("One event of the audit log: who did what, when and from where.")
    public record Event(@NonNull @Description("The event's id (REST's id)") String eventId,
            @NonNull OffsetDateTime at, @NonNull Actor actor,
            @NonNull @Description("The action's stable name, e.g. scheme.put, account.sign-in-failed") String action,
            Target target, @NonNull @Description("ok, refused or failed") String outcome,
            @Description("The HTTP status answered, when the row was written after the answer") Integer status,
            @NonNull @Description("rest, graphql, page or job") String via, String clientAddress,
            String requestId) {
    }

    @Type("AuditActor")
    @Description("Who acted: kind admin-key, agency-key, token (an account's), session (an account's report-page "
            + "session, no key), login (a sign-in), anonymous or system.")
    public record Actor(@NonNull String kind, String keyId, String accountId, String agencyId,
            @Description("The login as typed, for a sign-in") String login) {
    }

    @Type("AuditTarget")
    @Description("What was acted on: a kind, and its key or id when the request named it.")
    public record Target(@NonNull String kind, String key) {
    }

    @Type("AuditEventEdge")
    public record Edge(@NonNull String cursor, @NonNull Event node) {
    }

    @Type("AuditEventConnection")
    @Description("A page of audit events, newest first (Relay connection).")
    public record Connection(@NonNull List<@NonNull Edge> edges, @NonNull PageInfo pageInfo,
            @Ignore AuditService.Page page) {
    }

    @Query("auditEvents")
    @NonNull
    @Description("The audit log, newest first, filtered. Administrators only.")
    public Uni<Connection> auditEvents(
            @Description("key:<id>, account:<id> or login:<login> (a sign-in's login as typed)") String actor,
            @Description("An action's name, e.g. scheme.put") String action,
            @Description("A kind (scheme), or kind:key (scheme:city-2023)") String target,
            @Description("At or after") OffsetDateTime from, @Description("Before") OffsetDateTime to,
            @Description("Page size, 1 to 500.") @DefaultValue("50") int first,
            @Description("The endCursor of the previous page.") String after) {
        if (first < 1 || first > AuditService.MAX_PAGE) {
            return Uni.createFrom().failure(GraphQLErrors.pageSize("first", AuditService.MAX_PAGE));
        }
        return calls.admin().flatMap(admin -> audit.page(actor, action, target,
                from == null ? null : from.toString(), to == null ? null : to.toString(), Integer.toString(first),
                after, "after"))
                .map(page -> {
                    List<Edge> edges = page.events().stream()
                            .map(e -> new Edge(AuditService.cursor(e), event(e))).toList();
                    return new Connection(edges, PageInfo.of(edges, Edge::cursor, page.nextCursor() != null,
                            after != null), page);
                })
                .onFailure().transform(e -> problems.graphql(e, "GraphQL auditEvents"));
    }

    @NonNull
    @Description("The events over all pages (counted only when asked for).")
    public Uni<Integer> totalCount(@Source Connection connection) {
        return audit.count(connection.page()).map(Long::intValue)
                .onFailure().transform(e -> problems.graphql(e, "GraphQL auditEvents"));
    }

    private static Event event(StoredAuditEvent stored) {
        AuditEvent e = stored.event();
        return new Event(Long.toString(stored.id()), stored.at(), new Actor(e.actorKind(), text(e.actorKeyId()),
                text(e.actorAccountId()), text(e.actorAgencyId()), e.actorLogin()), e.action(),
                e.targetKind() == null ? null : new Target(e.targetKind(), e.targetKey()), e.outcome(), e.status(),
                e.via(), e.clientAddress(), e.requestId());
    }

    private static String text(Long id) {
        return id == null ? null : id.toString();
    }
}
