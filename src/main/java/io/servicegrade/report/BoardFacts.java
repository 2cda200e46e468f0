package io.servicegrade.report;

import io.servicegrade.evaluation.EvaluationRepository;
import io.servicegrade.evaluation.EvaluationService;
import io.servicegrade.evaluation.StoredEvaluation;
import io.servicegrade.scheme.Period;
import io.servicegrade.scoring.Breakdown;
import io.servicegrade.standing.StandingService;
import io.servicegrade.standing.StandingsEngine;
import io.servicegrade.unit.Unit;
import io.servicegrade.unit.UnitService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a board page shows besides the board itself (issue 20), read before it is drawn: each row's unit path
 * (branch › outlet › window), each veto named by its evaluation in words (the item, the day, the source), and the
 * same board in the recent periods before it, for the rows' sparklines. Read one query after the other: a request
 * holds one pooled connection at a time.
 */
record BoardFacts(Map<String, String> paths, Map<Long, Veto> vetoes, List<StandingService.Board> past) {

    /** How many periods a sparkline shows, the board's own included. */
    static final int RECENT = 4;

    /** The separator of a unit path. */
    static final String PATH_SEPARATOR = " › ";

    /** A veto by an evaluation: the vetoing item's name by language, the day it was conducted, its source. */
    record Veto(Breakdown breakdown, LocalDate date, String source) {

        String item(String lang) {
            for (Breakdown.SectionScore section : breakdown.sections()) {
                for (Breakdown.ItemScore item : section.items()) {
                    if (item.vetoed()) {
                        return item.name().in(lang);
                    }
                }
            }
            return null;
        }
    }

    static final BoardFacts NONE = new BoardFacts(Map.of(), Map.of(), List.of());

    /**
     * The paths of the units of {@code shown} (the board's rows), root left out: it is the organisation every row
     * shares; the vetoes the reader may see ({@code board} is already as the reader may read it); and, when
     * {@code past} is asked, the boards of the {@link #RECENT} − 1 periods before, with the same filters (a period
     * with no board, e.g. before the scheme began, is left out).
     */
    static Uni<BoardFacts> load(UnitService units, EvaluationRepository evaluations, EvaluationService scoring,
            StandingService standings, StandingService.Board board, List<Unit> shown, boolean past,
            Filters filters) {
        Uni<Map<String, String>> paths = paths(units, shown);
        return paths.flatMap(p -> vetoes(evaluations, scoring, board).flatMap(v -> (past
                ? pastBoards(standings, board, filters) : Uni.createFrom().item(List.<StandingService.Board>of()))
                .map(b -> new BoardFacts(p, v, b))));
    }

    /** The filters of a board, to read the same board in earlier periods. */
    record Filters(String kind, String under, String serviceLine, String area, String tag, List<Long> scope) {
    }

    /** Each unit's path by code, without the root: "县局 › 网点 › 储蓄窗口2号". */
    static Uni<Map<String, String>> paths(UnitService units, List<Unit> shown) {
        if (shown.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return units.ancestors(shown).map(chains -> {
            Map<String, String> paths = new HashMap<>();
            for (int i = 0; i < shown.size(); i++) {
                List<String> names = above(chains.get(i));
                names.add(shown.get(i).name());
                paths.put(shown.get(i).code(), String.join(PATH_SEPARATOR, names));
            }
            return paths;
        });
    }

    /** The names along a unit's chain of ancestors ({@link UnitService#ancestors}), the root left out. */
    static List<String> above(List<Unit> chain) {
        List<String> names = new ArrayList<>();
        for (int a = 1; a < chain.size(); a++) {
            if (chain.get(a) != null) {
                names.add(chain.get(a).name());
            }
        }
        return names;
    }

    private static Uni<Map<Long, Veto>> vetoes(EvaluationRepository evaluations, EvaluationService scoring,
            StandingService.Board board) {
        Set<Long> ids = new LinkedHashSet<>();
        for (StandingsEngine.Standing s : board.standings()) {
            if (s.vetoed() && s.vetoedBy() != null) {
                ids.add(s.vetoedBy());
            }
        }
        return vetoes(evaluations, scoring, ids, board.scheme().scheme().timeZone());
    }

    /** The vetoes by these evaluations, each day in the scheme's time zone (issue 20: a scorecard's periods too). */
    static Uni<Map<Long, Veto>> vetoes(EvaluationRepository evaluations, EvaluationService scoring,
            java.util.Collection<Long> ids, java.time.ZoneId zone) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return evaluations.findByIds(new ArrayList<>(ids)).flatMap(found -> Multi.createFrom().iterable(found)
                .onItem().transformToUniAndConcatenate((StoredEvaluation e) -> scoring.breakdown(e)
                        .map(b -> Map.entry(e.id(), new Veto(b, e.conductedAt().atZoneSameInstant(zone).toLocalDate(),
                                e.source()))))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Uni<List<StandingService.Board>> pastBoards(StandingService standings, StandingService.Board board,
            Filters f) {
        List<Period> periods = new ArrayList<>();
        Period p = board.period();
        for (int i = 1; i < RECENT; i++) {
            p = p.previous();
            periods.add(0, p);
        }
        String scheme = board.scheme().scheme().key();
        return Multi.createFrom().iterable(periods).onItem().transformToUniAndConcatenate(period -> standings
                .board(scheme, period.id(), f.kind(), f.under(), f.serviceLine(), f.area(), f.tag(), f.scope())
                .onFailure().recoverWithNull())
                .collect().asList().map(list -> list.stream().filter(java.util.Objects::nonNull).toList());
    }
}
