package io.servicegrade.complaint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.servicegrade.platform.database.Transactions;
import io.servicegrade.platform.graphql.MutationCalls;
import io.servicegrade.platform.graphql.UserErrors.UserError;
import io.servicegrade.platform.json.RequestBodies;
import io.servicegrade.platform.problem.ProblemException;
import io.servicegrade.platform.problem.Problems;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The complaints register over GraphQL (issue 19), the twin of {@code /api/v1/complaints}: the same service, each
 * mutation's input made into the JSON body REST reads, so a refusal names the same fields.
 */
@GraphQLApi
public class ComplaintGraphQLApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Inject
    ComplaintService service;

    @Inject
    ComplaintChanges changes;

    @Inject
    MutationCalls calls;

    @Inject
    Transactions transactions;

    @Inject
    Problems problems;

    @Inject
    ComplaintCategories categories;

    @Type("Complaint")
    @Description("A complaint (投诉) received at a unit: its reply deadline, reply and the customer's satisfaction. "
            + "The customer's reference is never shown.")
    public record ComplaintNode(@NonNull @Description("The complaint's number, as REST shows it") String id,
            @NonNull @Description("hotline, letter, online, walk-in or regulator") String channel,
            @NonNull OffsetDateTime receivedAt, @NonNull @Description("The unit's code") String unit,
            @NonNull String unitName, @NonNull @Description("The category's key") String category,
            @NonNull @Description("The category's name in zh-CN") String categoryNameZh,
            @NonNull @Description("The category's name in en") String categoryNameEn,
            @NonNull String subject,
            @NonNull @Description("Who answers for it first (首问负责)") String firstResponder,
            @NonNull @Description("When the reply is due (exclusive)") OffsetDateTime dueAt,
            @NonNull @Description("open, overdue or replied") String state,
            @Description("Replied at or after dueAt, or unreplied past it") boolean late,
            @Description("The same customer and category within the repeat days before it") boolean repeat,
            @Description("Through the regulator, or a repeat of a complaint whose customer was unsatisfied")
            boolean escalated,
            OffsetDateTime repliedAt, String resolution,
            @Description("satisfied or unsatisfied") String satisfaction, OffsetDateTime satisfactionAt,
            @Description("When the sweep marked it overdue") OffsetDateTime overdueAt,
            @NonNull OffsetDateTime registeredAt) {

        static ComplaintNode of(ComplaintRepository.Stored c, ComplaintCategories.Category category) {
            return new ComplaintNode(String.valueOf(c.id()), c.channel(), c.receivedAt(), c.unitCode(),
                    c.unitName(), c.category(), category.nameZh(), category.nameEn(), c.subject(), c.firstResponder(), c.dueAt(), c.state(), c.late(),
                    c.repeat(), c.escalated(), c.repliedAt(), c.resolution(), c.satisfaction(), c.satisfactionAt(),
                    c.overdueAt(), c.registeredAt());
        }
    }

    @Type("ComplaintCategory")
    @Description("A category a complaint may be registered under, with its names.")
    public record CategoryNode(@NonNull @Description("The key a registration names") String key,
            @NonNull String nameZh, @NonNull String nameEn) {
    }

    @Type("ComplaintFigures")
    @Description("Complaint figures of a unit, or of a group (the unit and those below it), in a period; each rate "
            + "a percentage to two places (half up), null without a denominator.")
    public record FiguresNode(@NonNull String unit, @NonNull String unitName,
            @NonNull @Description("2025-01, 2025-Q1 or 2025") String period,
            @Description("true: the unit and every unit below it") boolean group,
            int complaints, int replied, @Description("Replied before the deadline") int timely,
            @Description("Unreplied past the deadline") int overdue,
            @Description("timely × 100 / (replied + overdue)") BigDecimal timelinessRate,
            @Description("With the customer's satisfaction recorded") int rated, int satisfied,
            @Description("satisfied × 100 / rated") BigDecimal satisfactionRate, int repeats,
            @Description("repeats × 100 / complaints") BigDecimal repeatRate, int escalations,
            @Description("Transactions in the period") Long volume,
            @Description("complaints × 10000 / volume, two places half up") BigDecimal perTenThousand) {

        static FiguresNode of(ComplaintService.FigureRow row) {
            ComplaintView.Figures f = ComplaintView.Figures.of(row);
            return new FiguresNode(f.unit(), f.unitName(), f.period(), f.group(), (int) f.complaints(),
                    (int) f.replied(), (int) f.timely(), (int) f.overdue(), f.timelinessRate(), (int) f.rated(),
                    (int) f.satisfied(), f.satisfactionRate(), (int) f.repeats(), f.repeatRate(),
                    (int) f.escalations(), f.volume(), f.perTenThousand());
        }
    }

    @Type("TransactionVolume")
    @Description("Transactions a unit handled in a month (业务量).")
    public record VolumeNode(@NonNull String unit, String unitName, @NonNull @Description("e.g. 2025-01") String month,
            long volume) {
    }

    @Type("ComplaintChange")
    @Description("A complaint that was registered, replied, rated or marked overdue, as it is after the change.")
    public record ChangeNode(@NonNull @Description("registered, replied, satisfaction or overdue") String event,
            @NonNull ComplaintNode complaint) {
    }

    @Type("ComplaintPayload")
    @Description("The complaint, or why the action was refused.")
    public record ComplaintPayload(@Description("The complaint; null when refused") ComplaintNode complaint,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("ComplaintsPayload")
    @Description("The complaints registered, or why none was.")
    public record ComplaintsPayload(@Description("In the order given; null when refused")
            List<@NonNull ComplaintNode> complaints, @NonNull List<@NonNull UserError> userErrors) {
    }

    @Type("TransactionVolumesPayload")
    @Description("How many volumes were written, or why none was.")
    public record VolumesPayload(@Description("null when refused") Integer written,
            @NonNull List<@NonNull UserError> userErrors) {
    }

    @Input("RegisterComplaintInput")
    @Description("A complaint to register.")
    public static class Registration {
        @NonNull
        @Description("hotline, letter, online, walk-in or regulator")
        public String channel;
        @NonNull
        @Description("ISO-8601 with an offset; not in the future")
        public String receivedAt;
        @NonNull
        @Description("The unit's code")
        public String unit;
        @NonNull
        @Description("One of the configured categories' keys (complaintCategories)")
        public String category;
        @NonNull
        public String subject;
        @NonNull
        @Description("An opaque customer reference; only its SHA-256 is stored")
        public String customerRef;
        @NonNull
        @Description("A person's name or login (首问负责)")
        public String firstResponder;

        ObjectNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.put("channel", channel);
            node.put("receivedAt", receivedAt);
            node.put("unit", unit);
            node.put("category", category);
            node.put("subject", subject);
            node.put("customerRef", customerRef);
            node.put("firstResponder", firstResponder);
            return node;
        }
    }

    @Input("ReplyComplaintInput")
    @Description("The reply: its resolution, and when it was given (now by default).")
    public static class Reply {
        @NonNull
        public String resolution;
        @Description("ISO-8601 with an offset; not before receipt, not in the future")
        public String repliedAt;

        JsonNode toJson() {
            ObjectNode node = JSON.objectNode();
            node.put("resolution", resolution);
            if (repliedAt != null) {
                node.put("repliedAt", repliedAt);
            }
            return node;
        }
    }

    @Input("TransactionVolumeInput")
    @Description("A unit's transactions in a month.")
    public static class Volume {
        @NonNull
        @Description("The unit's code")
        public String unit;
        @NonNull
        @Description("e.g. 2025-01")
        public String month;
        public long volume;
    }

    @Query("complaints")
    @Description("Complaints the caller may see (a manager or viewer: its scope's), filtered, newest received first "
            + "(REST: GET /api/v1/complaints).")
    public Uni<@NonNull List<@NonNull ComplaintNode>> complaints(
            @Description("hotline, letter, online, walk-in or regulator") String channel,
            @Description("A category's key (complaintCategories)") String category,
            @Description("A unit's code: its complaints and those below it") String unit,
            @Description("open, overdue or replied") String state,
            @Description("true: replied late or unreplied past the deadline") Boolean overdue,
            @Description("Received at or after (ISO-8601)") String from,
            @Description("Received before (ISO-8601)") String to,
            @Description("1 to 500, default 100") Integer limit, @Description("Skip this many") Integer offset) {
        return calls.caller().flatMap(caller -> service.list(caller, channel, category, unit, state, overdue, from, to,
                limit, offset)).map(all -> all.stream().map(this::node).toList()).onFailure().transform(this::problem);
    }

    @Query("complaintCategories")
    @Description("The categories a complaint may be registered under, each with its zh-CN and en names, in the "
            + "configured order (REST: GET /api/v1/complaints/categories).")
    public Uni<@NonNull List<@NonNull CategoryNode>> complaintCategories() {
        return calls.caller().map(caller -> {
            ComplaintService.requireReads(caller);
            return categories.all().stream().map(c -> new CategoryNode(c.key(), c.nameZh(), c.nameEn())).toList();
        }).onFailure().transform(this::problem);
    }

    @Query("complaint")
    @Description("A complaint; null when there is none the caller may see (REST: GET /api/v1/complaints/{id}).")
    public Uni<ComplaintNode> complaint(@NonNull String id) {
        Long number = number(id);
        if (number == null) {
            return Uni.createFrom().nullItem();
        }
        return calls.caller().flatMap(caller -> service.read(caller, number)).map(this::node)
                .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                .onFailure().transform(this::problem);
    }

    @Query("complaintsToDo")
    @Description("The unreplied complaints in the caller's scope, the soonest due first (REST: GET "
            + "/api/v1/complaints/todo).")
    public Uni<@NonNull List<@NonNull ComplaintNode>> complaintsToDo() {
        return calls.caller().flatMap(caller -> service.todo(caller))
                .map(all -> all.stream().map(this::node).toList()).onFailure().transform(this::problem);
    }

    @Query("complaintFigures")
    @Description("Complaint figures per unit and group in a period: with a unit, its group's first, then each "
            + "unit's of the group (REST: GET /api/v1/complaints/figures).")
    public Uni<@NonNull List<@NonNull FiguresNode>> complaintFigures(
            @NonNull @Description("2025-01, 2025-Q1 or 2025") String period,
            @Description("A unit's code") String unit) {
        return calls.caller().flatMap(caller -> service.figures(caller, period, unit))
                .map(all -> all.stream().map(FiguresNode::of).toList()).onFailure().transform(this::problem);
    }

    @Query("transactionVolumes")
    @Description("Transaction volumes the caller may see (REST: GET /api/v1/transaction-volumes).")
    public Uni<@NonNull List<@NonNull VolumeNode>> transactionVolumes(@Description("A unit's code") String unit,
            @Description("From this month, e.g. 2025-01") String from,
            @Description("To this month, inclusive") String to) {
        return calls.caller().flatMap(caller -> service.volumes(caller, unit, from, to))
                .map(all -> all.stream().map(v -> {
                    ComplaintView.Volume view = ComplaintView.Volume.of(v);
                    return new VolumeNode(view.unit(), view.unitName(), view.month(), view.volume());
                }).toList()).onFailure().transform(this::problem);
    }

    @Mutation("registerComplaint")
    @NonNull
    @Description("Register a complaint (an analyst, an inspector, the admin, or a manager for units in scope; REST: "
            + "POST /api/v1/complaints).")
    public Uni<ComplaintPayload> registerComplaint(@NonNull Registration input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.register(caller, body));
        }).map(c -> new ComplaintPayload(node(c), List.of())),
                errors -> new ComplaintPayload(null, errors), "GraphQL registerComplaint");
    }

    @Mutation("registerComplaints")
    @NonNull
    @Description("Register up to 500 complaints at once, all or nothing (REST: POST /api/v1/complaints/batch).")
    public Uni<ComplaintsPayload> registerComplaints(@NonNull List<@NonNull Registration> input) {
        ArrayNode body = JSON.arrayNode();
        input.forEach(r -> body.add(r.toJson()));
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.registerBatch(caller, body));
        }).map(all -> new ComplaintsPayload(all.stream().map(this::node).toList(), List.of())),
                errors -> new ComplaintsPayload(null, errors), "GraphQL registerComplaints");
    }

    @Mutation("replyComplaint")
    @NonNull
    @Description("Reply to a complaint, once (a manager for units in scope, or the admin; REST: POST "
            + "/api/v1/complaints/{id}/reply).")
    public Uni<ComplaintPayload> replyComplaint(@NonNull String id, @NonNull Reply input) {
        JsonNode body = input.toJson();
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            Long number = number(id);
            if (number == null) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.complaintNotFound(-1)));
            }
            return transactions.admit(() -> service.reply(caller, number, body));
        }).map(c -> new ComplaintPayload(node(c), List.of())),
                errors -> new ComplaintPayload(null, errors), "GraphQL replyComplaint");
    }

    @Mutation("recordComplaintSatisfaction")
    @NonNull
    @Description("Record the customer's satisfaction, once, after the reply (who registered it, an analyst or the "
            + "admin; REST: POST /api/v1/complaints/{id}/satisfaction).")
    public Uni<ComplaintPayload> recordComplaintSatisfaction(@NonNull String id,
            @NonNull @Description("satisfied or unsatisfied") String satisfaction) {
        ObjectNode body = JSON.objectNode().put("satisfaction", satisfaction);
        return calls.payload(calls.caller().flatMap(caller -> {
            Long number = number(id);
            if (number == null) {
                return Uni.createFrom().failure(ProblemException.notFound(m -> m.complaintNotFound(-1)));
            }
            return transactions.admit(() -> service.satisfaction(caller, number, body));
        }).map(c -> new ComplaintPayload(node(c), List.of())),
                errors -> new ComplaintPayload(null, errors), "GraphQL recordComplaintSatisfaction");
    }

    @Mutation("putTransactionVolumes")
    @NonNull
    @Description("Put transaction volumes per unit and month, all or nothing (an analyst, the admin, or a manager "
            + "for units in scope; REST: PUT /api/v1/transaction-volumes).")
    public Uni<VolumesPayload> putTransactionVolumes(@NonNull List<@NonNull Volume> input) {
        ArrayNode body = JSON.arrayNode();
        input.forEach(v -> body.add(JSON.objectNode().put("unit", v.unit).put("month", v.month)
                .put("volume", v.volume)));
        return calls.payload(calls.caller().flatMap(caller -> {
            RequestBodies.check(body);
            return transactions.admit(() -> service.putVolumes(caller, body));
        }).map(written -> new VolumesPayload(written, List.of())),
                errors -> new VolumesPayload(null, errors), "GraphQL putTransactionVolumes");
    }

    @Subscription("complaintChanges")
    @Description("Complaints as they are registered, replied, rated and marked overdue, whichever instance they came "
            + "through: each one the caller may see (a manager or viewer: its scope's), as it is after the change.")
    public Multi<ChangeNode> complaintChanges() {
        return calls.caller().map(caller -> {
            ComplaintService.requireReads(caller);
            // a Uni of null would end the stream: the scope travels in an Optional (empty: no bound)
            return Optional.ofNullable(ComplaintService.scope(caller));
        }).onFailure().transform(this::problem).toMulti().flatMap(scope -> changes.stream()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem().transformToUniAndConcatenate(c -> service.announced(scope.orElse(null), c.id(), c.event())
                        .map(stored -> Optional.ofNullable(stored == null ? null
                                : new ChangeNode(c.event(), node(stored))))
                        // a change that cannot be read is not passed on: nothing leaks on a guess
                        .onFailure().recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent).map(Optional::get));
    }

    private ComplaintNode node(ComplaintRepository.Stored stored) {
        return ComplaintNode.of(stored, categories.of(stored.category()));
    }

    private static Long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Throwable problem(Throwable e) {
        return problems.graphql(e, "GraphQL complaints");
    }
}
