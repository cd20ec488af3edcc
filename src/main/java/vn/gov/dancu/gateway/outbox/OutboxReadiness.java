package vn.gov.dancu.gateway.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox's backlog as readiness data (spec §5.9), always UP: a backlog means the NPD is behind,
 * not that this instance cannot take events — it must keep accepting them (202) all the same.
 * Reads the figures the worker counted at its last tick: a probe costs no query.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    @Inject
    OutboxWorker worker;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("outbox").up()
                .withData("pending", worker.backlog().pending())
                .withData("oldestPendingAgeSeconds", worker.oldestPendingAge().toSeconds())
                .build();
    }
}
