package vn.gov.dancu.gateway.audit;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * Periodic care of the chain: signed checkpoints of its head (when a key is configured) and
 * retention. Both are safe to run on every instance at once: checkpoints are keyed by sequence
 * number, and pruning moves the anchor in the same transaction as the delete.
 */
@ApplicationScoped
public class AuditMaintenance {

    private static final Logger LOG = Logger.getLogger(AuditMaintenance.class);

    @Inject
    AuditChainReader chain;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AuditRetention retention;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${gateway.audit.checkpoint-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkpoint() {
        config.audit().checkpointKey().ifPresent(key -> {
            try {
                ChainPoint head = chain.head();
                if (head.seq() > 0) {
                    checkpoints.save(head, AuditChain.sign(key.getBytes(StandardCharsets.UTF_8), head.seq(),
                            head.hash()));
                }
            } catch (SQLException e) {
                LOG.warnf("Audit checkpoint skipped: %s", e.getMessage());
            }
        });
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyRetention() {
        try {
            prune();
        } catch (SQLException e) {
            LOG.warnf("Audit retention skipped: %s", e.getMessage());
        }
    }

    /** Removes (or archives) every record older than the retention period; returns how many. */
    public int prune() throws SQLException {
        OptionalLong last = retention.lastSeqBefore(clock.instant().minus(config.audit().retention()));
        if (last.isEmpty()) {
            return 0;
        }
        int removed = retention.prune(last.getAsLong(), config.audit().archive());
        if (removed > 0) {
            LOG.infof("Audit retention removed %d record(s) up to seq %d (archived: %s)", removed, last.getAsLong(),
                    config.audit().archive());
        }
        return removed;
    }
}
