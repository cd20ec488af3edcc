package vn.gov.dancu.gateway.upstream.npd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * Bounds retries so they cannot multiply load during an outage: each first attempt deposits a
 * fraction of a retry ({@code ratio}), each retry withdraws a whole one, and the balance is
 * capped. With the default ratio of 0.2, retries add at most 20% to the NPD's traffic in steady
 * state, however many calls fail; a quiet period tops the balance up so an isolated blip is
 * still retried.
 */
@ApplicationScoped
public class RetryBudget {

    @Inject
    GatewayConfig config;

    private double balance = -1; // lazily set to the cap on first use
    private long lastRefillNanos = System.nanoTime();

    /** Counts a first attempt. */
    public synchronized void recordAttempt() {
        init();
        balance = Math.min(cap(), balance + config.npd().retry().budgetRatio());
    }

    /** True (and withdrawn) when a retry is affordable now. */
    public synchronized boolean tryWithdraw() {
        init();
        refill();
        if (balance >= 1) {
            balance -= 1;
            return true;
        }
        return false;
    }

    /** Refills to the cap (tests). */
    public synchronized void reset() {
        balance = cap();
        lastRefillNanos = System.nanoTime();
    }

    private void init() {
        if (balance < 0) {
            balance = cap();
        }
    }

    /** A minimum of retries per second stays available, so a lone failure is retried even when idle. */
    private void refill() {
        long now = System.nanoTime();
        double seconds = (now - lastRefillNanos) / 1e9;
        lastRefillNanos = now;
        balance = Math.min(cap(), balance + seconds * config.npd().retry().minPerSecond());
    }

    private double cap() {
        return config.npd().retry().budgetCap();
    }
}
