package vn.gov.dancu.gateway.report;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps each prefill's duration for the report's {@code p95Ms} (table {@code prefill_latency}).
 * Off the request's path: samples are queued and written in batches every second, and a sample
 * that cannot be written is dropped with a warning — a latency figure is a statistic, not a
 * record anyone is owed, and must never slow down or fail a prefill.
 */
@ApplicationScoped
public class PrefillLatencies {

    /** Samples held while the database is unreachable; beyond it new ones are dropped. */
    static final int MAX_QUEUED = 100_000;
    static final int BATCH = 1_000;

    private static final Logger LOG = Logger.getLogger(PrefillLatencies.class);

    private final ConcurrentLinkedQueue<Sample> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    @Inject
    AgroalDataSource dataSource;

    record Sample(Instant at, String procedure, int status, int durationMs) {
    }

    /** Queues one prefill's duration; {@code procedure} is a catalogue code. Never blocks. */
    public void record(Instant at, String procedure, int status, Duration duration) {
        if (queued.incrementAndGet() > MAX_QUEUED) {
            queued.decrementAndGet();
            return;
        }
        queue.add(new Sample(at, procedure, status, (int) Math.min(Integer.MAX_VALUE, duration.toMillis())));
    }

    /** Writes every queued sample; synchronised so that a caller returns only once earlier samples are in. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public synchronized void flush() {
        while (!queue.isEmpty()) {
            List<Sample> batch = new ArrayList<>(BATCH);
            Sample s;
            while (batch.size() < BATCH && (s = queue.poll()) != null) {
                batch.add(s);
            }
            queued.addAndGet(-batch.size());
            try {
                write(batch);
            } catch (SQLException e) {
                LOG.warnf("%d prefill latency samples dropped (SQL state %s)", batch.size(), e.getSQLState());
                return;
            }
        }
    }

    private void write(List<Sample> batch) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO prefill_latency (at, procedure, status, duration_ms) VALUES (?, ?, ?, ?)")) {
            for (Sample s : batch) {
                insert.setTimestamp(1, Timestamp.from(s.at()));
                insert.setString(2, s.procedure());
                insert.setInt(3, s.status());
                insert.setInt(4, s.durationMs());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
