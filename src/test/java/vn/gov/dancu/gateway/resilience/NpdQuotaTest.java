package vn.gov.dancu.gateway.resilience;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.testing.GatewayConfigs;
import vn.gov.dancu.gateway.testing.ManualNanoTime;
import vn.gov.dancu.gateway.upstream.npd.NpdPriority;
import vn.gov.dancu.gateway.upstream.npd.NpdQuota;

/**
 * Issue 4 item 3: the outgoing limiter keeps the province under its NPD quota, serves counter
 * prefills before bulk work, lets agencies take turns, and forgets callers who gave up.
 *
 * <p>At 10 requests/s with a burst of 1 the bucket holds one token, earned in 100 ms. Most tests
 * move the quota's time by hand: after the first grant nothing moves until the test adds 100 ms,
 * so the order of grants is exact however busy the machine. One test runs on the real clock, as
 * the gateway does: its lower bounds are exact too (a grant needs a token, and tokens accrue at
 * the configured rate, so no grant can come early); its upper bound is generous.
 */
class NpdQuotaTest {

    private static final String AGENCY = "UBND-P-TANPHU";

    /** Grants in the order they were made, with the time of each (System.nanoTime). */
    private final List<String> granted = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> grantedAt = Collections.synchronizedList(new ArrayList<>());
    private final ManualNanoTime time = new ManualNanoTime();

    @Test
    void neverGrantsMoreThanTheConfiguredRateOnTheRealClock() {
        NpdQuota quota = new NpdQuota(config(10, 1), System::nanoTime);

        long started = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            acquire(quota, AGENCY, NpdPriority.INTERACTIVE, "call " + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> granted.size() == 30);

        List<Long> at = List.copyOf(grantedAt);
        // One token in the bucket, then 10 a second: the 30th grant cannot come before 29 / 10 s.
        long total = (at.get(29) - started) / 1_000_000;
        assertTrue(total >= 2_900, () -> "30 grants in " + total + " ms: faster than 10/s");
        assertTrue(total < 6_000, () -> "30 grants took " + total + " ms: the queue stalled");
        // Nowhere a burst: any 11 consecutive grants span at least a second (1 saved + 10 earned),
        // less a few ms for the measurement, which is taken after each grant.
        for (int i = 0; i + 10 < at.size(); i++) {
            long span = (at.get(i + 10) - at.get(i)) / 1_000_000;
            int first = i;
            assertTrue(span >= 980, () -> "grants " + first + ".." + (first + 10) + " within " + span + " ms");
        }
    }

    @Test
    void grantsTheNextCallOnlyWhenTheBucketHasEarnedItsToken() {
        NpdQuota quota = quota(10, 1);
        drain(quota);
        acquire(quota, AGENCY, NpdPriority.INTERACTIVE, "next");

        // 10/s: a token every 100 ms. At 99 ms there is none, however long the timer runs...
        time.advance(Duration.ofMillis(99));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(granted::isEmpty);
        // ...at 100 ms there is.
        time.advance(Duration.ofMillis(1));
        await().atMost(Duration.ofSeconds(1)).until(() -> granted.size() == 1);
    }

    @Test
    void servesInteractivePrefillsBeforeBulkWorkQueuedEarlier() {
        NpdQuota quota = quota(10, 1);
        drain(quota);

        for (int i = 1; i <= 3; i++) {
            acquire(quota, AGENCY, NpdPriority.BULK, "bulk " + i);
        }
        for (int i = 1; i <= 3; i++) {
            acquire(quota, AGENCY, NpdPriority.INTERACTIVE, "interactive " + i);
        }
        grantOneByOne(6);

        assertEquals(List.of("interactive 1", "interactive 2", "interactive 3", "bulk 1", "bulk 2", "bulk 3"),
                List.copyOf(granted));
    }

    @Test
    void letsAgenciesTakeTurns() {
        NpdQuota quota = quota(10, 1);
        drain(quota);

        for (int i = 1; i <= 10; i++) {
            acquire(quota, "A", NpdPriority.INTERACTIVE, "A" + i);
        }
        acquire(quota, "B", NpdPriority.INTERACTIVE, "B1");
        acquire(quota, "B", NpdPriority.INTERACTIVE, "B2");
        grantOneByOne(12);

        // B queued last yet is served every other slot: its two calls are done within the first 4
        // grants, not after A's ten. Each agency's own calls keep their order.
        assertEquals(List.of("A1", "B1", "A2", "B2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10"),
                List.copyOf(granted));
    }

    @Test
    void doesNotSpendASlotOnACallerWhoGaveUp() {
        NpdQuota quota = quota(10, 1);
        drain(quota);

        List<Cancellable> gaveUp = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            gaveUp.add(acquire(quota, AGENCY, NpdPriority.INTERACTIVE, "gave up " + i));
        }
        gaveUp.forEach(Cancellable::cancel);
        acquire(quota, AGENCY, NpdPriority.INTERACTIVE, "still waiting");
        assertEquals(1, quota.waiting(), "only the caller still waiting counts");

        // One token's worth of time is enough: had each caller who gave up spent a token, the
        // one still waiting would need five.
        time.advance(Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(1)).until(() -> granted.size() == 1);

        assertEquals(List.of("still waiting"), List.copyOf(granted));
        assertEquals(0, quota.waiting());
    }

    /** Advances time one token (100 ms at 10/s) at a time and waits for each grant. */
    private void grantOneByOne(int grants) {
        for (int i = 1; i <= grants; i++) {
            time.advance(Duration.ofMillis(100));
            int expected = i;
            await().atMost(Duration.ofSeconds(1)).until(() -> granted.size() >= expected);
            assertEquals(expected, granted.size(), "one grant per token");
        }
    }

    /** A quota on the hand-moved clock. */
    private NpdQuota quota(double requestsPerSecond, double burst) {
        return new NpdQuota(config(requestsPerSecond, burst), time);
    }

    private static GatewayConfig config(double requestsPerSecond, double burst) {
        return GatewayConfigs.with(Map.of(
                "gateway.npd.quota.requests-per-second", String.valueOf(requestsPerSecond),
                "gateway.npd.quota.burst", String.valueOf(burst)));
    }

    /** Takes the bucket's one token, so that every later caller queues until time moves. */
    private static void drain(NpdQuota quota) {
        quota.acquire(AGENCY, NpdPriority.INTERACTIVE).await().atMost(Duration.ofSeconds(1));
        assertEquals(0, quota.waiting());
    }

    private Cancellable acquire(NpdQuota quota, String agency, NpdPriority priority, String name) {
        return quota.acquire(agency, priority).subscribe().with(ignored -> {
            synchronized (granted) {
                grantedAt.add(System.nanoTime());
                granted.add(name);
            }
        });
    }
}
