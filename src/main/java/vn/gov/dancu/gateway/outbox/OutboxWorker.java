package vn.gov.dancu.gateway.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.store.StoreUnavailableException;
import vn.gov.dancu.gateway.upstream.npd.NpdWriteHeaders;
import vn.gov.dancu.gateway.upstream.npd.NpdWriteOutcome;
import vn.gov.dancu.gateway.upstream.npd.NpdWriter;

/**
 * Delivers the outbox to the NPD (spec §5.5): claim due events in a short transaction, send each
 * with its own idempotency key outside any transaction, settle each in another short one.
 *
 * <p>Why no event is in flight twice: a claim pushes the row's {@code next_attempt_at} one lease
 * ahead (other instances skip it until then), this instance sends nothing once less than
 * {@link #SEND_MARGIN} of the lease is left (quota waits are cut there), and a send is cut at
 * 2 s by the write guard, well inside the margin. A settle presents the claim's token, so a worker
 * that overran its lease changes nothing. Should an answer still arrive late at the NPD, the
 * event's idempotency key makes the NPD answer the second delivery as a replay: applied once.
 *
 * <p>Retries: 5xx, 429, timeouts and network failures come back after an exponential backoff with
 * full jitter ({@code initial-backoff} × 2^(attempts−1), capped at {@code max-backoff}, a random
 * half to all of it), never before the NPD's Retry-After. A permanent refusal (400, 404, 409, ...)
 * is parked as REJECTED with the NPD's code and message. Held-back sends (breaker open, quota
 * full, Retry-After running) are not attempts and come back shortly.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What must be left of a lease for a send to start: the write's 2 s timeout plus a margin. */
    static final Duration SEND_MARGIN = Duration.ofSeconds(3);
    /** The longest one tick keeps draining before it lets the scheduler (and shutdown) in. */
    static final Duration TICK_BUDGET = Duration.ofSeconds(20);

    public static final String PENDING = "gateway.outbox.pending";
    public static final String OLDEST_AGE = "gateway.outbox.oldest.pending.age";
    public static final String DELIVERED = "gateway.outbox.delivered";
    public static final String REJECTED = "gateway.outbox.rejected";

    @Inject
    CivilStatusOutbox outbox;

    @Inject
    NpdWriter npd;

    @Inject
    OutboxConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private volatile boolean stopping;
    private final AtomicReference<CivilStatusOutbox.Backlog> backlog =
            new AtomicReference<>(new CivilStatusOutbox.Backlog(0, java.util.Optional.empty()));
    private Counter delivered;
    private Counter rejected;

    void register(@Observes StartupEvent event) {
        delivered = Counter.builder(DELIVERED).description("Civil-status events the NPD accepted").register(registry);
        rejected = Counter.builder(REJECTED).description("Civil-status events the NPD refused for good (parked)")
                .register(registry);
        Gauge.builder(PENDING, this, w -> w.backlog().pending())
                .description("Civil-status events accepted and not yet delivered or rejected").register(registry);
        Gauge.builder(OLDEST_AGE, this, w -> w.oldestPendingAge().toMillis() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest pending civil-status event").register(registry);
    }

    /** Stops claiming; events in flight finish (each is bounded by the write timeout). */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** The backlog as last counted (every tick): metrics and readiness read it without a query. */
    public CivilStatusOutbox.Backlog backlog() {
        return backlog.get();
    }

    public Duration oldestPendingAge() {
        return backlog.get().oldestAcceptedAt()
                .map(at -> Duration.between(at, clock.instant()))
                .filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    @Scheduled(every = "${gateway.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "outbox-worker")
    void tick() {
        if (!config.enabled() || stopping) {
            return;
        }
        try {
            drain();
            backlog.set(outbox.backlog());
        } catch (StoreUnavailableException e) {
            LOG.warnf("Outbox not usable (SQL state %s); trying again at the next tick", e.sqlState());
        }
    }

    /**
     * Delivers due events until none is due, the tick's budget is spent or the gateway stops.
     *
     * @return how many events were settled (delivered, rejected or rescheduled)
     */
    public int drain() {
        long started = System.nanoTime();
        int settled = 0;
        while (!stopping && System.nanoTime() - started < TICK_BUDGET.toNanos()) {
            long claimedAt = System.nanoTime(); // before the claim: the local lease is never longer than the row's
            List<CivilStatusOutbox.Claimed> batch = outbox.claim(config.batchSize(), config.lease(), clock.instant());
            if (batch.isEmpty()) {
                break;
            }
            Duration queueWait = config.lease().minus(SEND_MARGIN)
                    .minusNanos(System.nanoTime() - claimedAt);
            List<Uni<Void>> deliveries = new ArrayList<>();
            for (CivilStatusOutbox.Claimed event : batch) {
                deliveries.add(deliver(event, queueWait.isNegative() ? Duration.ZERO : queueWait));
            }
            // Each delivery ends by itself (quota wait cut, send cut at 2 s) and never fails.
            Uni.join().all(deliveries).andCollectFailures().await().indefinitely();
            settled += batch.size();
            if (batch.size() < config.batchSize()) {
                break;
            }
        }
        return settled;
    }

    private Uni<Void> deliver(CivilStatusOutbox.Claimed event, Duration queueWait) {
        JsonNode body;
        try {
            body = JSON.readTree(event.payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Written by this gateway from a validated request: unreadable means the row was tampered with.
            outbox.rejected(event, "UNREADABLE_PAYLOAD", null);
            return Uni.createFrom().voidItem();
        }
        NpdWriteHeaders headers = new NpdWriteHeaders(event.caseId(), event.officer(), event.agency(),
                "outbox-" + event.id());
        if (queueWait.isZero()) {
            outbox.retry(event, Duration.ZERO, false);
            return Uni.createFrom().voidItem();
        }
        return npd.reportEvent(headers, event.id().toString(), body, queueWait)
                .onItem().transform(outcome -> {
                    settle(event, outcome);
                    return (Void) null;
                })
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Outbox event %s not settled: %s", event.id(), e.getClass().getSimpleName());
                    return null;
                });
    }

    private void settle(CivilStatusOutbox.Claimed event, NpdWriteOutcome outcome) {
        if (outcome instanceof NpdWriteOutcome.Done done) {
            String npdId = done.body() == null ? null : done.body().path("eventId").asText(null);
            if (outbox.delivered(event, clock.instant(), npdId != null && npdId.length() <= 128 ? npdId : null)) {
                delivered.increment();
            }
        } else if (outcome instanceof NpdWriteOutcome.Refused refused) {
            if (outbox.rejected(event, refused.errorCode(), refused.message())) {
                rejected.increment();
                LOG.infof("Outbox event %s rejected by the NPD: %d %s", event.id(), refused.status(),
                        refused.errorCode());
            }
        } else {
            NpdWriteOutcome.Failed failed = (NpdWriteOutcome.Failed) outcome;
            Duration delay = failed.sent() ? backoff(event.attempts()) : jitter(Duration.ofMillis(500));
            if (failed.retryAfter().isPresent() && failed.retryAfter().get().compareTo(delay) > 0) {
                delay = failed.retryAfter().get().plus(jitter(Duration.ofMillis(500)));
            }
            outbox.retry(event, delay, failed.sent());
        }
    }

    /** Exponential with full jitter: a random half to all of initial × 2^(attempts−1), capped. */
    Duration backoff(int attempts) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        long exp = initial << Math.min(20, Math.max(0, attempts - 1));
        long capped = Math.min(max, exp);
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static Duration jitter(Duration upTo) {
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(upTo.toMillis() + 1));
    }

    /** Now, for the readiness data. */
    Instant now() {
        return clock.instant();
    }
}
