package io.servicegrade.audit;

import io.servicegrade.audit.AuditRepository.Filter;
import io.servicegrade.audit.AuditRepository.StoredAuditEvent;
import io.servicegrade.platform.paging.Cursors;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the audit log, REST and GraphQL alike: the filters as a client writes them (each bad one named), newest
 * first, a page at a time after a cursor of the one format ({@link Cursors}, kind {@code audit}: the last id read).
 */
@ApplicationScoped
public class AuditService {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;
    static final String CURSOR_KIND = "audit";

    private static final Pattern ACTOR = Pattern.compile("(key|account):([0-9]{1,18})|login:(.{1,320})");
    private static final Pattern TARGET = Pattern.compile("([a-z][a-z0-9-]{0,63})(?::(.{1,400}))?");

    @Inject
    AuditRepository repository;

    /** A page of events and the cursor of the next, null on the last page; what it was filtered by. */
    public record Page(List<StoredAuditEvent> events, String nextCursor, Filter filter) {
    }

    /** How many events match the filter of {@code page}, over all pages. */
    public Uni<Long> count(Page page) {
        return repository.count(page.filter());
    }

    /**
     * The events matching the filters, as the client wrote them: {@code actor} {@code key:<id>},
     * {@code account:<id>} or {@code login:<login>}; {@code action} a name; {@code target} a kind or
     * {@code kind:key}; {@code from} (at or after) and {@code to} (before) ISO-8601 times with an offset.
     * {@code cursorName} is how the edge calls its cursor ({@code cursor} in REST, {@code after} in GraphQL).
     */
    public Uni<Page> page(String actor, String action, String target, String from, String to, String limit,
            String cursor, String cursorName) {
        List<Violation> problems = new ArrayList<>();
        int size = QueryParameters.limit(limit, DEFAULT_PAGE, MAX_PAGE, problems);
        Long keyId = null;
        Long accountId = null;
        String login = null;
        if (actor != null) {
            Matcher m = ACTOR.matcher(actor);
            if (!m.matches()) {
                problems.add(QueryParameters.problem("actor", x -> x.auditActorFormat()));
            } else if ("key".equals(m.group(1))) {
                keyId = Long.parseLong(m.group(2));
            } else if ("account".equals(m.group(1))) {
                accountId = Long.parseLong(m.group(2));
            } else {
                login = m.group(3);
            }
        }
        String targetKind = null;
        String targetKey = null;
        if (target != null) {
            Matcher m = TARGET.matcher(target);
            if (!m.matches()) {
                problems.add(QueryParameters.problem("target", x -> x.auditTargetFormat()));
            } else {
                targetKind = m.group(1);
                targetKey = m.group(2);
            }
        }
        OffsetDateTime fromTime = QueryParameters.dateTime(from, "from", problems);
        OffsetDateTime toTime = QueryParameters.dateTime(to, "to", problems);
        Long before = null;
        try {
            List<String> parts = Cursors.decode(CURSOR_KIND, cursor == null || cursor.isEmpty() ? null : cursor, 1);
            before = parts == null ? null : Cursors.number(parts.get(0));
        } catch (ProblemException e) {
            problems.add(QueryParameters.problem(cursorName, x -> x.badCursor()));
        }
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ProblemException.invalid(problems));
        }
        Filter filter = new Filter(keyId, accountId, login, action, targetKind, targetKey, fromTime, toTime);
        return repository.page(filter, before, size + 1).map(events -> events.size() > size
                ? new Page(events.subList(0, size), cursor(events.get(size - 1)), filter)
                : new Page(events, null, filter));
    }

    static String cursor(StoredAuditEvent event) {
        return Cursors.encode(CURSOR_KIND, Long.toString(event.id()));
    }

}
