package vn.gov.dancu.sandbox.npd;

/**
 * The per-client quota of the simulated NPD: a token bucket that holds at most one second's
 * worth of requests and refills continuously, so a burst up to the quota passes and anything
 * faster is refused with the time until the next request would pass.
 */
final class TokenBucket {

    private final int perSecond;
    private double available;
    private long lastRefillMillis;

    TokenBucket(int perSecond, long nowMillis) {
        this.perSecond = perSecond;
        this.available = perSecond;
        this.lastRefillMillis = nowMillis;
    }

    /** Takes one request's token; answers 0 when it passes, else the milliseconds to wait. */
    synchronized long tryAcquire(long nowMillis) {
        long elapsed = Math.max(0, nowMillis - lastRefillMillis);
        available = Math.min(perSecond, available + elapsed * perSecond / 1000.0);
        lastRefillMillis = nowMillis;
        if (available >= 1) {
            available -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - available) * 1000.0 / perSecond);
    }
}
