package vn.gov.dancu.gateway.upstream.vneid;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * VNeID's health as this instance sees it, for readiness: the breaker's state, the last failure
 * (kind, status, when) and when the signing keys were last fetched. Never a code or a token.
 */
@ApplicationScoped
public class VneidHealth {

    public record LastError(String kind, int status, Instant at) {
    }

    private final AtomicReference<LastError> last = new AtomicReference<>();

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    Clock clock;

    @Inject
    VneidIdTokens idTokens;

    public String circuitState() {
        return breakers.currentState(VneidClient.CIRCUIT_BREAKER).name();
    }

    void record(Throwable failure) {
        int status = failure instanceof VneidException v ? v.status() : 0;
        last.set(new LastError(failure.getClass().getSimpleName(), status, clock.instant()));
    }

    public Optional<LastError> lastError() {
        return Optional.ofNullable(last.get());
    }

    /** When the JWKS was last fetched, and how many keys it held. */
    public Optional<Instant> jwksFetchedAt() {
        return idTokens.validator().fetchedAt();
    }

    public int jwksKeys() {
        return idTokens.validator().keyCount();
    }

    void clear() {
        last.set(null);
    }
}
