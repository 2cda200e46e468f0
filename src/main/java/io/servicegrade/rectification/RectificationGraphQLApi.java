package io.servicegrade.rectification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.evaluation.EvaluationGraphQLApi;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.graphql.GlobalIds;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.servicegrade.platform.security.Scope;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static io.servicegrade.platform.graphql.GraphQLArguments.putText;
import static io.servicegrade.platform.graphql.GraphQLArguments.putTexts;

/**
 * Rectification orders over GraphQL (issue 19), the twins of {@code /api/v1/rectifications}: the same service, with
 * each mutation's input made into the JSON body REST reads, so a refusal names the same fields.
 */
@GraphQLApi
public class RectificationGraphQLApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    RectificationService service;

    @Inject
    RectificationChanges changes;

    @Inject
    MutationCalls calls;

    @Inject
    Transactions transactions;

    @Inject
    Problems problems;

    @Type("Rectification")
    @Description("A rectification order (整改单): a finding with an owner unit and a deadline, replied to by the owner "
            + "and verified (accepted, or returned with a reason).")
    public record RectificationNode(@NonNull @Description("The order's number, as REST shows it") String id,
            @NonNull @Description("The owner unit's code") String unit, @NonNull String unitName,
            @Id @Description("The evaluation raised from (its global id); null for one made by hand")
            String evaluation,
            @NonNull String title, @NonNull @Description("minor, major or veto") String severity,
            @NonNull List<@NonNull RectificationItem> items,
            @NonNull @Description("open, replied, accepted or returned") String state,
            @Description("Open or returned past its deadline now") boolean overdue,
            @NonNull OffsetDateTime raisedAt, @NonNull @Description("The deadline (exclusive)") OffsetDateTime dueAt,
            OffsetDateTime firstRepliedAt, OffsetDateTime repliedAt, OffsetDateTime verifiedAt,
            @NonNull @Description("Replies and verifications, oldest first") List<@NonNull RectificationStep> history) {

        static RectificationNode of(RectificationView v) {
            return new RectificationNode(String.valueOf(v.id()), v.unit(), v.unitName(),
                    v.evaluation() == null ? null : GlobalIds.encode("Evaluation", String.valueOf(v.evaluation())),
                    v.title(), v.severity(), v.items().stream().map(i -> new RectificationItem(i.key(), i.nameZh(),
                            i.nameEn(), decimal(i.max()), decimal(i.awarded()), decimal(i.deduction()), i.vetoed()))
                            .toList(), v.state(), v.overdue(), v.raisedAt(), v.dueAt(), v.firstRepliedAt(),
                    v.repliedAt(), v.verifiedAt(), v.history().stream().map(s -> new RectificationStep(s.kind(),
                            s.text(), s.evidence(), s.late(), s.at())).toList());
        }

        static RectificationNode of(RectificationService.View view) {
            return of(RectificationView.of(view));
        }
    }

    @Type("RectificationItem")
    @Description("An item of an order, as the evaluation's breakdown stored it.")
    public record RectificationItem(@NonNull String key, String nameZh, String nameEn, BigDecimal max,
            BigDecimal awarded, BigDecimal deduction, boolean vetoed) {
    }

    @Type("RectificationStep")
    @Description("A reply (late when after the deadline), an acceptance or a return.")
    public record RectificationStep(@NonNull @Description("reply, accept or return") String kind, String text,
            @NonNull List<@NonNull String> evidence, boolean late, @NonNull OffsetDateTime at) {
    }

    @Type("RectificationCounts")
    @Description("A unit's (or a group's) orders and rates; rates are percentages to 2 places, null over none.")
    public record Counts(@NonNull String unit, String unitName, int orders,
            @Description("Orders replied to or past their deadline: what the rates are over") int due, int replied,
            BigDecimal replyRate,
            int onTime, BigDecimal onTimeRate, int overdue, int accepted, int fromEvaluations, int recurrences,
            BigDecimal recurrenceRate) {

        static Counts of(RectificationFigures.Counts c) {
            return new Counts(c.unit(), c.unitName(), (int) c.orders(), (int) c.due(), (int) c.replied(),
                    c.replyRate(),
                    (int) c.onTime(), c.onTimeRate(), (int) c.overdue(), (int) c.accepted(),
                    (int) c.fromEvaluations(), (int) c.recurrences(), c.recurrenceRate());
        }
    }

    @Type("RectificationFigures")
    @Description("Rectification figures of a unit and its subtree over the orders raised in a window of days.")
    public record Figures(@NonNull String unit, LocalDate from, LocalDate to, int recurrenceMonths,
            @NonNull Counts total, @NonNull List<@NonNull Counts> units) {
    }

    @Type("RectificationPayload")
    @Description("The order, or why the action was refused.")
    public record RectificationPayload(@Description("The order; null when refused") RectificationNode rectification,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Input("CreateRectificationInput")
    @Description("An order from an evaluation (its deducted items and/or its veto), or by hand (unit and title).")
    public static class Raise {
        @Id
        @Description("The evaluation's id")
        public String evaluation;
        @Description("Deducted items of the evaluation (item keys)")
        public List<@NonNull String> items;
        @Description("The evaluation's veto")
        public Boolean veto;
        @Description("The owner unit's code (the evaluation's unit by default)")
        public String unit;
        public String title;
        @Description("An item key, for an order made by hand")
        public String itemKey;
        @Description("minor, major or veto")
        public String severity;
        @Description("The deadline; by default the severity's days after the finding")
        public OffsetDateTime dueAt;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            if (evaluation != null) {
                Long number = EvaluationGraphQLApi.number(evaluation);
                if (number == null) {
                    node.put("evaluation", evaluation);
                } else {
                    node.put("evaluation", number);
                }
            }
            putTexts(node, "items", items);
            if (veto != null) {
                node.put("veto", veto);
            }
            putText(node, "unit", unit);
            putText(node, "title", title);
            putText(node, "itemKey", itemKey);
            putText(node, "severity", severity);
            putText(node, "dueAt", dueAt == null ? null : dueAt.toString());
            return node;
        }
    }

    @Input("ReplyRectificationInput")
    @Description("The owner's reply: what was done, and http(s) links to the evidence.")
    public static class Reply {
        @NonNull
        public String text;
        public List<@NonNull String> evidence;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.put("text", text);
            putTexts(node, "evidence", evidence);
            return node;
        }
    }

    @Input("VerifyRectificationInput")
    @Description("accepted, or returned with a reason.")
    public static class Verification {
        @NonNull
        @Description("accepted or returned")
        public String outcome;
        public String reason;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.put("outcome", outcome);
            putText(node, "reason", reason);
            return node;
        }
    }

    @Query("rectifications")
    @Description("Orders the caller may see (a manager or viewer: its scope's), newest first (REST: GET "
            + "/api/v1/rectifications).")
    public Uni<@NonNull List<@NonNull RectificationNode>> rectifications(
            @Description("A unit's code: its orders and those below it") String unit,
            @Description("open, replied, accepted or returned") String state,
            @Description("true: only those past their deadline while open or returned") Boolean overdue,
            @Description("minor, major or veto") String severity,
            @Description("Raised on or after this day") LocalDate from,
            @Description("Raised on or before this day") LocalDate to,
            @Description("1 to 500, default 100") Integer limit, Integer offset) {
        return calls.caller().flatMap(caller -> service.list(caller, unit, state,
                        overdue == null ? null : overdue.toString(), severity, from == null ? null : from.toString(),
                        to == null ? null : to.toString(), limit, offset))
                .map(all -> all.stream().map(r -> RectificationNode.of(RectificationView.of(r, List.of()))).toList())
                .onFailure().transform(this::problem);
    }

    @Query("rectification")
    @Description("An order and its history; null when there is none the caller may see (REST: GET "
            + "/api/v1/rectifications/{id}).")
    public Uni<RectificationNode> rectification(@NonNull String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Uni.createFrom().nullItem();
        }
        return calls.caller().flatMap(caller -> service.read(caller, number)).map(RectificationNode::of)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(this::problem);
    }

    @Query("rectificationTodo")
    @Description("The open, returned and overdue orders in the caller's scope, soonest deadline first (REST: GET "
            + "/api/v1/rectifications/todo).")
    public Uni<@NonNull List<@NonNull RectificationNode>> rectificationTodo() {
        return calls.caller().flatMap(caller -> service.todo(caller))
                .map(all -> all.stream().map(r -> RectificationNode.of(RectificationView.of(r, List.of()))).toList())
                .onFailure().transform(this::problem);
    }

    @Query("rectificationFigures")
    @Description("Orders, reply rate, on-time rate, overdue, accepted and recurrence of a unit and its subtree over "
            + "the orders raised in a window of days (REST: GET /api/v1/rectifications/figures).")
    public Uni<@NonNull Figures> rectificationFigures(@NonNull String unit, LocalDate from, LocalDate to,
            @Description("A scheme's key: with period, the window is that period in the scheme's zone") String scheme,
            @Description("A period of the scheme, e.g. 2025-Q1") String period) {
        return calls.caller().flatMap(caller -> service.figures(caller, unit, from == null ? null : from.toString(),
                        to == null ? null : to.toString(), scheme, period))
                .map(f -> new Figures(f.unit(), f.from(), f.to(), f.recurrenceMonths(), Counts.of(f.total()),
                        f.units().stream().map(Counts::of).toList()))
                .onFailure().transform(this::problem);
    }

    @Mutation("createRectification")
    @NonNull
    @Description("Raise an order from an evaluation's deducted items or veto, or by hand (an analyst, inspector or "
            + "the admin; REST: POST /api/v1/rectifications).")
    public Uni<RectificationPayload> createRectification(@NonNull Raise input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.create(caller, body));
        }).map(view -> new RectificationPayload(RectificationNode.of(view), List.of())),
                errors -> new RectificationPayload(null, errors), "GraphQL createRectification");
    }

    @Mutation("replyRectification")
    @NonNull
    @Description("The owner's reply with evidence (a manager of the owner unit, or the admin; REST: POST "
            + "/api/v1/rectifications/{id}/reply).")
    public Uni<RectificationPayload> replyRectification(@NonNull String id, @NonNull Reply input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            Long number = number(id);
            return number == null ? Uni.createFrom().failure(ProblemException.notFound(
                    m -> m.rectificationNotFound(-1))) : transactions.admit(() -> service.reply(caller, number, body));
        }).map(view -> new RectificationPayload(RectificationNode.of(view), List.of())),
                errors -> new RectificationPayload(null, errors), "GraphQL replyRectification");
    }

    @Mutation("verifyRectification")
    @NonNull
    @Description("Accept a reply, or return it with a reason (an inspector, analyst or the admin; REST: POST "
            + "/api/v1/rectifications/{id}/verification).")
    public Uni<RectificationPayload> verifyRectification(@NonNull String id, @NonNull Verification input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            Long number = number(id);
            return number == null ? Uni.createFrom().failure(ProblemException.notFound(
                    m -> m.rectificationNotFound(-1))) : transactions.admit(() -> service.verify(caller, number, body));
        }).map(view -> new RectificationPayload(RectificationNode.of(view), List.of())),
                errors -> new RectificationPayload(null, errors), "GraphQL verifyRectification");
    }

    @Subscription("rectificationChanges")
    @Description("Orders as they are raised, replied to, verified and found overdue, whichever instance they came "
            + "through: each one the caller may see (a manager or viewer: its scope's), as it is after the change.")
    public Multi<RectificationNode> rectificationChanges() {
        return calls.caller().map(caller -> {
            if (caller == null || !caller.mayReadRectifications()) {
                throw Scope.forbidden();
            }
            // a Uni of null would end the stream: the scope travels in an Optional (empty: no bound)
            return Optional.ofNullable(RectificationService.scope(caller));
        }).onFailure().transform(this::problem).toMulti().flatMap(scope -> changes.stream()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUniAndConcatenate(c -> service.announced(scope.orElse(null), c.id(), c.state())
                        .map(Optional::ofNullable)
                        // a change that cannot be read is not passed on: nothing leaks on a guess
                        .onFailure().recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent).map(Optional::get)
                .map(RectificationNode::of));
    }

    private static Long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL rectifications");
    }
}
