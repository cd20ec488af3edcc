package vn.gov.dancu.gateway.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * Group commit for the audit trail. Requests hand their entry to one writer thread and wait for
 * its commit; the thread takes whatever has queued up meanwhile (up to a batch) and writes it in
 * one transaction. Under load many requests share one commit, so throughput scales with batch
 * size while every caller still learns of its own commit before personal data leaves.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);

    /** An entry and its caller; {@code deadline} (nanoTime) when a caller waits, else {@code Long.MAX_VALUE}. */
    private record Pending(AuditEntry entry, CompletableFuture<Long> committed, long deadline) {
        boolean awaited() {
            return deadline != Long.MAX_VALUE;
        }
    }

    @Inject
    AuditStore store;

    @Inject
    GatewayConfig config;

    /** Accepted and not yet committed or failed: the backlog, queued or in the batch being written. */
    private final AtomicInteger pending = new AtomicInteger();
    private BlockingQueue<Pending> queue;
    private Thread thread;
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        queue = new ArrayBlockingQueue<>(config.audit().queueCapacity());
        running = true;
        thread = new Thread(this::run, "audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Queues an entry nobody waits for (a refusal); the future completes with its sequence number
     * once committed, or fails if the store could not be written (or the queue is full:
     * back-pressure instead of memory).
     */
    public CompletableFuture<Long> submit(AuditEntry entry) {
        return submit(entry, null);
    }

    /**
     * Queues an entry whose caller waits at most {@code wait} for the commit. Once that has passed
     * the caller has been refused, so the entry is dropped rather than committed late: the trail
     * must not record a release that never happened.
     */
    public CompletableFuture<Long> submit(AuditEntry entry, Duration wait) {
        CompletableFuture<Long> committed = new CompletableFuture<>();
        long deadline = wait == null ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        pending.incrementAndGet();
        if (queue == null || !running || !queue.offer(new Pending(entry, committed, deadline))) {
            pending.decrementAndGet();
            committed.completeExceptionally(new AuditUnavailableException("audit queue full or stopped"));
        }
        return committed;
    }

    /**
     * How many accepted entries are not yet committed or failed (queued or being written): the
     * writer's backlog, for monitoring, and for tests that wait for fire-and-forget refusals.
     */
    public int pending() {
        return pending.get();
    }

    private void run() {
        int batchSize = config.audit().batchSize();
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    write(batch); // flush what was accepted before shutdown
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<Pending> live = new ArrayList<>(batch.size());
        try {
            long now = System.nanoTime();
            // A caller with less than this left would give up before a healthy commit anyway
            // (it waited in the queue for most of its time: the store is struggling), and must
            // not cut the time of the others in the batch short.
            long margin = config.audit().writeTimeout().toNanos() / 8;
            long earliest = Long.MAX_VALUE;
            for (Pending p : batch) {
                if (p.awaited() && p.deadline() - now < margin) {
                    p.committed().completeExceptionally(new AuditUnavailableException("caller no longer waiting"));
                } else {
                    live.add(p);
                    earliest = Math.min(earliest, p.deadline());
                }
            }
            if (live.isEmpty()) {
                return;
            }
            // Bounded by the earliest caller's remaining wait: past it that caller was answered
            // 503, and a late commit would record a release that never happened. Nobody waiting:
            // bounded all the same, so a stuck database cannot stall the writer for good.
            Duration bound = earliest == Long.MAX_VALUE ? config.audit().writeTimeout()
                    : Duration.ofNanos(earliest - now);
            List<Long> seqs = store.append(live.stream().map(Pending::entry).toList(), bound);
            io.micrometer.core.instrument.Metrics.timer("gateway.audit.commit.duration").record(System.nanoTime() - now, TimeUnit.NANOSECONDS); // commit latency (spec §5.9), registered with its histogram by metrics/GatewayMetrics
            for (int i = 0; i < live.size(); i++) {
                live.get(i).committed().complete(seqs.get(i));
            }
        } catch (Exception e) {
            // The SQL state, not the driver's message: that may quote the values of the batch.
            String why = e instanceof java.sql.SQLException sql ? "SQL state " + sql.getSQLState()
                    : e.getClass().getSimpleName();
            LOG.errorf("Audit trail write of %d record(s) failed (%s)", live.size(), why);
            AuditUnavailableException failure = new AuditUnavailableException("audit store not writable");
            live.forEach(p -> p.committed().completeExceptionally(failure));
        } finally {
            pending.addAndGet(-batch.size());
        }
    }
}
