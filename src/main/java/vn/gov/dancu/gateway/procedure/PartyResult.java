package vn.gov.dancu.gateway.procedure;

import java.time.Duration;
import java.util.Optional;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;

/**
 * What the NPD said about one party of a prefill.
 *
 * @param citizen    present when {@link Outcome#FOUND}
 * @param replacedBy the valid number for a cancelled one, when known
 * @param retryAfter how long the NPD asked us to wait, for {@link Outcome#UNAVAILABLE}
 * @param retrievedAt when the NPD produced the record (FOUND only)
 * @param cached     true when the record came from the per-case cache
 */
public record PartyResult(PartyRole role, String personalId, Outcome outcome, NpdCitizen citizen, String replacedBy,
        Duration retryAfter, java.time.Instant retrievedAt, boolean cached) {

    public PartyResult(PartyRole role, String personalId, Outcome outcome, NpdCitizen citizen, String replacedBy,
            Duration retryAfter) {
        this(role, personalId, outcome, citizen, replacedBy, retryAfter, null, false);
    }

    /** The four ways a lookup can end. */
    public enum Outcome {
        FOUND, NOT_FOUND, CANCELLED, UNAVAILABLE
    }

    public Optional<NpdCitizen> found() {
        return Optional.ofNullable(citizen);
    }
}
