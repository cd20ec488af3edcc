package vn.gov.dancu.gateway.ratelimit;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Keeps the windows. Both stores implement the same sliding-window log, all or nothing: a request
 * is admitted only when every one of its limits has a free slot, and only then is it counted in
 * each; a refused request is counted nowhere, so a caller who keeps retrying is not locked out
 * for longer than the window says.
 */
interface RateLimitStore {

    /** Admits or refuses one request at {@code nowMillis}; the Uni fails only when the store does. */
    Uni<Decision> acquire(List<Limit> limits, long nowMillis);

    /** The store gave no answer within its timeout (the store's own type: callers need no Mutiny internals). */
    final class NoAnswer extends RuntimeException {
        NoAnswer(java.time.Duration timeout) {
            super("no answer within " + timeout, null, false, false);
        }
    }

    /** For logs and the {@code store} metric tag. */
    String name();
}
