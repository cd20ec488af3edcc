package vn.gov.dancu.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.HealthProbes;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Issue 4 item 6: liveness never depends on the NPD, and readiness tells the truth about it as
 * data — circuit state, last error — without going DOWN, which would only turn the gateway's
 * prompt 503s into load-balancer connection errors. No probe calls the NPD.
 */
@QuarkusTest
class NpdReadinessTest extends ResilienceTest {

    @Test
    void reportsAClosedCircuitAndNoErrorWhenTheNpdIsHealthy() {
        stubFound(Citizens.mother());
        prefill("mother", MOTHER).then().statusCode(200);

        Map<String, Object> npdCheck = HealthProbes.npdReadiness();

        assertEquals("CLOSED", npdCheck.get("circuit"));
        assertEquals(0, npdCheck.get("quotaWaiting"));
        assertFalse(npdCheck.containsKey("lastError"), () -> "no error to report: " + npdCheck);
        assertFalse(npdCheck.containsKey("retryAfterSeconds"), () -> "nothing to wait for: " + npdCheck);
    }

    @Test
    void staysUpDuringAnOutageAndReportsTheOpenCircuitAndTheNpdsLastError() {
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(NpdMock.errorResponse(500, "INTERNAL_ERROR")));
        Instant before = Instant.now();
        // 5 prefills × (1 call + 1 retry) = 10 failures: the breaker's volume, so it opens...
        for (int i = 0; i < 5; i++) {
            Problems.assertProblem(prefill("mother", MOTHER), 503, "NPD_UNAVAILABLE");
        }
        // ...and the next ones are refused by the breaker itself, without an NPD call.
        Problems.assertProblem(prefill("mother", MOTHER), 503, "NPD_UNAVAILABLE");
        npd.verify(10, NpdMock.lookupRequest(MOTHER));
        int callsBeforeProbes = npd.getAllServeEvents().size();

        JsonPath live = HealthProbes.assertUp(HealthProbes.LIVE);
        Map<String, Object> npdCheck = HealthProbes.npdReadiness();

        assertFalse(HealthProbes.checkNames(live).contains("npd"), "liveness knows nothing of the NPD");
        assertEquals("OPEN", npdCheck.get("circuit"));
        // The NPD's own failure, not the breaker's refusal that followed it: that is what an
        // operator needs to act on.
        assertEquals("Unavailable 500", npdCheck.get("lastError"));
        Instant at = Instant.parse((String) npdCheck.get("lastErrorAt"));
        assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), () -> "lastErrorAt " + at);
        assertEquals(callsBeforeProbes, npd.getAllServeEvents().size(), "the probes asked the NPD nothing");
    }

    @Test
    void reportsATimeoutAsTheLastError() {
        // 2 s: past the 1.2 s per-call timeout, well before the 2.5 s read timeout.
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString()).withFixedDelay(2_000)));

        Problems.assertProblem(prefill("mother", MOTHER), 503, "NPD_UNAVAILABLE");

        assertEquals("TimeoutException", HealthProbes.npdReadiness().get("lastError"));
        assertEquals("CLOSED", HealthProbes.npdReadiness().get("circuit"), "two timeouts do not open it");
    }
}
