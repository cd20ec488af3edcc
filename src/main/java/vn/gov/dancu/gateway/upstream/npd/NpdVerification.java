package vn.gov.dancu.gateway.upstream.npd;

import java.util.Map;
import java.util.Optional;

/**
 * The NPD's answer to a verify-only request (contract: {@code POST /api/v1/citizens/{id}:verify}):
 * verdicts, or the two answers about the number itself. Never a value of the record.
 */
public sealed interface NpdVerification {

    /** One of MATCH, MISMATCH, NO_DATA per claim sent, and only for the claims sent. */
    record Verdicts(Map<String, String> results) implements NpdVerification {
        public Verdicts {
            results = Map.copyOf(results);
        }
    }

    record NotFound() implements NpdVerification {
    }

    record Cancelled(Optional<String> replacedBy) implements NpdVerification {
    }
}
