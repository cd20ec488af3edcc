package vn.gov.dancu.gateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.gov.dancu.gateway.testing.Citizens.FATHER;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayConfigs;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.ManualNanoTime;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.upstream.npd.NpdPriority;
import vn.gov.dancu.gateway.upstream.npd.NpdQuota;

/**
 * Issue 7: a lookup the deadline cut off while it still waited in the quota queue never left the
 * gateway, and the audit trail must not list it as an NPD call that was made. The quota is one
 * call a second with a burst of one, on a clock that does not move: after the one token is spent,
 * every further call waits until the prefill's deadline cuts it off.
 */
@QuarkusTest
class QueuedLookupAuditTest extends GatewayTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    private NpdQuota quota;

    @BeforeEach
    void oneCallASecondOnAStoppedClock() {
        quota = new NpdQuota(GatewayConfigs.with(Map.of("gateway.npd.quota.requests-per-second", "1",
                "gateway.npd.quota.burst", "1")), new ManualNanoTime());
        QuarkusMock.installMockForType(quota, NpdQuota.class);
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(FATHER).willReturn(okJson(Citizens.father().toString())));
    }

    @Test
    void lookupCutWhileQueuedForQuotaIsNotRecordedAsSent() {
        quota.acquire(Officers.AGENCY, NpdPriority.INTERACTIVE).await().atMost(Duration.ofSeconds(1));
        String requestId = "queued-" + UUID.randomUUID();

        prefill(requestId, "mother", MOTHER).then().statusCode(503);

        npd.verify(0, NpdMock.anyLookupRequest());
        AuditTables.Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertEquals(503, row.outcome());
        assertEquals(0, row.upstreamCalls().size(), () -> "no call left the gateway: " + row.upstreamCalls());
    }

    @Test
    void onlyTheLookupThatLeftTheGatewayIsRecordedAsSent() {
        String requestId = "queued-" + UUID.randomUUID();

        // one token: one parent is looked up, the other waits until the deadline cuts it off
        prefill(requestId, "mother", MOTHER, "father", FATHER).then().statusCode(200);

        npd.verify(1, NpdMock.anyLookupRequest());
        Set<String> asked = new HashSet<>();
        npd.getAllServeEvents().stream().map(e -> e.getRequest().getUrl())
                .filter(url -> url.startsWith("/api/v1/citizens/"))
                .forEach(url -> asked.add(url.replaceAll("^/api/v1/citizens/([0-9]+).*$", "$1")));
        AuditTables.Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        Set<String> recorded = new HashSet<>();
        row.upstreamCalls().forEach(c -> recorded.add(c.path("personalId").asText()));
        assertEquals(asked, recorded, "the record lists exactly the calls the NPD received");
        assertEquals(List.of(200), List.of(row.upstreamCall(asked.iterator().next()).path("status").asInt()));
    }

    private static Response prefill(String requestId, String... roleThenNumber) {
        return asCivilStatusOfficer().header("X-Request-Id", requestId).contentType("application/json")
                .body(Prefills.bodyWithCaseId("HS-QUEUE-" + requestId.substring(7, 15), roleThenNumber))
                .post(Prefills.path("birth-registration"));
    }
}
