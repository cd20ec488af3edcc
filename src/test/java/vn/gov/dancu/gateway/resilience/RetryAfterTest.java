package vn.gov.dancu.gateway.resilience;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.HealthProbes;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Issue 4 items 2 and 7: after a 429 with Retry-After the gateway makes no NPD call until that
 * time has passed (each one would be refused and could get the province's credential throttled
 * for longer), and tells its own callers how long to wait.
 */
@QuarkusTest
class RetryAfterTest extends ResilienceTest {

    @Test
    void callsTheNpdAgainOnlyAfterItsRetryAfterHasPassed() {
        npd.stubFor(NpdMock.lookup(MOTHER)
                .willReturn(NpdMock.errorResponse(429, "RATE_LIMITED").withHeader("Retry-After", "2")));

        long started = System.nanoTime();
        Response refused = prefill("mother", MOTHER);
        // The 429 reached the gateway after `started`: the gateway is blocked at least until then.
        long blockedAtLeastUntil = started + Duration.ofSeconds(2).toNanos();

        Problems.assertProblem(refused, 503, "NPD_UNAVAILABLE");
        assertEquals("2", refused.header("Retry-After"), "the NPD's Retry-After is passed on");
        npd.verify(1, NpdMock.lookupRequest(MOTHER));
        // The quota is back; a call now would be answered. The gateway must still wait.
        stubFound(Citizens.mother());

        AtomicInteger refusalsWhileWaiting = new AtomicInteger();
        AtomicLong answeredAt = new AtomicLong();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = prefill("mother", MOTHER);
            long now = System.nanoTime();
            if (response.statusCode() == 200) {
                answeredAt.set(now);
                return true;
            }
            refusalsWhileWaiting.incrementAndGet();
            Problems.assertProblem(response, 503, "NPD_UNAVAILABLE");
            npd.verify(1, NpdMock.lookupRequest(MOTHER)); // still only the 429
            // The caller is told to wait at least as long as the NPD still makes us wait.
            long remainingMillis = (blockedAtLeastUntil - now) / 1_000_000;
            long retryAfterMillis = Long.parseLong(response.header("Retry-After")) * 1000;
            assertTrue(retryAfterMillis >= remainingMillis,
                    () -> "Retry-After " + retryAfterMillis + " ms with " + remainingMillis + " ms left");
            return false;
        });

        long waited = (answeredAt.get() - started) / 1_000_000;
        assertTrue(waited >= 2000, () -> "the NPD was called again after " + waited + " ms, before its Retry-After");
        assertTrue(refusalsWhileWaiting.get() >= 1, "prefills were refused while the NPD's Retry-After ran");
        npd.verify(2, NpdMock.lookupRequest(MOTHER)); // the 429, then the one call after it expired
    }

    @Test
    void reportsTheRemainingRetryAfterInReadiness() {
        npd.stubFor(NpdMock.lookup(MOTHER)
                .willReturn(NpdMock.errorResponse(429, "RATE_LIMITED").withHeader("Retry-After", "30")));

        prefill("mother", MOTHER).then().statusCode(503);

        // A few milliseconds of the 30 s have passed: the remaining time rounds up, never down.
        assertEquals(30, HealthProbes.npdReadiness().get("retryAfterSeconds"));
        assertEquals("RateLimited 429", HealthProbes.npdReadiness().get("lastError"));
    }
}
