package io.servicegrade.report;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitRepository;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 20: a board's filters as a reader types them. A unit is named by its code or its name (in part), a service
 * line by its code or its name in either language (储蓄 finds {@code savings}). A value that names nothing, or more
 * than one thing, is not applied: the page stays, with its other filters, and says so in a notice.
 */
public final class BoardFilters {

    /** How many group units the "under" field suggests (a datalist; typing still finds any unit). */
    static final int SUGGESTIONS = 500;

    /** How many units an ambiguous name lists in its notice. */
    static final int LISTED = 5;

    private BoardFilters() {
    }

    /** A suggestion of a filter field: the value it puts in the field and what the reader sees beside it. */
    public record Suggestion(String value, String label) {
    }

    /**
     * The filters the board is computed with ({@code under}: a unit code; {@code serviceLine}: a line code; null:
     * not applied), the notices of those not applied, and the suggestions of both fields.
     */
    public record Resolved(String under, String serviceLine, List<String> notices, List<Suggestion> units,
            List<Suggestion> lines) {
    }

    /** What a typed value names: the one thing, or the candidates when none or several. */
    record Match(String value, List<String> candidates) {

        static Match of(String value) {
            return new Match(value, List.of());
        }

        static Match none(List<String> candidates) {
            return new Match(null, candidates);
        }
    }

    static LayoutMessages messages(ReportLanguage language) {
        return MessageBundles.get(LayoutMessages.class, Localized.Literal.of(language.chinese() ? "zh-CN" : "en"));
    }

    /**
     * Resolves the typed {@code under} and {@code serviceLine} against the units in {@code scope} (null: all), one
     * query after the other (a request holds one pooled connection at a time).
     */
    static Uni<Resolved> resolve(UnitRepository units, String under, String serviceLine, List<Long> scope,
            ReportLanguage language) {
        LayoutMessages m = messages(language);
        LayoutMessages zh = messages(ReportLanguage.ZH);
        LayoutMessages en = messages(ReportLanguage.EN);
        Uni<List<Unit>> named = under == null ? Uni.createFrom().item(List.of())
                : units.named(under, scope, LISTED + 1);
        return named.flatMap(candidates -> units.serviceLines().flatMap(lines -> units.groups(scope, SUGGESTIONS)
                .map(groups -> {
                    List<String> notices = new ArrayList<>();
                    String unit = null;
                    if (under != null) {
                        Match match = unit(under, candidates);
                        unit = match.value();
                        if (unit == null) {
                            notices.add(match.candidates().isEmpty() ? m.unknownUnit(under)
                                    : m.ambiguousUnit(under, String.join(m.listSeparator(), match.candidates())
                                            + (candidates.size() > LISTED ? m.listSeparator() + "…" : "")));
                        }
                    }
                    String line = null;
                    if (serviceLine != null) {
                        Match match = line(serviceLine, lines, zh, en);
                        line = match.value();
                        if (line == null) {
                            List<String> shown = (match.candidates().isEmpty() ? lines : match.candidates())
                                    .stream().map(code -> lineName(code, m) + " (" + code + ")").toList();
                            notices.add(match.candidates().isEmpty()
                                    ? m.unknownLine(serviceLine, String.join(m.listSeparator(), shown))
                                    : m.ambiguousLine(serviceLine, String.join(m.listSeparator(), shown)));
                        }
                    }
                    List<Suggestion> unitSuggestions = groups.stream()
                            .map(g -> new Suggestion(g.code(), g.name() + " · " + language.kind(g.kind()))).toList();
                    List<Suggestion> lineSuggestions = lines.stream()
                            .map(code -> new Suggestion(lineName(code, m), code)).toList();
                    return new Resolved(unit, line, notices, unitSuggestions, lineSuggestions);
                })));
    }

    /**
     * The unit a typed value names among the units whose code is it or whose name holds it (as
     * {@link UnitRepository#named} orders them): the code, else the one unit of that exact name, else the one unit
     * whose name holds it; none or several: not applied, with up to {@link #LISTED} of them by name and code.
     */
    static Match unit(String typed, List<Unit> candidates) {
        for (Unit u : candidates) {
            if (u.code().equalsIgnoreCase(typed)) {
                return Match.of(u.code());
            }
        }
        List<Unit> exact = candidates.stream().filter(u -> u.name().equals(typed)).toList();
        if (exact.size() == 1) {
            return Match.of(exact.get(0).code());
        }
        if (candidates.size() == 1) {
            return Match.of(candidates.get(0).code());
        }
        return Match.none(candidates.stream().limit(LISTED).map(u -> u.name() + " (" + u.code() + ")").toList());
    }

    /**
     * The service line a typed value names among the lines there are: its code (any case), else the one line
     * whose code or name in either language holds it; none: not applied (no candidates), several: not applied,
     * naming them.
     */
    static Match line(String typed, List<String> lines, LayoutMessages zh, LayoutMessages en) {
        String wanted = typed.toLowerCase(Locale.ROOT);
        for (String code : lines) {
            if (code.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Match.of(code);
            }
        }
        List<String> holding = lines.stream().filter(code -> code.toLowerCase(Locale.ROOT).contains(wanted)
                || lineName(code, zh).toLowerCase(Locale.ROOT).contains(wanted)
                || lineName(code, en).toLowerCase(Locale.ROOT).contains(wanted)).toList();
        return holding.size() == 1 ? Match.of(holding.get(0)) : Match.none(holding);
    }

    /** A service line's name: the lines the rubrics know by name; any other by its code. */
    static String lineName(String code, LayoutMessages m) {
        return switch (code) {
            case "counter" -> m.lineCounter();
            case "savings" -> m.lineSavings();
            case "delivery" -> m.lineDelivery();
            default -> code;
        };
    }
}
