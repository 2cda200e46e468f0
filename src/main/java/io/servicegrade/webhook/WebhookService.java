package io.servicegrade.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.events.EventKind;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.ProblemMessages;
import io.servicegrade.platform.problem.QueryParameters;
import io.servicegrade.platform.problem.Violation;
import io.servicegrade.platform.security.Caller;
import io.servicegrade.platform.security.Scope;
import io.servicegrade.platform.time.Deadlines;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Webhook subscriptions (issue 19): the admin makes, changes, deletes one and rotates its secret (shown once, when
 * made or rotated), reads its delivery log and replays deliveries; an analyst may read them (never a secret). Each
 * action is one transaction; a receiver's URL is judged (form, scheme, resolved address) before it begins.
 */
@ApplicationScoped
public class WebhookService {

    public static final int MAX_PAGE = 200;
    /** The most rows one export of a delivery log holds. */
    static final int MAX_EXPORT = 10_000;
    static final List<String> STATES = List.of("pending", "delivered", "failed");

    @Inject
    Deadlines deadlines;

    @Inject
    WebhookRepository repository;

    @Inject
    Transactions transactions;

    @Inject
    ReceiverCheck receivers;

    /** A subscription just made or rotated, with the secret shown this once. */
    public record WithSecret(WebhookRepository.Subscription subscription, String secret) {
    }

    public Uni<WithSecret> create(Caller caller, JsonNode body) {
        requireManage(caller);
        WebhookInput.Fields fields = WebhookInput.creation(body);
        String secret = Signature.newSecret();
        return receivable(fields.url()).flatMap(ok -> transactions.write(connection -> repository.insert(connection,
                        fields.url(), fields.kinds(), fields.active(), fields.description(), secret)))
                .map(stored -> new WithSecret(stored, secret));
    }

    /** Changes what the body names (url, kinds, active, description); the rest stays. */
    public Uni<WebhookRepository.Subscription> update(Caller caller, long id, JsonNode body) {
        requireManage(caller);
        WebhookInput.Fields fields = WebhookInput.change(body);
        Uni<Void> checked = fields.url() == null ? Uni.createFrom().voidItem() : receivable(fields.url());
        return checked.flatMap(ok -> transactions.write(connection -> repository.lock(connection, id)
                .flatMap(current -> {
                    if (current == null) {
                        throw notFound(id);
                    }
                    return repository.update(connection, new WebhookRepository.Subscription(id,
                            fields.url() != null ? fields.url() : current.url(),
                            fields.kinds() != null ? fields.kinds() : current.kinds(),
                            fields.active() != null ? fields.active() : current.active(),
                            fields.descriptionGiven() ? fields.description() : current.description(),
                            current.createdAt(), current.updatedAt()));
                })));
    }

