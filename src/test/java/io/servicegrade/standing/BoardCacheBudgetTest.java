package io.servicegrade.standing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What kept standings may weigh (issue 21): the bound is memory, a share of the heap, not a count of rows (100,000
 * rows were allowed before, about 490 MB of boards, and a server with a 256 MB heap ran out of memory).
 */
class BoardCacheBudgetTest {

    private static final long MB = 1024 * 1024;

    @Test
    void byDefaultKeptStandingsMayTakeFortyPercentOfTheHeap() {
        // 256 MB = 262,144 KB; 40 % of it, in whole KB: 262,144 × 4 / 10 = 104,857
        assertThat(StandingService.cacheKb(Optional.empty(), 256 * MB)).isEqualTo(104_857);
        // 1 GB = 1,048,576 KB; × 4 / 10 = 419,430
        assertThat(StandingService.cacheKb(Optional.empty(), 1024 * MB)).isEqualTo(419_430);
    }

    @Test
    void aSettingInMbIsTakenAsItIs() {
        // 64 MB = 64 × 1,024 KB = 65,536
        assertThat(StandingService.cacheKb(Optional.of(64), 256 * MB)).isEqualTo(65_536);
    }

    @Test
    void weightsAreInWholeKbAndNeverZero() {
        // 1 + 1,800 × 0 / 1,024 = 1: an empty board still costs its entry
        assertThat(StandingService.kb(StandingService.BOARD_ROW_BYTES, 0)).isEqualTo(1);
        // 1 + 1,800 × 10,000 / 1,024 = 1 + 18,000,000 / 1,024 = 1 + 17,578 = 17,579
        assertThat(StandingService.kb(StandingService.BOARD_ROW_BYTES, 10_000)).isEqualTo(17_579);
        // no int overflow at a million rows: 1 + 1,800,000,000 / 1,024 = 1 + 1,757,812 = 1,757,813
        assertThat(StandingService.kb(StandingService.BOARD_ROW_BYTES, 1_000_000)).isEqualTo(1_757_813);
    }

    @Test
    void aHeapOf256MbKeepsThreeBoardsOfTenThousandWindowsAndTheInputsOfTwoPeriods() {
        long budget = StandingService.cacheKb(Optional.empty(), 256 * MB);
        // boards: 104,857 × 5 / 8 = 65,535 KB; a board of 10,000 rows weighs 17,579 KB
        // 3 × 17,579 = 52,737 ≤ 65,535 < 70,316 = 4 × 17,579
        long board = StandingService.kb(StandingService.BOARD_ROW_BYTES, 10_000);
        assertThat(3 * board).isLessThanOrEqualTo(budget * 5 / 8);
        assertThat(4 * board).isGreaterThan(budget * 5 / 8);
        // inputs: 104,857 / 4 = 26,214 KB; a period of 10,000 windows with two sources has 20,000 inputs:
        // 1 + 550 × 20,000 / 1,024 = 1 + 10,742 = 10,743 KB; 2 × 10,743 = 21,486 ≤ 26,214 < 32,229
        long period = StandingService.kb(StandingService.INPUT_BYTES, 20_000);
        assertThat(period).isEqualTo(10_743);
        assertThat(2 * period).isLessThanOrEqualTo(budget / 4);
        assertThat(3 * period).isGreaterThan(budget / 4);
        // unit lists: 104,857 / 8 = 13,107 KB; 10,000 units: 1 + 700 × 10,000 / 1,024 = 1 + 6,835 = 6,836 KB;
        // 13,107 ≥ 6,836 × 1 and < 6,836 × 2 = 13,672: one list of every window, beside smaller ones
        long units = StandingService.kb(StandingService.UNIT_BYTES, 10_000);
        assertThat(units).isEqualTo(6_836);
        assertThat(units).isLessThanOrEqualTo(budget / 8);
        assertThat(2 * units).isGreaterThan(budget / 8);
    }
}
