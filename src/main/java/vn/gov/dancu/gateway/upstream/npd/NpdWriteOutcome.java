package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/** How a write to the NPD ended. Writes never fail their Uni: every end is one of these. */
public sealed interface NpdWriteOutcome {

    /** The NPD took it: 201 issued / 202 accepted, or 200 the replay of an earlier identical request. */
    record Done(int status, JsonNode body) implements NpdWriteOutcome {
    }

    /** The NPD refused it for good (400, 404, 409, ...): sending it again cannot succeed. */
    record Refused(int status, String errorCode, String message) implements NpdWriteOutcome {
    }

    /**
     * No answer worth keeping: the NPD was down, slow, over quota, or the gateway held the call
     * back (open breaker, a running Retry-After, no quota slot in time). Worth another try later.
     *
     * @param sent       whether a request may have reached the NPD
     * @param status     the NPD's HTTP status, 0 when none came
     * @param retryAfter the NPD's Retry-After (or what is left of one), when known
     */
    record Failed(boolean sent, int status, Optional<Duration> retryAfter) implements NpdWriteOutcome {
    }
}