    public Uni<Void> delete(Caller caller, long id) {
        requireManage(caller);
        return transactions.write(connection -> repository.delete(connection, id)).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return null;
        });
    }

    /** A new secret for the subscription, shown this once; the old one signs nothing from now on. */
    public Uni<WithSecret> rotate(Caller caller, long id) {
        requireManage(caller);
        String secret = Signature.newSecret();
        return transactions.write(connection -> repository.rotate(connection, id, secret)).flatMap(done -> {
            if (!done) {
                throw notFound(id);
            }
            return repository.find(id);
        }).map(stored -> new WithSecret(stored, secret));
    }

    public Uni<WebhookRepository.Subscription> get(Caller caller, long id) {
        requireRead(caller);
        return repository.find(id).map(found -> {
            if (found == null) {
                throw notFound(id);
            }
            return found;
        });
    }

    public Uni<List<WebhookRepository.Subscription>> list(Caller caller) {
        requireRead(caller);
        return repository.list();
    }

    /** Every subscription with how its deliveries stand (issue 19: the report page). */
    public Uni<List<Standing>> standings(Caller caller) {
        requireRead(caller);
        return repository.list().flatMap(all -> repository.counts().map(counts -> all.stream()
                .map(s -> new Standing(s, counts.getOrDefault(s.id(), WebhookRepository.Counts.NONE))).toList()));
    }

    /** A subscription and how its deliveries stand. */
    public record Standing(WebhookRepository.Subscription subscription, WebhookRepository.Counts counts) {
    }

    /**
     * A subscription's delivery log, newest first: a page (at most {@value #MAX_PAGE}) or, for an export, up to
     * {@value #MAX_EXPORT} rows; only deliveries before {@code before}, in {@code state}, of the event kind
     * {@code kind}, made on or after the day {@code from} and on or before the day {@code to} (in the server's
     * zone), each when given (issue 19).
     */
    public Uni<List<WebhookRepository.Delivery>> deliveries(Caller caller, long id, String before, String state,
            String kind, String from, String to, String limit, boolean export) {
        requireRead(caller);
        List<Violation> problems = new ArrayList<>();
        int size = export ? QueryParameters.limit(limit, MAX_EXPORT, MAX_EXPORT, problems)
                : QueryParameters.limit(limit, 50, MAX_PAGE, problems);
        Long beforeId = null;
        if (before != null) {
            try {
                beforeId = Long.parseLong(before.trim());
            } catch (NumberFormatException e) {
                problems.add(QueryParameters.problem("before", m -> m.wrongType("integer")));
            }
        }
        if (state != null && !STATES.contains(state)) {
            problems.add(QueryParameters.problem("state", m -> m.oneOf(String.join(", ", STATES))));
        }
        if (kind != null && EventKind.of(kind).isEmpty()) {
            problems.add(QueryParameters.problem("kind", m -> m.oneOf(java.util.Arrays.stream(EventKind.values())
                    .map(EventKind::wire).collect(java.util.stream.Collectors.joining(", ")))));
        }
        LocalDate first = day(from, "from", problems);
        LocalDate last = day(to, "to", problems);
        if (first != null && last != null && last.isBefore(first)) {
            problems.add(QueryParameters.problem("to", m -> m.oneOf("≥ from")));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        ZoneId zone = deadlines.zone();
        WebhookRepository.LogFilter filter = new WebhookRepository.LogFilter(beforeId, state, kind,
                first == null ? null : first.atStartOfDay(zone).toOffsetDateTime(),
                last == null ? null : last.plusDays(1).atStartOfDay(zone).toOffsetDateTime(), size);
        return get(caller, id).flatMap(found -> repository.deliveries(id, filter));
    }

    private static LocalDate day(String text, String name, List<Violation> problems) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(QueryParameters.problem(name, m -> m.oneOf("YYYY-MM-DD")));
            return null;
        }
    }

    public Uni<WebhookRepository.Delivery> delivery(Caller caller, long id) {
        requireRead(caller);
        return repository.delivery(id).map(found -> {
            if (found == null) {
                throw ProblemException.notFound(m -> m.webhookDeliveryNotFound(id));
            }
            return found;
        });
    }

    /**
     * Sends a finished delivery again: a new series of attempts with the same {@code webhook-id}. One still being
     * attempted is refused (409).
     */
    public Uni<WebhookRepository.Delivery> replay(Caller caller, long deliveryId) {
        requireManage(caller);
        return transactions.write(connection -> repository.replay(connection, deliveryId)).flatMap(done ->
                repository.delivery(deliveryId).map(found -> {
                    if (found == null) {
                        throw ProblemException.notFound(m -> m.webhookDeliveryNotFound(deliveryId));
                    }
                    if (!done) {
                        throw new ProblemException(409, "conflict", ProblemMessages::conflictTitle,
                                m -> m.webhookDeliveryPending(deliveryId));
                    }
                    return found;
                }));
    }

    /** Sends again every failed delivery of the subscription made since {@code since}; answers how many. */
    public Uni<Integer> replayFailed(Caller caller, long id, OffsetDateTime since) {
        requireManage(caller);
        return transactions.write(connection -> repository.lock(connection, id).flatMap(found -> {
            if (found == null) {
                throw notFound(id);
            }
            return repository.replayFailed(connection, id, since);
        }));
    }

    public Uni<Integer> replayFailed(Caller caller, long id, JsonNode body) {
        requireManage(caller);
        return replayFailed(caller, id, WebhookInput.since(body));
    }

    /** Refuses (422 at {@code /url}) a receiver the rule forbids. */
    private Uni<Void> receivable(String url) {
        return receivers.check(url).map(verdict -> {
            if (verdict.refusal() != null) {
                throw ProblemException.invalid(List.of(Violation.at("/url",
                        ReceiverCheck.message(verdict.refusal()))));
            }
            return null;
        });
    }

    static ProblemException notFound(long id) {
        return ProblemException.notFound(m -> m.webhookNotFound(id));
    }

    static void requireManage(Caller caller) {
        if (caller == null || !caller.mayManageWebhooks()) {
            throw Scope.forbidden();
        }
    }

    static void requireRead(Caller caller) {
        if (caller == null || !caller.mayReadWebhooks()) {
            throw Scope.forbidden();
        }
    }
}
