package vn.gov.dancu.gateway.ratelimit;

import java.time.Duration;

/**
 * What a store answers for one request: admitted (and counted in every window), or refused by
 * {@code refusedBy} with the wait until that window has a free slot again.
 */
record Decision(LimitKind refusedBy, long waitMillis) {

    private static final Decision ADMITTED = new Decision(null, 0);

    static Decision admitted() {
        return ADMITTED;
    }

    static Decision refused(LimitKind kind, long waitMillis) {
        return new Decision(kind, waitMillis);
    }

    boolean isAdmitted() {
        return refusedBy == null;
    }

    /** Retry-After in whole seconds, rounded up so a retry at that time finds a free slot; at least 1 s. */
    Duration retryAfter() {
        return Duration.ofSeconds(Math.max(1, (waitMillis + 999) / 1000));
    }
}
