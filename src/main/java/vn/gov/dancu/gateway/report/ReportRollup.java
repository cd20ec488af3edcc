package vn.gov.dancu.gateway.report;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * Keeps the daily roll-up of the trail current ({@code usage_day}, V4): every ten minutes, each
 * whole day that ended at least {@link #SETTLE} ago is added once. The wait lets records stamped
 * just before midnight commit first (an audit commit takes at most the request's deadline).
 * Any instance may run it: the watermark's row lock makes each day rolled up exactly once.
 */
@ApplicationScoped
public class ReportRollup {

    /** How long after its end a day is left alone before it is rolled up. */
    static final Duration SETTLE = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(ReportRollup.class);

    @Inject
    UsageQueries queries;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    @Scheduled(every = "${dancu.report.rollup-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            int days = rollUp(clock.instant().minus(SETTLE));
            if (days > 0) {
                LOG.infof("Usage roll-up: %d day(s) added", days);
            }
        } catch (ReportUnreadableException e) {
            LOG.warnf("Usage roll-up failed (SQL state %s); retried at the next run", e.sqlState());
        }
    }

    /** Rolls up every whole day that ended at or before {@code until}; returns how many. */
    public int rollUp(Instant until) {
        int days = 0;
        while (queries.rollUpNextDay(config.zone(), until)) {
            days++;
        }
        return days;
    }
}
