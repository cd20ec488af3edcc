package vn.gov.dancu.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import vn.gov.dancu.gateway.security.IdentityProviderStatus;

/**
 * Readiness shows the officers' identity provider as this instance last saw it, and stays UP, for
 * the reason {@link NpdReadiness} does: a province's Keycloak being down is not this instance's
 * fault and is the same for every instance, and taking them all out of the load balancer would
 * turn prompt {@code 503 IDENTITY_PROVIDER_UNAVAILABLE} answers (with Retry-After) into connection
 * errors. It never calls the provider (Quarkus's own OIDC health check would, on every probe).
 */
@Readiness
@ApplicationScoped
public class IdentityProviderReadiness implements HealthCheck {

    @Inject
    IdentityProviderStatus status;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("identity-provider").up();
        status.outage().ifPresentOrElse(
                outage -> response.withData("state", "UNREACHABLE")
                        .withData("since", outage.since().toString())
                        .withData("lastError", outage.lastError())
                        .withData("retryAfterSeconds", IdentityProviderStatus.RETRY_AFTER.toSeconds()),
                () -> response.withData("state", "REACHABLE"));
        return response.build();
    }
}
