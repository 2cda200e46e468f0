package io.servicegrade.nomination;

import io.servicegrade.nomination.Proposals.Candidate;
import io.servicegrade.nomination.Proposals.Proposal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The proposal rule by hand (issue 18): two branches, two service lines, the top 2 of each. */
class ProposalsTest {

    static final long B1 = 1;
    static final long B2 = 2;

    @Test
    void eachBranchProposesItsTopTwoPerLineSkippingTheIneligibleAndKeepingTiesAtTheCut() {
        List<Candidate> board = List.of(
                // branch 1, counter: ranks 1, 3, 4 (the rank-2 unit is vetoed: not eligible, its place is not kept)
                new Candidate(11, "B1-C1", B1, "counter", 1, true),
                new Candidate(12, "B1-C2", B1, "counter", 2, false),
                new Candidate(13, "B1-C3", B1, "counter", 3, true),
                new Candidate(14, "B1-C4", B1, "counter", 4, true),
                // branch 1, delivery: 5, then 6 and 6 tie for second place: all three proposed
                new Candidate(15, "B1-D1", B1, "delivery", 5, true),
                new Candidate(16, "B1-D3", B1, "delivery", 6, true),
                new Candidate(17, "B1-D2", B1, "delivery", 6, true),
                new Candidate(18, "B1-D4", B1, "delivery", 8, true),
                // branch 2, counter: 2 and 2 tie for first; the unit at 7 is third and out
                new Candidate(21, "B2-C1", B2, "counter", 2, true),
                new Candidate(22, "B2-C2", B2, "counter", 2, true),
                new Candidate(23, "B2-C3", B2, "counter", 7, true),
                // branch 2, delivery: one eligible unit only (the other has no rank / last grade)
                new Candidate(24, "B2-D1", B2, "delivery", 9, true),
                new Candidate(25, "B2-D2", B2, "delivery", null, false));

        List<Proposal> proposed = Proposals.top(2, board);

        assertThat(proposed).containsExactly(
                new Proposal(B1, "counter", 11, "B1-C1", 1),
                new Proposal(B1, "counter", 13, "B1-C3", 2),
                new Proposal(B1, "delivery", 15, "B1-D1", 1),
                new Proposal(B1, "delivery", 17, "B1-D2", 2),
                new Proposal(B1, "delivery", 16, "B1-D3", 2),
                new Proposal(B2, "counter", 21, "B2-C1", 1),
                new Proposal(B2, "counter", 22, "B2-C2", 1),
                new Proposal(B2, "delivery", 24, "B2-D1", 1));
    }

    @Test
    void aTieForFirstFillsTheTopAndTheNextPlaceIsThird() {
        List<Candidate> board = List.of(
                new Candidate(1, "A", B1, "counter", 1, true),
                new Candidate(2, "B", B1, "counter", 1, true),
                new Candidate(3, "C", B1, "counter", 3, true));
        assertThat(Proposals.top(2, board)).extracting(Proposal::unitId).containsExactly(1L, 2L);
        assertThat(Proposals.top(1, board)).extracting(Proposal::unitId).containsExactly(1L, 2L);
        assertThat(Proposals.top(3, board)).extracting(Proposal::place).containsExactly(1, 1, 3);
    }

    @Test
    void onlyGradedRankedUnvetoedUnitsOfALineAreEligible() {
        assertThat(Proposals.eligible(false, "good", "poor", 3, "counter")).isTrue();
        assertThat(Proposals.eligible(true, "good", "poor", 3, "counter")).isFalse();
        assertThat(Proposals.eligible(false, null, "poor", 3, "counter")).isFalse();
        assertThat(Proposals.eligible(false, "poor", "poor", 3, "counter")).isFalse();
        assertThat(Proposals.eligible(false, "good", "poor", null, "counter")).isFalse();
        assertThat(Proposals.eligible(false, "good", "poor", 3, null)).isFalse();
    }
}
