package vn.gov.dancu.gateway.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@code System.nanoTime()} stand-in that moves only when the test says so: time-based limiters
 * then do exactly what the test allows, however slow or busy the machine running it.
 */
public final class ManualNanoTime implements LongSupplier {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long getAsLong() {
        return now.get();
    }

    public void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
