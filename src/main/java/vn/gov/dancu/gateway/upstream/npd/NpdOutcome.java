package vn.gov.dancu.gateway.upstream.npd;

import java.time.Duration;
import java.util.Optional;

/**
 * How one lookup ended, as the rest of the gateway needs to know it: an answer, or why there was
 * none — and in both cases whether a request for it left the gateway for the NPD, which is what
 * the audit trail records as an upstream call. The fault-tolerance and timeout exceptions behind
 * a failure stay inside this package.
 */
public sealed interface NpdOutcome {

    /** Whether a request for this lookup reached (or may have reached) the NPD. */
    boolean sent();

    /** The NPD answered (found, not found, cancelled), now or earlier from the per-case cache. */
    record Answered(NpdLookup answer) implements NpdOutcome {
        @Override
        public boolean sent() {
            return !(answer instanceof NpdLookup.Found found && found.cached());
        }
    }

    /**
     * No answer.
     *
     * @param status     the NPD's HTTP status behind the failure (429, 5xx), 0 when it never answered
     * @param retryAfter the NPD's Retry-After, when it sent one
     * @param sent       false when the gateway held the call back itself: still queued for quota
     *                   when the deadline came, the breaker open, the bulkhead full, the NPD's
     *                   Retry-After still running
     */
    record Failed(Reason reason, int status, Optional<Duration> retryAfter, boolean sent) implements NpdOutcome {
    }

    /** Why a lookup has no answer. */
    enum Reason {
        /** 5xx, network failure, unreadable answer, or our credentials refused. */
        UNAVAILABLE,
        /** 429, or the NPD's Retry-After still running. */
        RATE_LIMITED,
        /** The circuit breaker is open: the NPD failed too often just now. */
        CIRCUIT_OPEN,
        /** Too many calls in flight already. */
        BULKHEAD_FULL,
        /** An attempt took longer than its timeout. */
        TIMED_OUT,
        /** The caller's deadline came first (waiting for quota, or for the NPD). */
        DEADLINE,
        /** The NPD refused our request as malformed (400): a bug on our side. */
        REJECTED
    }
}
