package vn.gov.dancu.gateway.upstream.npd;

import java.util.Optional;

/**
 * The answer to a lookup. "Not found" and "cancelled" are answers, not failures: they never
 * count against the circuit breaker. Failures travel as {@link NpdException}s.
 */
public sealed interface NpdLookup {

    record Found(NpdCitizen citizen) implements NpdLookup {
    }

    record NotFound() implements NpdLookup {
    }

    /** The number was cancelled; {@code replacedBy} is the valid one when the NPD knows it. */
    record Cancelled(Optional<String> replacedBy) implements NpdLookup {
    }
}
