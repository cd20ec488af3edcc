package vn.gov.dancu.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import vn.gov.dancu.gateway.upstream.npd.NpdBackoff;
import vn.gov.dancu.gateway.upstream.npd.NpdHealth;
import vn.gov.dancu.gateway.upstream.npd.NpdQuota;
import org.eclipse.microprofile.health.Readiness;

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
    NpdHealth health;

    @Inject
    NpdBackoff backoff;

    @Inject
    NpdQuota quota;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("npd")
                .up()
                .withData("circuit", health.circuitState())
                .withData("quotaWaiting", quota.waiting());
        // Rounded up, as in a Retry-After header: "1" with 1.4 s left would invite a call too early.
        backoff.remaining().ifPresent(d -> response.withData("retryAfterSeconds", (d.toMillis() + 999) / 1000));
        health.lastError().ifPresent(e -> response
                .withData("lastError", e.kind() + (e.status() > 0 ? " " + e.status() : ""))
                .withData("lastErrorAt", e.at().toString()));
        return response.build();
    }
}
