package vn.gov.dancu.gateway.upstream.npd;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * The province's quota at the NPD, spent on purpose instead of collected as 429s. A token bucket
 * refills at the configured requests per second; when it is empty, callers queue. Queues are kept
 * per priority and, inside a priority, per agency: the next free slot goes to an interactive
 * prefill before any bulk work, and agencies take turns, so one busy commune cannot starve the
 * others. A caller that gives up (its deadline passed) leaves the queue without spending a slot.
 */
@ApplicationScoped
public class NpdQuota {

    @Inject
    GatewayConfig config;

    private final Map<NpdPriority, LinkedHashMap<String, ArrayDeque<Waiter>>> queues = new EnumMap<>(NpdPriority.class);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "npd-quota");
        t.setDaemon(true);
        return t;
    });
    /** The bucket's time source: {@link System#nanoTime()}, or a test's hand-moved one. */
    private final LongSupplier nanoTime;
    private double tokens = -1;
    private long lastRefillNanos;
    private boolean tickScheduled;

    /** For CDI, which sets {@link #config}. */
    NpdQuota() {
        this(null, System::nanoTime);
    }

    /**
     * A quota outside CDI, with explicit settings and time source (unit tests, tools). Waiters are
     * still woken by a real timer, which re-reads {@code nanoTime} to decide whom to let go.
     */
    public NpdQuota(GatewayConfig config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
        this.lastRefillNanos = nanoTime.getAsLong();
    }

    private static final class Waiter {
        final UniEmitter<? super Void> emitter;
        final Context context;
        boolean done;

        Waiter(UniEmitter<? super Void> emitter, Context context) {
            this.emitter = emitter;
            this.context = context;
        }
    }

    /**
     * Completes when this call may go to the NPD. Immediate while the bucket has tokens and nobody
     * waits; otherwise in priority and agency order as the bucket refills. Cancel the returned
     * Uni (e.g. with a timeout) to give up the place in the queue.
     */
    public Uni<Void> acquire(String agency, NpdPriority priority) {
        if (!enabled()) {
            return Uni.createFrom().voidItem();
        }
        synchronized (this) {
            refill();
            if (tokens >= 1 && nobodyWaits()) {
                tokens -= 1;
                return Uni.createFrom().voidItem();
            }
        }
        Context context = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(emitter, context);
            synchronized (this) {
                queues.computeIfAbsent(priority, p -> new LinkedHashMap<>())
                        .computeIfAbsent(agency == null ? "" : agency, a -> new ArrayDeque<>())
                        .add(waiter);
                scheduleTick();
            }
            emitter.onTermination(() -> {
                synchronized (this) {
                    waiter.done = true; // a cancelled waiter is skipped when its turn comes
                }
            });
        });
    }

    /** How many callers wait for a slot now (metrics, tests). */
    public synchronized int waiting() {
        int n = 0;
        for (var byAgency : queues.values()) {
            for (var q : byAgency.values()) {
                n += (int) q.stream().filter(w -> !w.done).count();
            }
        }
        return n;
    }

    /** Refills the bucket to full and forgets the queue (tests). */
    public synchronized void reset() {
        queues.clear();
        tokens = burst();
        lastRefillNanos = nanoTime.getAsLong();
    }

    private void tick() {
        List<Waiter> granted = new ArrayList<>();
        synchronized (this) {
            tickScheduled = false;
            refill();
            while (tokens >= 1) {
                Waiter next = nextWaiter();
                if (next == null) {
                    break;
                }
                tokens -= 1;
                next.done = true;
                granted.add(next);
            }
            if (!nobodyWaits()) {
                scheduleTick();
            }
        }
        // Resume each caller on its own request context, outside the lock.
        for (Waiter w : granted) {
            if (w.context != null) {
                w.context.runOnContext(v -> w.emitter.complete(null));
            } else {
                w.emitter.complete(null);
            }
        }
    }

    /** The highest-priority waiter of the agency whose turn it is; rotates that agency to the back. */
    private Waiter nextWaiter() {
        for (NpdPriority priority : NpdPriority.values()) {
            LinkedHashMap<String, ArrayDeque<Waiter>> byAgency = queues.get(priority);
            if (byAgency == null) {
                continue;
            }
            Iterator<Map.Entry<String, ArrayDeque<Waiter>>> it = byAgency.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, ArrayDeque<Waiter>> entry = it.next();
                ArrayDeque<Waiter> queue = entry.getValue();
                while (!queue.isEmpty() && queue.peek().done) {
                    queue.poll();
                }
                if (queue.isEmpty()) {
                    it.remove();
                    continue;
                }
                Waiter w = queue.poll();
                it.remove();
                if (!queue.isEmpty()) {
                    byAgency.put(entry.getKey(), queue); // to the back: the other agencies go first
                }
                return w;
            }
        }
        return null;
    }

    private boolean nobodyWaits() {
        for (var byAgency : queues.values()) {
            for (var q : byAgency.values()) {
                for (Waiter w : q) {
                    if (!w.done) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void scheduleTick() {
        if (tickScheduled) {
            return;
        }
        tickScheduled = true;
        double missing = Math.max(0, 1 - tokens);
        long delayMicros = Math.max(100, (long) (missing / rate() * 1_000_000));
        ticker.schedule(this::tick, delayMicros, TimeUnit.MICROSECONDS);
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        if (tokens < 0) {
            tokens = burst();
        } else {
            tokens = Math.min(burst(), tokens + (now - lastRefillNanos) / 1e9 * rate());
        }
        lastRefillNanos = now;
    }

    private boolean enabled() {
        return rate() > 0;
    }

    private double rate() {
        return config.npd().quota().requestsPerSecond();
    }

    private double burst() {
        return Math.max(1, config.npd().quota().burst());
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }
}
