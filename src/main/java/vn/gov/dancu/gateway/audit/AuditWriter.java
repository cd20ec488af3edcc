package vn.gov.dancu.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.metrics.GatewayMetrics;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * Group commit for the audit trail. Requests hand their entry to one writer thread and wait for
 * its commit; the thread takes whatever has queued up meanwhile (up to a batch) and writes it in
 * one transaction. Under load many requests share one commit, so throughput scales with batch
 * size while every caller still learns of its own commit before personal data leaves.
 *
 * <p>Who decides a waiting caller's fate is settled once, under a compare-and-set: either its
 * deadline passes while the entry still waits in the queue (the caller is told 503 and the writer
 * drops the entry), or the writer claims the entry first and then answers it itself, committing
 * only while the earliest deadline of its batch has not passed. So a caller is never answered
 * while its record could still be committed, and no record is committed after its caller was
 * answered.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Logger LOG = Logger.getLogger(AuditWriter.class);

    private static final int QUEUED = 0;
    private static final int CLAIMED = 1;
    private static final int ABANDONED = 2;

    /** An entry and its caller; {@code deadline} null when nobody waits (a refusal). */
    private record Pending(AuditEntry entry, CompletableFuture<Long> committed, Deadline deadline,
            AtomicInteger state) {
        boolean awaited() {
            return deadline != null;
        }

        /** The caller's time is up while the entry waits: tell it, unless the writer has it already. */
        void abandon(String why) {
            if (state.compareAndSet(QUEUED, ABANDONED)) {
                committed.completeExceptionally(new AuditUnavailableException(why));
            }
        }
    }

    /** Commit latency goes to {@link GatewayMetrics#AUDIT_COMMIT} (spec §5.9). */
    @Inject
    MeterRegistry registry;

    @Inject
    AuditAppender appender;

    @Inject
    GatewayConfig config;

    @Inject
    Deadlines deadlines;

    /** Accepted and not yet committed or failed: the backlog, queued or in the batch being written. */
    private final AtomicInteger pending = new AtomicInteger();
    private BlockingQueue<Pending> queue;
    private ScheduledExecutorService timers;
    private Thread thread;
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        queue = new ArrayBlockingQueue<>(config.audit().queueCapacity());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "audit-deadlines");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // most timers are cancelled by a commit: let them go
        timers = executor;
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
        if (timers != null) {
            timers.shutdownNow();
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
     * Queues an entry whose caller waits until {@code deadline} for the commit. The future always
     * completes by then, give or take the commit's own round trip: with the sequence number, or
     * with {@link AuditUnavailableException} — and then the entry is not committed, now or later,
     * so the trail never records a release that never happened.
     *
     * @param deadline when the caller must have its answer, or {@code null} when nobody waits
     */
    public CompletableFuture<Long> submit(AuditEntry entry, Deadline deadline) {
        CompletableFuture<Long> committed = new CompletableFuture<>();
        Pending p = new Pending(entry, committed, deadline, new AtomicInteger(QUEUED));
        pending.incrementAndGet();
        if (queue == null || !running || !queue.offer(p)) {
            pending.decrementAndGet();
            committed.completeExceptionally(new AuditUnavailableException("audit queue full or stopped"));
            return committed;
        }
        if (deadline != null) {
            ScheduledFuture<?> expiry = timers.schedule(
                    () -> p.abandon("caller's deadline passed while the record was queued"),
                    deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
            // Only a hung connection (a commit that never returns) gets here: the caller must not hang with it.
            ScheduledFuture<?> hung = timers.schedule(() -> {
                if (committed.completeExceptionally(new AuditUnavailableException("audit commit hung"))) {
                    LOG.error("Audit commit still running long past its deadline: its outcome is unknown");
                }
            }, deadline.remaining().plus(config.audit().writeTimeout()).toNanos(), TimeUnit.NANOSECONDS);
            committed.whenComplete((seq, failure) -> {
                expiry.cancel(false);
                hung.cancel(false);
            });
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
        try {
            List<Pending> live = claim(batch);
            if (live.isEmpty()) {
                return;
            }
            Deadline bound = bound(live);
            try {
                long started = System.nanoTime();
                List<Long> seqs = appender.append(live.stream().map(Pending::entry).toList(), bound);
                registry.timer(GatewayMetrics.AUDIT_COMMIT).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                registry.summary(GatewayMetrics.AUDIT_COMMIT_RECORDS).record(live.size());
                complete(live, seqs);
            } catch (SQLException e) {
                if (live.size() > 1 && dataError(e)) {
                    // One record the database refuses must not sink the others: each on its own.
                    LOG.warnf("Audit batch of %d refused (SQL state %s): committing its records one by one",
                            live.size(), e.getSQLState());
                    live.forEach(p -> writeAlone(p, bound));
                } else {
                    fail(live, e);
                }
            } catch (RuntimeException e) {
                fail(live, e);
            }
        } finally {
            pending.addAndGet(-batch.size());
        }
    }

    /**
     * Takes over the entries whose callers still wait long enough for a healthy commit. A caller
     * with less than a margin left waited in the queue for most of its time (the store is
     * struggling) and must not cut the time of the others in the batch short.
     */
    private List<Pending> claim(List<Pending> batch) {
        long margin = config.audit().writeTimeout().toNanos() / 8;
        List<Pending> live = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.awaited() && p.deadline().remaining().toNanos() < margin) {
                p.abandon("caller no longer waiting");
            }
            if (p.state().compareAndSet(QUEUED, CLAIMED)) {
                live.add(p);
            }
        }
        return live;
    }

    /**
     * The earliest deadline of the callers in the batch: past it that caller is answered 503, and
     * a later commit would record a release that never happened. Nobody waiting: bounded all the
     * same, so a stuck database cannot stall the writer for good.
     */
    private Deadline bound(List<Pending> live) {
        Deadline bound = deadlines.after(config.audit().writeTimeout());
        for (Pending p : live) {
            if (p.awaited()) {
                bound = bound.earliest(p.deadline());
            }
        }
        return bound;
    }

    private void writeAlone(Pending p, Deadline bound) {
        try {
            complete(List.of(p), appender.append(List.of(p.entry()), bound));
        } catch (SQLException | RuntimeException e) {
            fail(List.of(p), e);
        }
    }

    /**
     * A failure of the data, not of the database (SQL state classes 22 "data exception" and 23
     * "integrity constraint violation"): retrying the batch's records alone will commit the good ones.
     */
    private static boolean dataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private static void complete(List<Pending> live, List<Long> seqs) {
        for (int i = 0; i < live.size(); i++) {
            live.get(i).committed().complete(seqs.get(i));
        }
    }

    private static void fail(List<Pending> live, Exception e) {
        // The SQL state, not the driver's message: that may quote the values of the batch.
        String why = e instanceof SQLException sql ? "SQL state " + sql.getSQLState() : e.getClass().getSimpleName();
        LOG.errorf("Audit trail write of %d record(s) failed (%s)", live.size(), why);
        AuditUnavailableException failure = new AuditUnavailableException("audit store not writable");
        live.forEach(p -> p.committed().completeExceptionally(failure));
    }
}
