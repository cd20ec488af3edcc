package vn.gov.dancu.gateway.writes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.FATHER;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Civil-status events through the durable outbox (spec §5.5): 202 once committed, also while the
 * NPD is down; delivered later by the worker with the event's own key; permanent refusals parked;
 * replays and conflicts; read back only by the submitting agency (and auditors); bad input refused.
 */
@QuarkusTest
class CivilStatusEventTest extends GatewayTest {

    static final String PATH = "/api/v1/civil-status-events";
    static final String NPD_PATH = "/api/v1/civil-status-events";
    static final String CHILD = "070326000123";
    static final Duration DELIVERY = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource dataSource;

    /**
     * Each test starts and ends with an empty outbox, so no event of another test (or test class)
     * is delivered to this test's stubs; assertions count the NPD requests of their own event.
     */
    @org.junit.jupiter.api.BeforeEach
    @org.junit.jupiter.api.AfterEach
    void emptyOutbox() {
        AuditTables.execute(dataSource, "DELETE FROM civil_status_event");
    }

    private List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requestsFor(String eventId) {
        return npd.findAll(postRequestedFor(urlPathEqualTo(NPD_PATH)).withHeader("Idempotency-Key", equalTo(eventId)));
    }

    static String birth(String caseId, String number) {
        return """
                {"caseId":"%s","type":"BIRTH_REGISTERED","registrationNumber":"%s","registrationDate":"2026-01-20",
                 "registrationAuthority":"UBND-P-TANPHU","subjects":{"child":"%s","mother":"%s","father":"%s"}}
                """.formatted(caseId, number, CHILD, MOTHER, FATHER);
    }

