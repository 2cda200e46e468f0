package io.servicegrade.rectification;

import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** A rectification order as REST shows it (issue 19): what it is about, whose it is, its deadline and history. */
@Schema(name = "Rectification", description = "A rectification order (整改单)")
public record RectificationView(
        @Schema(required = true) long id,
        @Schema(required = true, description = "The owner unit's code") String unit,
        @Schema(required = true) String unitName,
        @Schema(nullable = true, description = "The evaluation it was raised from; null for one made by hand")
        Long evaluation,
        @Schema(required = true) String title,
        @Schema(required = true, enumeration = {"minor", "major", "veto"}) String severity,
        @Schema(required = true, description = "The items, as the evaluation's breakdown stored them")
        List<Item> items,
        @Schema(required = true, enumeration = {"open", "replied", "accepted", "returned"}) String state,
        @Schema(required = true, description = "Open or returned past its deadline now") boolean overdue,
        @Schema(required = true, description = "When the finding arose (the evaluation's time)")
        OffsetDateTime raisedAt,
        @Schema(required = true, description = "The deadline (exclusive)") OffsetDateTime dueAt,
        @Schema(required = true) OffsetDateTime createdAt,
        @Schema(nullable = true, description = "The first reply") OffsetDateTime firstRepliedAt,
        @Schema(nullable = true, description = "The latest reply") OffsetDateTime repliedAt,
        @Schema(nullable = true, description = "The latest verification") OffsetDateTime verifiedAt,
        @Schema(required = true, description = "Replies and verifications, oldest first") List<Step> history) {

    /** One item of an order. Points as decimal text; null for an item named by hand. */
    @Schema(name = "RectificationItem")
    public record Item(@Schema(required = true) String key, @Schema(nullable = true) String nameZh,
            @Schema(nullable = true) String nameEn, @Schema(nullable = true) String max,
            @Schema(nullable = true) String awarded, @Schema(nullable = true) String deduction,
            @Schema(required = true) boolean vetoed) {
    }

    /** A reply (with evidence, late when after the deadline), an acceptance or a return. */
    @Schema(name = "RectificationStep")
    public record Step(@Schema(required = true, enumeration = {"reply", "accept", "return"}) String kind,
            @Schema(nullable = true) String text, @Schema(required = true) List<String> evidence,
            @Schema(required = true) boolean late, @Schema(nullable = true) Long account,
            @Schema(required = true) OffsetDateTime at) {
    }

    public static RectificationView of(RectificationService.View view) {
        return of(view.order(), view.steps());
    }

    public static RectificationView of(RectificationRepository.Stored r, List<RectificationRepository.Step> steps) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < r.items().size(); i++) {
            JsonObject item = r.items().getJsonObject(i);
            JsonObject name = item.getJsonObject("name");
            items.add(new Item(item.getString("key"), name == null ? null : name.getString("zh-CN"),
                    name == null ? null : name.getString("en"), item.getString("max"), item.getString("awarded"),
                    item.getString("deduction"), item.getBoolean("vetoed", false)));
        }
        return new RectificationView(r.id(), r.unitCode(), r.unitName(), r.evaluationId(), r.title(), r.severity(),
                items, r.state(), r.overdue(), r.raisedAt(), r.dueAt(), r.createdAt(), r.firstRepliedAt(),
                r.repliedAt(), r.verifiedAt(), steps.stream().map(s -> new Step(s.kind(), s.text(), s.evidence(),
                        s.late(), s.byAccount(), s.at())).toList());
    }
}
