package io.servicegrade.nomination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which units a group proposes (issue 18: "综合评定得分前2名"): per group and service line, the eligible units whose
 * place among them by the board's rank is within {@code top}. Places are competition places over the board's
 * competition ranks, so units tied with the last place taken are all proposed (ranks 1, 2, 2 with top 2 propose
 * three): a shared second place is a second place. Pure: board rows in, proposals out.
 */
public final class Proposals {

    private Proposals() {
    }

    /**
     * One graded unit as the board shows it: its group at the level, its service line, its rank on the board
     * (null without a value to rank by) and whether it may be nominated at all ({@link #eligible}).
     */
    public record Candidate(long unitId, String code, long groupId, String serviceLine, Integer rank,
            boolean eligible) {
    }

    /** A unit proposed by its group for its service line, at {@code place} among the group's eligible units. */
    public record Proposal(long groupId, String serviceLine, long unitId, String code, int place) {
    }

    /**
     * Whether a standing may be nominated: graded (a grade, and not the last grade), ranked, not vetoed (a
     * confirmed veto event vetoes the unit on the board, so it is covered here too), and of a service line.
     */
    public static boolean eligible(boolean vetoed, String grade, String lastGrade, Integer rank, String serviceLine) {
        return !vetoed && grade != null && !grade.equals(lastGrade) && rank != null && serviceLine != null;
    }

    /**
     * The proposals of every group and service line: the eligible candidates at a place within {@code top},
     * ordered by group, service line (as first met), place and code.
     */
    public static List<Proposal> top(int top, List<Candidate> candidates) {
        Map<String, List<Candidate>> byGroupLine = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (c.eligible()) {
                byGroupLine.computeIfAbsent(c.groupId() + "|" + c.serviceLine(), k -> new ArrayList<>()).add(c);
            }
        }
        List<Proposal> result = new ArrayList<>();
        for (List<Candidate> group : byGroupLine.values()) {
            group.sort(Comparator.comparing(Candidate::rank).thenComparing(Candidate::code));
            int place = 0;
            for (int i = 0; i < group.size(); i++) {
                if (i == 0 || !group.get(i).rank().equals(group.get(i - 1).rank())) {
                    place = i + 1;
                }
                if (place > top) {
                    break;
                }
                Candidate c = group.get(i);
                result.add(new Proposal(c.groupId(), c.serviceLine(), c.unitId(), c.code(), place));
            }
        }
        result.sort(Comparator.comparingLong(Proposal::groupId).thenComparing(Proposal::serviceLine)
                .thenComparingInt(Proposal::place).thenComparing(Proposal::code));
        return result;
    }
}