    private static Response submit(String token, String key, String body) {
        var spec = as(token).filter(OpenApiValidation.responseFilter()).contentType("application/json").body(body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post(PATH);
    }

    private static Response read(String token, String eventId) {
        return as(token).filter(OpenApiValidation.responseFilter()).get(PATH + "/" + eventId);
    }

    private void npdAccepts() {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"eventId\":\"EV-1\"}")));
    }

    private JsonPath awaitStatus(String eventId, String status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = read(Officers.civilStatus(), eventId).jsonPath();
            return status.equals(last[0].getString("status"));
        });
        return last[0];
    }

    @Test
    void acceptedWhileTheNpdIsDownAndDeliveredOnceItIsBack() {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NpdMock.errorResponse(503, "MAINTENANCE").withHeader("Retry-After", "1")));
        String key = "ev-" + UUID.randomUUID();
        Response accepted = submit(Officers.civilStatus(), key, birth("HS-EV-1", "KS-1"));
        assertEquals(202, accepted.statusCode(), accepted.asString());
        String eventId = accepted.jsonPath().getString("eventId");
        assertEquals("PENDING", accepted.jsonPath().getString("status"));
        assertEquals(PATH + "/" + eventId, java.net.URI.create(accepted.header("Location")).getPath());
        // the outage: the worker tries, fails, backs off
        await().atMost(DELIVERY).until(() -> requestsFor(eventId).size() >= 1);
        assertEquals("PENDING", read(Officers.civilStatus(), eventId).jsonPath().getString("status"));
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).inScenario("outage").whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"eventId\":\"EV-1\"}")));
        npd.setScenarioState("outage", "back");
        JsonPath delivered = awaitStatus(eventId, "DELIVERED");
        assertTrue(delivered.getInt("attempts") >= 2, "attempts " + delivered.getInt("attempts"));
        assertNotNull(delivered.getString("deliveredAt"));
        assertNull(delivered.get("rejection"));
        // Every delivery attempt carried the event's own key and the submitting officer's headers.
        var requests = requestsFor(eventId);
        requests.forEach(r -> {
            assertEquals("HS-EV-1", r.getHeader("X-Case-Id"));
            assertEquals(Officers.AGENCY, r.getHeader("X-Agency-Code"));
            assertEquals(Officers.CIVIL_STATUS_OFFICER, r.getHeader("X-Officer-Id"));
        });
        String sent = requests.get(requests.size() - 1).getBodyAsString();
        assertTrue(sent.contains("\"child\":\"" + CHILD + "\"") && !sent.contains("caseId"), sent);
    }

    @Test
    void replayAnswersTheSameEventAndAnotherBodyIsAConflict() {
        npdAccepts();
        String key = "ev-" + UUID.randomUUID();
        String first = submit(Officers.civilStatus(), key, birth("HS-EV-2", "KS-2")).jsonPath().getString("eventId");
        Response again = submit(Officers.civilStatus(), key, birth("HS-EV-2", "KS-2"));
        assertEquals(202, again.statusCode());
        assertEquals(first, again.jsonPath().getString("eventId"));
        Problems.assertProblem(submit(Officers.civilStatus(), key, birth("HS-EV-2", "KS-3")), 409,
                "IDEMPOTENCY_CONFLICT");
        // Keys are the agency's: another commune's identical key is another event.
        Response other = submit(Officers.token("other.officer", "UBND-X-KHAC", Roles.CIVIL_STATUS_OFFICER), key,
                birth("HS-EV-2", "KS-2"));
        assertEquals(202, other.statusCode());
        assertTrue(!first.equals(other.jsonPath().getString("eventId")));
        awaitStatus(first, "DELIVERED");
        assertEquals(1, requestsFor(first).size(), "delivered once");
    }

    @Test
    void aPermanentRefusalIsParkedWithTheNpdsCodeAndNotRetried() {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).willReturn(NpdMock.errorResponse(409, "DECEASED_ALREADY")));
        String body = """
                {"caseId":"HS-EV-4","type":"DEATH_REGISTERED","registrationNumber":"KT-1","registrationDate":"2026-01-20",
                 "registrationAuthority":"UBND-P-TANPHU","subjects":{"deceased":"%s"},"dateOfDeath":"2026-01"}
                """.formatted(FATHER);
        String eventId = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), body).jsonPath().getString("eventId");
        JsonPath rejected = awaitStatus(eventId, "REJECTED");
        assertEquals("DECEASED_ALREADY", rejected.getString("rejection.code"));
        assertEquals(1, rejected.getInt("attempts"));
        assertEquals(1, requestsFor(eventId).size(), "not retried");
    }

    @Test
    void anotherAgencysEventIsNotFoundAndAuditorsSeeIt() {
        npdAccepts();
        String eventId = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-5", "KS-5"))
                .jsonPath().getString("eventId");
        Problems.assertProblem(read(Officers.token("other.officer", "UBND-X-KHAC", Roles.CIVIL_STATUS_OFFICER),
                eventId), 404, "NOT_FOUND");
        Problems.assertProblem(read(Officers.civilStatus(), UUID.randomUUID().toString()), 404, "NOT_FOUND");
        assertEquals(200, read(AuditTables.auditor(), eventId).statusCode());
        Problems.assertProblem(read(Officers.judicialRecord(), eventId), 403, "FORBIDDEN");
        Problems.assertProblem(read(Officers.civilStatus(), "not-a-uuid"), 400, "VALIDATION_FAILED");
    }

    @Test
    void listIsNewestFirstAndItsFiltersAreValidated() {
        npdAccepts();
        String older = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-6", "KS-6"))
                .jsonPath().getString("eventId");
        String newer = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-7", "KS-7"))
                .jsonPath().getString("eventId");
        Response page = as(Officers.civilStatus()).filter(OpenApiValidation.responseFilter())
                .queryParam("size", 2).get(PATH);
        assertEquals(200, page.statusCode(), page.asString());
        assertEquals(List.of(newer, older), page.jsonPath().getList("items.eventId"));
        JsonPath bad = Problems.assertProblem(as(Officers.civilStatus()).queryParam("status", "LOST")
                .queryParam("from", "yesterday").queryParam("size", 0).queryParam("page", -1).get(PATH),
                400, "VALIDATION_FAILED");
        assertEquals(List.of("status", "from", "page", "size"), bad.getList("violations.field"));
    }

    @Test
    void malformedEventsAreProblemsNamingTheirFields() {
        String key = "ev-" + UUID.randomUUID();
        Problems.assertProblem(submit(Officers.civilStatus(), null, birth("HS-EV-8", "KS-8")), 400,
                "IDEMPOTENCY_KEY_REQUIRED");
        Problems.assertProblem(submit(Officers.civilStatus(), "bad key", birth("HS-EV-8", "KS-8")), 400,
                "VALIDATION_FAILED");
        JsonPath unknownType = Problems.assertProblem(submit(Officers.civilStatus(), key,
                birth("HS-EV-8", "KS-8").replace("BIRTH_REGISTERED", "DIVORCE_REGISTERED")), 400, "VALIDATION_FAILED");
        assertEquals("type", unknownType.getString("violations[0].field"));
        JsonPath role = Problems.assertProblem(submit(Officers.civilStatus(), key,
                birth("HS-EV-8", "KS-8").replace("\"father\"", "\"uncle\"")), 400, "VALIDATION_FAILED");
        assertEquals("subjects.uncle", role.getString("violations[0].field"));
        JsonPath death = Problems.assertProblem(submit(Officers.civilStatus(), key,
                birth("HS-EV-8", "KS-8").replace("\"subjects\"", "\"dateOfDeath\":\"2026-01-01\",\"subjects\"")),
                400, "VALIDATION_FAILED");
        assertEquals("dateOfDeath", death.getString("violations[0].field"));
        JsonPath date = Problems.assertProblem(submit(Officers.civilStatus(), key,
                birth("HS-EV-8", "KS-8").replace("2026-01-20", "20/01/2026")), 400, "VALIDATION_FAILED");
        assertEquals("registrationDate", date.getString("violations[0].field"));
        JsonPath noParent = Problems.assertProblem(submit(Officers.civilStatus(), key, """
                {"caseId":"HS-EV-8","type":"BIRTH_REGISTERED","registrationNumber":"KS-8","registrationDate":"2026-01-20",
                 "registrationAuthority":"UBND-P-TANPHU","subjects":{"child":"%s"}}""".formatted(CHILD)),
                400, "VALIDATION_FAILED");
        assertEquals("subjects", noParent.getString("violations[0].field"));
        JsonPath marriage = Problems.assertProblem(submit(Officers.civilStatus(), key, """
                {"caseId":"HS-EV-8","type":"MARRIAGE_REGISTERED","registrationNumber":"KH-8","registrationDate":"2026-01-20",
                 "registrationAuthority":"UBND-P-TANPHU","subjects":{"bride":"%s","groom":"%s"}}""".formatted(MOTHER, MOTHER)),
                400, "VALIDATION_FAILED");
        assertEquals("subjects.groom", marriage.getString("violations[0].field"));
        Problems.assertProblem(submit(Officers.civilStatus(), key, "{"), 400, "MALFORMED_JSON");
        Problems.assertProblem(submit(Officers.judicialRecord(), key, birth("HS-EV-8", "KS-8")), 403, "FORBIDDEN");
        npd.verify(0, postRequestedFor(urlPathEqualTo(NPD_PATH)));
    }

    @Test
    void acceptedEventsAndReadsAreAudited() {
        npdAccepts();
        Response r = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-9", "KS-9"));
        var row = AuditTables.byRequestId(dataSource, r.header("X-Request-Id")).get(0);
        assertEquals("CIVIL_STATUS_EVENT", row.operation());
        assertEquals("BIRTH_REGISTRATION", row.procedure());
        assertEquals(CHILD, row.party("child").path("personalId").asText());
        assertEquals(MOTHER, row.party("mother").path("personalId").asText());
        Response read = read(Officers.civilStatus(), r.jsonPath().getString("eventId"));
        var readRow = AuditTables.byRequestId(dataSource, read.header("X-Request-Id")).get(0);
        assertEquals("CIVIL_STATUS_EVENT_READ", readRow.operation());
        assertEquals(CHILD, readRow.party("child").path("personalId").asText());
    }

    /** The backlog is readiness data and a metric, never a reason to be "not ready": events are still taken. */
    @Test
    void theBacklogShowsInReadinessAndMetricsWhileTheGatewayStaysReady() {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).willReturn(NpdMock.errorResponse(503, "MAINTENANCE")));
        String eventId = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-10", "KS-10"))
                .jsonPath().getString("eventId");
        await().atMost(DELIVERY).until(() -> {
            Response ready = io.restassured.RestAssured.get("/q/health/ready");
            List<java.util.Map<String, Object>> checks = ready.jsonPath().getList("checks");
            return ready.statusCode() == 200 && checks.stream().anyMatch(c -> "outbox".equals(c.get("name"))
                    && "UP".equals(c.get("status")) && c.get("data") instanceof java.util.Map<?, ?> data
                    && ((Number) data.get("pending")).longValue() >= 1);
        });
        String metrics = io.restassured.RestAssured.get("/q/metrics").asString();
        assertTrue(metrics.contains("gateway_outbox_pending"), "pending gauge");
        assertTrue(metrics.contains("gateway_outbox_oldest_pending_age_seconds"), "oldest age gauge");
        assertTrue(metrics.contains("gateway_outbox_delivered_total"), "delivered counter");
        assertTrue(metrics.contains("gateway_outbox_rejected_total"), "rejected counter");
        assertEquals(202, submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-11", "KS-11"))
                .statusCode(), "still accepting");
        assertEquals("PENDING", read(Officers.civilStatus(), eventId).jsonPath().getString("status"));
    }

    /** The outbox's counters move by exactly what happened: one delivery, one parked refusal, nothing left pending. */
    @Test
    void aDeliveryAndARejectionMoveTheirCountersByOneAndLeaveNothingPending() {
        double deliveredBefore = metric("gateway_outbox_delivered_total");
        double rejectedBefore = metric("gateway_outbox_rejected_total");
        // Stubs first (by the dossier each event carries), so the worker's first try meets them.
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).withHeader("X-Case-Id", equalTo("HS-EV-20"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withBody("{\"eventId\":\"EV-20\"}")));
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).withHeader("X-Case-Id", equalTo("HS-EV-21"))
                .willReturn(NpdMock.errorResponse(400, "INVALID_REQUEST")));
        String good = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-20", "KS-20"))
                .jsonPath().getString("eventId");
        String bad = submit(Officers.civilStatus(), "ev-" + UUID.randomUUID(), birth("HS-EV-21", "KS-21"))
                .jsonPath().getString("eventId");
        awaitStatus(good, "DELIVERED");
        awaitStatus(bad, "REJECTED");
        assertEquals(deliveredBefore + 1, metric("gateway_outbox_delivered_total"), 0.0);
        assertEquals(rejectedBefore + 1, metric("gateway_outbox_rejected_total"), 0.0);
        assertEquals(0.0, metric("gateway_outbox_pending"), 0.0);
        assertEquals(0.0, metric("gateway_outbox_oldest_pending_age_seconds"), 0.0);
    }

    /** One unlabelled sample of the Prometheus scrape. */
    private static double metric(String name) {
        String scrape = io.restassured.RestAssured.get("/q/metrics").asString();
        return scrape.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in /q/metrics"));
    }
}
