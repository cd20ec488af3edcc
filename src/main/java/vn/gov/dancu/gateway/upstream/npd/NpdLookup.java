package vn.gov.dancu.gateway.upstream.npd;

import java.util.Optional;

/**
 * The answer to a lookup. "Not found" and "cancelled" are answers, not failures: they never
 * count against the circuit breaker. Failures travel as {@link NpdException}s.
 */
public sealed interface NpdLookup {

    /**
     * @param retrievedAt when the NPD produced this answer
     * @param cached      true when it came from the per-case cache rather than a call just now
     */
    record Found(NpdCitizen citizen, java.time.Instant retrievedAt, boolean cached) implements NpdLookup {

        Found retrievedAt(java.time.Instant at) {
            return new Found(citizen, at, cached);
        }

        Found asCached() {
            return new Found(citizen, retrievedAt, true);
        }
    }

    record NotFound() implements NpdLookup {
    }

    /** The number was cancelled; {@code replacedBy} is the valid one when the NPD knows it. */
    record Cancelled(Optional<String> replacedBy) implements NpdLookup {
    }
}
