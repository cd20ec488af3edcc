package vn.gov.dancu.gateway.upstream.npd;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last failure seen talking to the NPD, for readiness to report as data. Holds the kind of
 * failure and when, never a personal id or an upstream body.
 */
@ApplicationScoped
public class NpdHealth {

    /** A failure as operators need it: what kind, which status, when. */
    public record LastError(String kind, int status, Instant at) {
    }

    private final AtomicReference<LastError> last = new AtomicReference<>();

    void record(Throwable failure) {
        int status = failure instanceof NpdException npd ? npd.status() : 0;
        last.set(new LastError(failure.getClass().getSimpleName(), status, Instant.now()));
    }

    public Optional<LastError> lastError() {
        return Optional.ofNullable(last.get());
    }

    /** Forgets the last error (tests, and an operator's reset after an incident). */
    void clear() {
        last.set(null);
    }
}
