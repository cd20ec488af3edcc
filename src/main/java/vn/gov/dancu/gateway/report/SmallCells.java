package vn.gov.dancu.gateway.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The small-cell rule of the report (spec §5.7: "no count below 5 per agency and day"). A row
 * (an agency, a day) is shown on its own only when every count in it is 0 or at least
 * {@link #THRESHOLD}. The others are added up into one {@code other} row, and that row must pass
 * the same test and hold at least two rows: otherwise the smallest shown row (fewest prefills,
 * then key) joins it, until it does or nothing is left to show.
 *
 * <p>Why whole rows and two members: a row's counts are tied together (prefills = complete +
 * partial + refused), so hiding one cell of a row would leave it recoverable by subtraction; and
 * since totals are published, {@code other} = totals − shown rows is always known, so it is safe
 * only as a sum of several rows that is itself not small. Which rows it holds is not said: the
 * list of a province's agencies (or a month's days) is public, but rows without any count are
 * never listed either, so a missing key may be in {@code other} or may simply have had nothing.
 */
public final class SmallCells {

    /** The smallest count shown for a single agency or day. */
    public static final long THRESHOLD = 5;

    /** The key of the merged row. */
    public static final String OTHER = "other";

    private SmallCells() {
    }

    /** A row before the rule: its key and counts (first count = prefills, the ordering for secondary merging). */
    public record Row(String key, long[] counts) {
    }

    /** The rows that may be shown, in their original order, and the merged row (null when none was merged). */
    public record Result(List<Row> shown, Merged other) {
    }

    /** The {@code other} row: how many rows it holds and their summed counts. */
    public record Merged(int members, long[] counts) {
    }

    public static Result apply(List<Row> rows, int width) {
        List<Row> shown = new ArrayList<>();
        List<Row> merged = new ArrayList<>();
        for (Row row : rows) {
            (small(row.counts()) ? merged : shown).add(row);
        }
        while (!merged.isEmpty() && !shown.isEmpty() && (merged.size() < 2 || small(sum(merged, width)))) {
            Row smallest = shown.stream()
                    .min(Comparator.<Row>comparingLong(r -> r.counts()[0]).thenComparing(Row::key))
                    .orElseThrow();
            shown.remove(smallest);
            merged.add(smallest);
        }
        return new Result(shown, merged.isEmpty() ? null : new Merged(merged.size(), sum(merged, width)));
    }

    static boolean small(long[] counts) {
        for (long c : counts) {
            if (c > 0 && c < THRESHOLD) {
                return true;
            }
        }
        return false;
    }

    private static long[] sum(List<Row> rows, int width) {
        long[] total = new long[width];
        for (Row row : rows) {
            for (int i = 0; i < width; i++) {
                total[i] += row.counts()[i];
            }
        }
        return total;
    }
}
