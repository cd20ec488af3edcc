package vn.gov.dancu.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import vn.gov.dancu.gateway.upstream.vneid.VneidHealth;

/**
 * VNeID's state as readiness data (spec §5.9), UP whatever it is: as for the NPD, a VNeID outage
 * answers 503 VNEID_UNAVAILABLE promptly, and prefills without an identity proof still work. It
 * never calls VNeID itself.
 */
@Readiness
@ApplicationScoped
public class VneidReadiness implements HealthCheck {

    @Inject
    VneidHealth health;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("vneid")
                .up()
                .withData("circuit", health.circuitState())
                .withData("jwksKeys", health.jwksKeys());
        health.jwksFetchedAt().ifPresent(at -> response.withData("jwksFetchedAt", at.toString()));
        health.lastError().ifPresent(e -> response
                .withData("lastError", e.kind() + (e.status() > 0 ? " " + e.status() : ""))
                .withData("lastErrorAt", e.at().toString()));
        return response.build();
    }
}
