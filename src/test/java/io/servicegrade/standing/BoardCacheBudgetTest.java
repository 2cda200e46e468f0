package io.servicegrade.standing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What kept boards may weigh (issue 21): the bound is memory, a share of the heap, not a count of rows (100,000
 * rows were allowed before, about 490 MB of boards, and a server with a 256 MB heap ran out of memory).
 */
class BoardCacheBudgetTest {

    private static final long MB = 1024 * 1024;

    @Test
    void byDefaultKeptBoardsMayTakeFortyPercentOfTheHeap() {
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
    void aHeapOf256MbKeepsTwoBoardsOfTenThousandWindowsNotThree() {
        // a board of 10,000 rows weighs 5 KB × (1 + 10,000) = 50,005 KB
        long board = StandingService.BOARD_ROW_KB * (1 + 10_000L);
        assertThat(board).isEqualTo(50_005);
        long budget = StandingService.cacheKb(Optional.empty(), 256 * MB);
        // 2 × 50,005 = 100,010 ≤ 104,857 < 150,015 = 3 × 50,005
        assertThat(2 * board).isLessThanOrEqualTo(budget);
        assertThat(3 * board).isGreaterThan(budget);
    }
}
