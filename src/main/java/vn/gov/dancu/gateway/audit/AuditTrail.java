package vn.gov.dancu.gateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * What the rest of the gateway sees of the audit trail. {@link #record} is the gate personal
 * data passes through: it completes only once the entry is committed, so a response that
 * carries personal data can be built only after its record is durable.
 */
@ApplicationScoped
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    @Inject
    AuditWriter writer;

    @Inject
    GatewayConfig config;

    /**
     * Records an access and completes when it is committed.
     *
     * @return fails with {@link AuditUnavailableException} when the store cannot be written in
     *         time; the caller must then release nothing
     */
    public Uni<Long> record(AuditEntry entry) {
        return record(entry, config.audit().writeTimeout());
    }

    /** As {@link #record(AuditEntry)}, waiting at most {@code timeout} (the request's remaining budget). */
    public Uni<Long> record(AuditEntry entry, java.time.Duration timeout) {
        Context context = Vertx.currentContext();
        Duration wait = config.audit().writeTimeout();
        return Uni.createFrom().<Long>emitter(emitter -> writer.submit(entry, wait).whenComplete((seq, failure) -> {
            // Resume on the request's own context, not on the writer thread.
            Runnable resume = () -> {
                if (failure != null) {
                    emitter.fail(failure);
                } else {
                    emitter.complete(seq);
                }
            };
            if (context != null) {
                context.runOnContext(v -> resume.run());
            } else {
                resume.run();
            }
        })).ifNoItem().after(timeout)
                .failWith(() -> new AuditUnavailableException("audit write timed out"));
    }

    /**
     * Records a refused access without making anyone wait: nothing was released, and the refusal
     * must not be delayed by the audit store. A failure is logged, not hidden.
     */
    public void recordRefusal(AuditEntry entry) {
        writer.submit(entry).whenComplete((seq, failure) -> {
            if (failure != null) {
                LOG.warnf("Refused request %s could not be audited: %s", entry.requestId(), failure.getMessage());
            }
        });
    }
}
