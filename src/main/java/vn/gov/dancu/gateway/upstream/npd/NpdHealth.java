package vn.gov.dancu.gateway.upstream.npd;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The NPD's health as this instance sees it, for readiness to report as data: the circuit
 * breaker's state and the last failure (its kind and when, never a personal id or an upstream
 * body). The fault-tolerance types stay here, at the upstream edge.
 */
@ApplicationScoped
public class NpdHealth {

    /** A failure as operators need it: what kind, which status, when. */
    public record LastError(String kind, int status, Instant at) {
    }

    private final AtomicReference<LastError> last = new AtomicReference<>();

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    Clock clock;

    /** The state of the {@value NpdClient#CIRCUIT_BREAKER} breaker: CLOSED, OPEN or HALF_OPEN. */
    public String circuitState() {
        return breakers.currentState(NpdClient.CIRCUIT_BREAKER).name();
    }

    void record(Throwable failure) {
        int status = failure instanceof NpdException npd ? npd.status() : 0;
        last.set(new LastError(failure.getClass().getSimpleName(), status, clock.instant()));
    }

    public Optional<LastError> lastError() {
        return Optional.ofNullable(last.get());
    }

    /** Forgets the last error (tests, and an operator's reset after an incident). */
    void clear() {
        last.set(null);
    }
}
