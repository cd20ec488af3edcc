package vn.gov.dancu.gateway.time;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Where deadlines are made: the gateway's one monotonic time source. Wall-clock time
 * ({@link java.time.Clock}) may jump (NTP, a VM resumed), which must never stretch or cut a
 * request's budget, so deadlines run on {@link System#nanoTime()}.
 */
@ApplicationScoped
public class Deadlines {

    private final LongSupplier nanoTime;

    public Deadlines() {
        this(System::nanoTime);
    }

    /** Deadlines on another time source (unit tests with a hand-moved one). */
    public Deadlines(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The deadline {@code budget} from now. */
    public Deadline after(Duration budget) {
        return Deadline.after(budget, nanoTime);
    }
}
