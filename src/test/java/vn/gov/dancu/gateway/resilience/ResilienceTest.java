package vn.gov.dancu.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.HealthProbes;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.upstream.npd.NpdResilience;

/**
 * What the fault-injection tests share: a counter prefill as a civil-status officer, NPD stubs and
 * a stopwatch. The prefill deadline is the production default (3 s), so "within 3.5 s" below
 * means "within the deadline, plus the test's own HTTP round trip".
 */
abstract class ResilienceTest extends GatewayTest {

    /** The most a counter may wait, whatever the NPD does: the 3 s deadline and some slack. */
    static final Duration COUNTER_BUDGET = Duration.ofMillis(3_500);

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    NpdResilience npdState;

    /** The gateway (one per Quarkus start) that has served its first request. */
    private static WireMockServer warmedUpFor;

    /**
     * The first request a fresh gateway serves pays for class loading, JIT and the OIDC keys, which
     * can take seconds on a busy machine and are no part of what these tests time. Serve one
     * healthy prefill first, then start the test from a clean NPD mock and resilience state.
     */
    @BeforeEach
    void warmUpOncePerGateway() {
        if (warmedUpFor == npd) {
            return;
        }
        stubFound(Citizens.mother());
        prefill("mother", Citizens.MOTHER).then().statusCode(200);
        HealthProbes.assertUp(HealthProbes.READY);
        NpdMock.reset(npd);
        npdState.reset();
        circuits.resetAll();
        warmedUpFor = npd;
    }

    /** A birth-registration prefill with the given role → number pairs. */
    static Response prefill(String... roleThenNumber) {
        return asCivilStatusOfficer().contentType("application/json").body(Prefills.body(roleThenNumber))
                .post(Prefills.path("birth-registration"));
    }

    /** Makes the NPD answer lookups of {@code record}'s person with the record. */
    void stubFound(ObjectNode record) {
        npd.stubFor(NpdMock.lookup(record.get("personalId").asText()).willReturn(okJson(record.toString())));
    }

    /** How many citizen lookups the NPD has received, whoever they were for. */
    int npdLookups() {
        return npd.countRequestsMatching(NpdMock.anyLookupRequest().build()).getCount();
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
