package vn.gov.dancu.gateway.health;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import vn.gov.dancu.gateway.upstream.npd.NpdClient;

/**
 * Readiness that tells the truth without cascading: it reports the NPD circuit's state as data
 * but stays UP while it is open. An NPD outage is not this instance's fault; taking every
 * instance out of the load balancer would turn prompt 503 answers into connection errors.
 * It never calls the NPD itself, so probes cost no quota.
 */
@Readiness
@ApplicationScoped
public class NpdReadiness implements HealthCheck {

    @Inject
    CircuitBreakerMaintenance breakers;

    @Override
    public HealthCheckResponse call() {
        CircuitBreakerState state = breakers.currentState(NpdClient.CIRCUIT_BREAKER);
        return HealthCheckResponse.named("npd")
                .up()
                .withData("circuit", state.name())
                .build();
    }
}
