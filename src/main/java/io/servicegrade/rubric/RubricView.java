package io.servicegrade.rubric;

import io.servicegrade.scoring.Rubric;
import io.servicegrade.scoring.Rule;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** A rubric version as GraphQL shows it, with every name and criterion in the language asked for. */
@Type("Rubric")
@Description("A version of a rubric (评分标准), with names in the language asked for.")
public record RubricView(@NonNull String key, int version, @NonNull String origin, @NonNull OffsetDateTime createdAt,
        @NonNull String name, @NonNull BigDecimal total, @NonNull List<@NonNull SectionView> sections,
        @org.eclipse.microprofile.graphql.Ignore String language) implements io.servicegrade.platform.graphql.Node {

    @Override
    @org.eclipse.microprofile.graphql.Id
    @NonNull
    @org.eclipse.microprofile.graphql.Name("id")
    @Description("Global id: opaque, unique across every kind of object; node(id:) fetches the object again.")
    public String getGlobalId() {
        return io.servicegrade.platform.graphql.GlobalIds.encode("Rubric", key, Integer.toString(version), language);
    }

    @Type("RubricSection")
    public record SectionView(@NonNull String key, @NonNull String name, @NonNull BigDecimal points,
            @NonNull List<@NonNull ItemView> items) {
    }

    @Type("RubricItem")
    public record ItemView(@NonNull String key, @NonNull String name, String criteria, @NonNull BigDecimal points,
            @Description("Whether the item may be marked not applicable.") boolean notApplicable,
            @NonNull RuleView rule) {
    }

    @Type("RubricRule")
    @Description("An item's rule; only the fields of its kind are set.")
    public record RuleView(@NonNull RuleKind kind,
            BigDecimal perViolation, List<@NonNull NamedView> named, Boolean severeTakesAll,
            List<@NonNull TimeLimitView> timing, List<@NonNull NamedView> zeroingEvents,
            List<@NonNull IndicatorView> indicators, BigDecimal target, BigDecimal perPercentagePoint,
            Boolean proportional, List<@NonNull NamedView> scale, String satisfiedAtOrAbove, BigDecimal perUnit,
            BigDecimal cap,
            @Description("A shortfall's direction: true when lower is better, so each percentage point above the "
                    + "target deducts; false when each point below it does.") Boolean lowerIsBetter) {
    }

    @org.eclipse.microprofile.graphql.Enum("RuleKind")
    @Description("How an item is scored: deductions per violation, a veto, indicators against targets, a "
            + "shortfall from a target, a rating on a scale, or a bonus.")
    public enum RuleKind {
        DEDUCTION, VETO, INDICATORS, SHORTFALL, RATING, BONUS;

        static RuleKind of(String kind) {
            return valueOf(kind.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Type("RubricNamedValue")
    @Description("A named part of a rule: a named deduction (value: points), a zeroing event (no value) or a "
            + "rating level (value: 0..100).")
    public record NamedView(@NonNull String key, @NonNull String name, BigDecimal value) {
    }

    @Type("RubricTimeLimit")
    public record TimeLimitView(@NonNull String key, @NonNull String name, @NonNull BigDecimal limitSeconds,
            BigDecimal amountBase, BigDecimal amountStep, BigDecimal secondsPerStep) {
    }

    @Type("RubricIndicator")
    public record IndicatorView(@NonNull String key, @NonNull String name, @NonNull BigDecimal target,
            @NonNull BigDecimal deducts,
            @Description("True when lower is better: a rate above the target deducts (a complaint rate); false "
                    + "when a rate below it does.") boolean lowerIsBetter,
            @Description("True when the target itself misses too (低于12%: 12 % is not below 12 %).")
            boolean strict) {
    }

    static RubricView of(RubricVersion version, String language) {
        Rubric rubric = version.rubric();
        return new RubricView(rubric.key(), version.version(), version.origin(), version.createdAt(),
                rubric.name().in(language), rubric.total(),
                rubric.sections().stream().map(s -> new SectionView(s.key(), s.name().in(language), s.points(),
                        s.items().stream().map(i -> item(i, language)).toList())).toList(), language);
    }

    private static ItemView item(Rubric.Item item, String language) {
        return new ItemView(item.key(), item.name().in(language),
                item.criteria() == null ? null : item.criteria().in(language), item.points(), item.notApplicable(),
                rule(item.rule(), language));
    }

    private static RuleView rule(Rule rule, String lang) {
        if (rule instanceof Rule.Deduction d) {
            return new RuleView(RuleKind.of(d.kind()), d.perViolation(),
                    d.named().stream().map(n -> new NamedView(n.key(), n.name().in(lang), n.points())).toList(),
                    d.severeTakesAll(),
                    d.timing().stream().map(t -> new TimeLimitView(t.key(), t.name().in(lang), t.limitSeconds(),
                            t.amountBase(), t.amountStep(), t.secondsPerStep())).toList(),
                    events(d.zeroingEvents(), lang), null, null, null, null, null, null, null, null, null);
        }
        if (rule instanceof Rule.Indicators ind) {
            return new RuleView(RuleKind.of(ind.kind()), null, null, null, null, null,
                    ind.indicators().stream().map(i -> new IndicatorView(i.key(), i.name().in(lang), i.target(),
                            i.deducts(), i.lowerIsBetter(), i.strict())).toList(), null, null, null, null, null, null, null,
                    null);
        }
        if (rule instanceof Rule.Shortfall s) {
            return new RuleView(RuleKind.of(s.kind()), null, null, null, null, events(s.zeroingEvents(), lang), null, s.target(),
                    s.perPercentagePoint(), s.proportional(), null, null, null, null, s.lowerIsBetter());
        }
        if (rule instanceof Rule.Rating r) {
            return new RuleView(RuleKind.of(r.kind()), null, null, null, null, null, null, null, null, null,
                    r.scale().stream().map(l -> new NamedView(l.key(), l.name().in(lang), l.value())).toList(),
                    r.satisfiedAtOrAbove(), null, null, null);
        }
        if (rule instanceof Rule.Bonus b) {
            return new RuleView(RuleKind.of(b.kind()), null, null, null, null, null, null, null, null, null, null, null,
                    b.perUnit(), b.cap(), null);
        }
        return new RuleView(RuleKind.of(rule.kind()), null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    private static List<NamedView> events(List<Rule.ZeroingEvent> events, String lang) {
        return events.stream().map(e -> new NamedView(e.key(), e.name().in(lang), null)).toList();
    }

}
