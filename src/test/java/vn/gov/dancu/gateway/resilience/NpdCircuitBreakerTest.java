package vn.gov.dancu.gateway.resilience;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.HealthProbes;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Problems;
import vn.gov.dancu.gateway.upstream.npd.NpdClient;
import vn.gov.dancu.gateway.upstream.npd.NpdException;
import vn.gov.dancu.gateway.upstream.npd.NpdField;
import vn.gov.dancu.gateway.upstream.npd.NpdPurpose;

/**
 * Issue 4 items 2 and 7: the named breaker "npd" (10 calls, half failing, 5 s open, 2 probes)
 * opens after the configured failures so that an outage answers at once instead of stacking
 * timeouts, and closes again through half-open once the NPD is back. Readiness shows each state.
 */
@QuarkusTest
class NpdCircuitBreakerTest extends ResilienceTest {

    /** The breaker's delay in NpdGuard: how long it stays open before letting a probe through. */
    private static final Duration OPEN_DELAY = Duration.ofSeconds(5);

    @Inject
    NpdClient client;

    @Test
    void opensAfterTheConfiguredFailuresThenFailsFastWithoutCallingTheNpd() {
        openTheBreaker();

        // The NPD is healthy again, but the breaker does not know yet: answers come at once and
        // nothing reaches the NPD.
        stubFound(Citizens.mother());
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            Response response = prefill("mother", MOTHER);
            long millis = millisSince(started);
            Problems.assertProblem(response, 503, "NPD_UNAVAILABLE");
            assertTrue(Integer.parseInt(response.header("Retry-After")) > 0);
            // Sooner than a single NPD call could time out (1.2 s): the NPD was not waited for.
            assertTrue(millis < 1_000, () -> "an open breaker answers at once, took " + millis + " ms");
        }
        npd.verify(10, NpdMock.lookupRequest(MOTHER)); // still the 10 that opened it
        assertEquals("OPEN", HealthProbes.npdReadiness().get("circuit"));
    }

    @Test
    void closesAgainThroughHalfOpenOnceTheNpdIsBack() {
        long openedNoEarlierThan = openTheBreaker();
        stubFound(Citizens.mother());

        // Ask until the breaker lets a probe through; every refusal before that must cost the
        // NPD nothing.
        AtomicLong firstSuccessAt = new AtomicLong();
        await().atMost(OPEN_DELAY.plusSeconds(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response response = prefill("mother", MOTHER);
            if (response.statusCode() == 200) {
                firstSuccessAt.set(System.nanoTime());
                return true;
            }
            Problems.assertProblem(response, 503, "NPD_UNAVAILABLE");
            npd.verify(10, NpdMock.lookupRequest(MOTHER));
            return false;
        });

        long openMillis = (firstSuccessAt.get() - openedNoEarlierThan) / 1_000_000;
        assertTrue(openMillis >= OPEN_DELAY.toMillis(),
                () -> "the breaker let a call through after " + openMillis + " ms, before its delay");
        // The 10 failures, then the first probe. Two successful probes close the breaker.
        npd.verify(11, NpdMock.lookupRequest(MOTHER));
        assertEquals("HALF_OPEN", HealthProbes.npdReadiness().get("circuit"));

        prefill("mother", MOTHER).then().statusCode(200);

        npd.verify(12, NpdMock.lookupRequest(MOTHER));
        assertEquals("CLOSED", HealthProbes.npdReadiness().get("circuit"));
    }

    /**
     * Issue 7 §3: a 400 says the gateway malformed its request (the NPD refused a header value,
     * say), not that the NPD is unwell. Twelve such prefills are more than the breaker's request
     * volume (10): had they counted, the tenth would have opened it and the good request after
     * them would have been refused without reaching the NPD.
     */
    @Test
    void staysClosedWhenTheNpdAnswers400AndServesTheNextGoodRequest() {
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(NpdMock.errorResponse(400, "PURPOSE_REQUIRED")));
        for (int i = 0; i < 12; i++) {
            assertEquals(503, prefill("mother", MOTHER).statusCode(), "prefill " + (i + 1));
        }
        // 12 prefills × 1 call each: a 400 is never retried (with the retry it would be 24).
        npd.verify(12, NpdMock.lookupRequest(MOTHER));
        assertEquals("CLOSED", HealthProbes.npdReadiness().get("circuit"));

        stubFound(Citizens.mother());
        prefill("mother", MOTHER).then().statusCode(200);

        npd.verify(13, NpdMock.lookupRequest(MOTHER)); // the good request reached the NPD
        assertEquals("CLOSED", HealthProbes.npdReadiness().get("circuit"));
    }

    /**
     * The same for a request the HTTP client refuses to send at all (a CR/LF in a header value,
     * as a forged agency claim would put there): nothing reaches the NPD, nothing is retried,
     * and twelve of them leave the breaker closed for the next caller.
     */
    @Test
    void staysClosedWhenTheGatewayCannotSendAMalformedHeader() {
        NpdPurpose forged = new NpdPurpose("BIRTH_REGISTRATION", "HS-1", "officer", "UBND\r\nX-Injected: 1",
                "req-1");
        stubFound(Citizens.mother());
        for (int i = 0; i < 12; i++) {
            NpdException e = assertThrows(NpdException.Rejected.class, () -> client.lookup(forged,
                    PersonalId.parse(MOTHER), List.of(NpdField.FULL_NAME)).await().atMost(Duration.ofSeconds(5)));
            assertFalse(e.sent(), "the client refused the request before sending it");
        }
        npd.verify(0, NpdMock.lookupRequest(MOTHER));
        assertEquals("CLOSED", HealthProbes.npdReadiness().get("circuit"));

        prefill("mother", MOTHER).then().statusCode(200);
        npd.verify(1, NpdMock.lookupRequest(MOTHER));
    }

    /**
     * Fails five one-party prefills with 500s: each is the first call plus one retry, so 5 × 2 =
     * 10 failed calls, the breaker's request volume, all of them failures (≥ the 0.5 ratio).
     *
     * @return a time (System.nanoTime) no later than the moment the breaker opened
     */
    private long openTheBreaker() {
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(NpdMock.errorResponse(500, "INTERNAL_ERROR")));
        long lastStarted = 0;
        for (int i = 0; i < 5; i++) {
            assertEquals("CLOSED", HealthProbes.npdReadiness().get("circuit"), "closed before failure " + (i + 1));
            lastStarted = System.nanoTime();
            Problems.assertProblem(prefill("mother", MOTHER), 503, "NPD_UNAVAILABLE");
        }
        npd.verify(10, NpdMock.lookupRequest(MOTHER));
        assertEquals("OPEN", HealthProbes.npdReadiness().get("circuit"));
        return lastStarted; // the 10th failure belongs to the last prefill
    }
}
