package vn.gov.dancu.gateway.time;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The moment by which a request must be answered, on a monotonic clock. Made once at the edge
 * and handed down to every step (NPD lookups, the audit commit), so that no step works to a
 * budget of its own that could outlast the caller: a step asks {@link #remaining()} instead of
 * adding its own timeout to "now".
 *
 * @param atNanos  the moment, in the units of {@code nanoTime}
 * @param nanoTime the monotonic time source it was made from ({@link System#nanoTime} in production)
 */
public record Deadline(long atNanos, LongSupplier nanoTime) {

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget, LongSupplier nanoTime) {
        return new Deadline(nanoTime.getAsLong() + budget.toNanos(), nanoTime);
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - nanoTime.getAsLong()));
    }

    public boolean passed() {
        return atNanos - nanoTime.getAsLong() <= 0;
    }

    /** A deadline {@code reserve} earlier, e.g. for a step that must leave time to the steps after it. */
    public Deadline minus(Duration reserve) {
        return new Deadline(atNanos - reserve.toNanos(), nanoTime);
    }

    /** This deadline, or {@code budget} from now if that comes first. */
    public Deadline atMost(Duration budget) {
        long cap = nanoTime.getAsLong() + budget.toNanos();
        return cap - atNanos < 0 ? new Deadline(cap, nanoTime) : this;
    }

    /** Whichever of the two comes first. */
    public Deadline earliest(Deadline other) {
        return other.atNanos - atNanos < 0 ? other : this;
    }

    @Override
    public String toString() {
        return "Deadline[in " + remaining().toMillis() + " ms]";
    }
}
