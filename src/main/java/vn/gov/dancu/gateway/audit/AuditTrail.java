package vn.gov.dancu.gateway.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.time.Deadline;

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
     * Records an access and completes when it is committed. The wait ends at the request's own
     * {@code deadline} (and never lasts longer than {@code gateway.audit.write-timeout}); the
     * writer works to the same moment, so an entry whose caller was refused is never committed
     * after the refusal.
     *
     * @return fails with {@link AuditUnavailableException} when the store cannot be written in
     *         time; the caller must then release nothing
     */
    public Uni<Long> record(AuditEntry entry, Deadline deadline) {
        Context context = Vertx.currentContext();
        Deadline wait = deadline.atMost(config.audit().writeTimeout());
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
        }));
    }

    /**
     * As {@link #record(AuditEntry, Deadline)}, for blocking resources on a worker thread: returns
     * once the entry is committed.
     *
     * @throws AuditUnavailableException when the store cannot be written in time
     */
    public long recordAndWait(AuditEntry entry, Deadline deadline) {
        try {
            return writer.submit(entry, deadline.atMost(config.audit().writeTimeout())).get();
        } catch (ExecutionException | CompletionException e) {
            throw e.getCause() instanceof AuditUnavailableException unavailable ? unavailable
                    : new AuditUnavailableException("audit store not writable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while waiting for the audit commit");
        }
    }

    /**
     * Records a refused access (or one that released no personal data) without making anyone
     * wait: nothing was released, and the answer must not be delayed by the audit store. A
     * failure is logged, not hidden.
     */
    public void recordRefusal(AuditEntry entry) {
        writer.submit(entry).whenComplete((seq, failure) -> {
            if (failure != null) {
                LOG.warnf("Refused request %s could not be audited: %s", entry.requestId(), failure.getMessage());
            }
        });
    }
}
