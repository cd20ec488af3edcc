package vn.gov.dancu.gateway.ratelimit;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The windows in this JVM, when no Redis is configured: the same algorithm as {@link RedisStore},
 * but per instance, so with n instances a caller gets up to n times the budget. Bounded: windows
 * with nothing left in them are swept as time passes, and at most {@code maxKeys} are kept.
 *
 * <p>One lock guards every window. Deciding is a few array reads per limit, so the lock is held for
 * well under a microsecond, and it keeps "check every limit, then count in every one" atomic
 * without any lock ordering to get wrong.
 */
final class MemoryStore implements RateLimitStore {

    private final int maxKeys;
    private final Map<String, SlidingWindow> windows = new HashMap<>();
    /** When idle windows are swept next: every so often, not on every request. */
    private long nextSweep = Long.MIN_VALUE;
    /** When full, a sweep runs at most this often, so a full map does not make each request O(n). */
    private long nextForcedSweep = Long.MIN_VALUE;
    private long sweepIntervalMillis = 1_000;

    MemoryStore(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Uni<Decision> acquire(List<Limit> limits, long nowMillis) {
        return Uni.createFrom().item(() -> decide(limits, nowMillis));
    }

    synchronized Decision decide(List<Limit> limits, long now) {
        sweepIfDue(now);
        List<SlidingWindow> charged = new ArrayList<>(limits.size());
        LimitKind refusedBy = null;
        long longestWait = 0;
        for (Limit limit : limits) {
            SlidingWindow window = windowFor(limit, now);
            if (window == null) {
                continue; // over maxKeys: untracked rather than evicting someone's live budget
            }
            long wait = window.waitMillis(now);
            if (wait > longestWait) {
                refusedBy = limit.kind();
                longestWait = wait;
            }
            charged.add(window);
        }
        if (refusedBy != null) {
            return Decision.refused(refusedBy, longestWait);
        }
        charged.forEach(window -> window.admit(now));
        return Decision.admitted();
    }

    /** How many callers' windows are held: for the bound's test. */
    synchronized int size() {
        return windows.size();
    }

    private SlidingWindow windowFor(Limit limit, long now) {
        sweepIntervalMillis = Math.max(sweepIntervalMillis, limit.windowMillis());
        SlidingWindow window = windows.get(limit.key());
        if (window != null && window.fits(limit)) {
            return window;
        }
        if (window == null && windows.size() >= maxKeys) {
            if (now >= nextForcedSweep) {
                nextForcedSweep = now + 1_000;
                sweep(now);
            }
            if (windows.size() >= maxKeys) {
                return null;
            }
        }
        window = new SlidingWindow(limit.requests(), limit.windowMillis());
        windows.put(limit.key(), window);
        return window;
    }

    private void sweepIfDue(long now) {
        if (now >= nextSweep) {
            nextSweep = now + sweepIntervalMillis;
            sweep(now);
        }
    }

    private void sweep(long now) {
        for (Iterator<SlidingWindow> it = windows.values().iterator(); it.hasNext();) {
            if (it.next().isIdle(now)) {
                it.remove();
            }
        }
    }
}
