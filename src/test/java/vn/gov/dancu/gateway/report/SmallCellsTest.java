package vn.gov.dancu.gateway.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small-cell rule: nothing below 5 shown for one agency or day, and nothing recoverable by subtraction. */
class SmallCellsTest {

    private static SmallCells.Row row(String key, long... counts) {
        return new SmallCells.Row(key, counts);
    }

    private static List<String> keys(SmallCells.Result r) {
        return r.shown().stream().map(SmallCells.Row::key).toList();
    }

    @Test
    void rowsOfZerosAndLargeCountsAreShownAsTheyAre() {
        SmallCells.Result r = SmallCells.apply(List.of(row("A", 10, 10, 0), row("B", 5, 0, 5)), 3);
        assertEquals(List.of("A", "B"), keys(r));
        assertNull(r.other());
    }

    @Test
    void aRowWithAnySmallCountIsMergedWholeIntoOther() {
        // B's refusals (3) would be recoverable from its prefills minus its completes: the whole row goes
        SmallCells.Result r = SmallCells.apply(List.of(row("A", 20, 20, 0), row("B", 8, 5, 3), row("C", 9, 7, 2)), 3);
        assertEquals(List.of("A"), keys(r));
        assertEquals(2, r.other().members());
        assertArrayEquals(new long[] {17, 12, 5}, r.other().counts());
    }

    @Test
    void aLoneMergedRowTakesTheSmallestShownRowWithIt() {
        // other = totals − shown: with one member it would be that agency's figures under another name
        SmallCells.Result r = SmallCells.apply(List.of(row("A", 50), row("B", 7), row("C", 2), row("D", 6)), 1);
        assertEquals(List.of("A", "B"), keys(r));
        assertEquals(2, r.other().members());
        assertArrayEquals(new long[] {8}, r.other().counts());
    }

    @Test
    void aMergedRowThatIsStillSmallTakesMoreRowsUntilItIsNot() {
        SmallCells.Result r = SmallCells.apply(List.of(row("A", 50), row("B", 6), row("C", 1), row("D", 2)), 1);
        // C + D = 3 is below 5: B (the smallest shown) joins, 9
        assertEquals(List.of("A"), keys(r));
        assertEquals(3, r.other().members());
        assertArrayEquals(new long[] {9}, r.other().counts());
    }

    @Test
    void whenNothingCanBeShownEverythingIsOther() {
        SmallCells.Result r = SmallCells.apply(List.of(row("A", 3), row("B", 1)), 1);
        assertEquals(List.of(), keys(r));
        assertEquals(2, r.other().members());
        assertArrayEquals(new long[] {4}, r.other().counts());
    }

    @Test
    void everyShownCellAndOtherAreZeroOrAtLeastFiveOnRandomData() {
        java.util.Random random = new java.util.Random(42);
        for (int run = 0; run < 2_000; run++) {
            int n = 1 + random.nextInt(12);
            java.util.List<SmallCells.Row> rows = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                rows.add(row("K" + i, random.nextInt(30), random.nextInt(8), random.nextInt(12)));
            }
            SmallCells.Result r = SmallCells.apply(rows, 3);
            r.shown().forEach(s -> assertEquals(false, SmallCells.small(s.counts()), s.key()));
            if (r.other() != null && !r.shown().isEmpty()) {
                assertEquals(false, SmallCells.small(r.other().counts()));
                assertEquals(true, r.other().members() >= 2);
            }
        }
    }
}
