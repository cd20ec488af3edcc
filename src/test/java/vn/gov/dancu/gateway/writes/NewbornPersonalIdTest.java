package vn.gov.dancu.gateway.writes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.FATHER;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * The newborn's number is issued once per birth (spec §5.4): across retries, a lost answer, a
 * gateway that forgot it was answered, concurrent requests with one key; and every malformed
 * request is a problem, never a 500.
 */
@QuarkusTest
class NewbornPersonalIdTest extends GatewayTest {

    static final String PATH = "/api/v1/newborns/personal-id";
    static final String NPD_PATH = "/api/v1/personal-ids";
    static final String NUMBER = "070326000123";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    vn.gov.dancu.gateway.upstream.npd.NpdResilience npdResilience;

    static String body(String caseId, String name) {
        return """
                {"caseId":"%s","birthRegistrationNumber":"KS-2026-0042","fullName":"%s",
                 "dateOfBirth":"2026-01-15","gender":"FEMALE",
                 "birthRegistrationPlace":{"countryCode":"VN","provinceCode":"70","wardCode":"25195","wardName":"Phường Tân Phú"},
                 "motherPersonalId":"%s","fatherPersonalId":"%s","nationality":{"code":"VN","name":"Việt Nam"}}
                """.formatted(caseId, name, MOTHER, FATHER);
    }

    private Response submit(String key, String body) {
        var spec = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).contentType("application/json").body(body);
        if (key != null) {
            spec = spec.header("Idempotency-Key", key);
        }
        return spec.post(PATH);
    }

    private void npdIssues(int status) {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"personalId\":\"" + NUMBER + "\"}")));
    }

    @Test
    void issuesOnceAndReplaysTheSameNumberWith200() {
        npdIssues(201);
        String key = "nb-" + UUID.randomUUID();
        Response first = submit(key, body("HS-NB-1", "Trần Thị Mai"));
        assertEquals(201, first.statusCode(), first.asString());
        assertEquals(NUMBER, first.jsonPath().getString("personalId"));
        assertNotNull(first.jsonPath().getString("issuedAt"));
        // NFD in the retry is the same name: the body is compared as the gateway understood it.
        Response again = submit(key, body("HS-NB-1", java.text.Normalizer.normalize("Trần Thị Mai",
                java.text.Normalizer.Form.NFD)));
        assertEquals(200, again.statusCode(), again.asString());
        assertEquals(NUMBER, again.jsonPath().getString("personalId"));
        assertEquals(first.jsonPath().getString("issuedAt"), again.jsonPath().getString("issuedAt"));
        // The replay was answered from the gateway's own record: the NPD was asked once.
        npd.verify(1, postRequestedFor(urlPathEqualTo(NPD_PATH))
                .withHeader("Idempotency-Key", matching("dancu-nb-[0-9a-f]{48}"))
                .withHeader("X-Case-Id", equalTo("HS-NB-1"))
                .withHeader("X-Agency-Code", equalTo(Officers.AGENCY)));
    }

    @Test
    void sameKeyWithAnotherBodyIsAConflict() {
        npdIssues(201);
        String key = "nb-" + UUID.randomUUID();
        assertEquals(201, submit(key, body("HS-NB-2", "Trần Thị Mai")).statusCode());
        Problems.assertProblem(submit(key, body("HS-NB-2", "Trần Thị Lan")), 409, "IDEMPOTENCY_CONFLICT");
        npd.verify(1, postRequestedFor(urlPathEqualTo(NPD_PATH)));
    }

    @Test
    void npdDownIs503AndALaterRetryWithTheSameKeyCompletesIt() {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(NpdMock.errorResponse(503, "MAINTENANCE").withHeader("Retry-After", "1")));
        String key = "nb-" + UUID.randomUUID();
        Response down = submit(key, body("HS-NB-3", "Lê Văn An"));
        Problems.assertProblem(down, 503, "NPD_UNAVAILABLE");
        assertNotNull(down.header("Retry-After"));
        assertEquals("PENDING", state(key));
        npdResilience.reset(); // the Retry-After has passed
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).inScenario("outage").whenScenarioStateIs("back")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"personalId\":\"" + NUMBER + "\"}")));
        npd.setScenarioState("outage", "back");
        Response later = submit(key, body("HS-NB-3", "Lê Văn An"));
        assertEquals(201, later.statusCode(), later.asString());
        assertEquals(NUMBER, later.jsonPath().getString("personalId"));
        assertEquals("ISSUED", state(key));
    }

    /**
     * The NPD issued the number but the gateway never stored it (it died, or the answer was cut
     * off): the record is still PENDING. The retry asks the NPD again with the same derived key,
     * and the NPD's replay (200) gives the same number: the client sees 200, not a second birth.
     */
    @Test
    void aLostAnswerIsRecoveredFromTheNpdsReplay() {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(201).withFixedDelay(2_800)
                        .withHeader("Content-Type", "application/json").withBody("{\"personalId\":\"" + NUMBER + "\"}"))
                .willSetStateTo("issued"));
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).inScenario("lost").whenScenarioStateIs("issued")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"personalId\":\"" + NUMBER + "\"}")));
        String key = "nb-" + UUID.randomUUID();
        Problems.assertProblem(submit(key, body("HS-NB-4", "Phạm Minh Khôi")), 503, "NPD_UNAVAILABLE");
        assertEquals("PENDING", state(key));
        npdResilience.reset();
        Response retry = submit(key, body("HS-NB-4", "Phạm Minh Khôi"));
        assertEquals(200, retry.statusCode(), retry.asString());
        assertEquals(NUMBER, retry.jsonPath().getString("personalId"));
        List<String> keys = npd.findAll(postRequestedFor(urlPathEqualTo(NPD_PATH))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).distinct().toList();
        assertEquals(1, keys.size(), "every attempt carried the same key to the NPD: " + keys);
    }

    /** Two requests with one key at once: the row lock serialises them, one NPD call, one number. */
    @Test
    void concurrentRequestsWithOneKeyCallTheNpdOnce() throws Exception {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).willReturn(aResponse().withStatus(201).withFixedDelay(400)
                .withHeader("Content-Type", "application/json").withBody("{\"personalId\":\"" + NUMBER + "\"}")));
        String key = "nb-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> submit(key, body("HS-NB-5", "Đỗ Gia Bảo")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                statuses.add(r.statusCode());
                assertEquals(NUMBER, r.jsonPath().getString("personalId"), r.asString());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one 201: " + statuses);
            assertEquals(3, statuses.stream().filter(s -> s == 200).count(), "the others replay: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        npd.verify(1, postRequestedFor(urlPathEqualTo(NPD_PATH)));
    }

    @Test
    void missingKeyIsIdempotencyKeyRequired() {
        JsonPath problem = Problems.assertProblem(submit(null, body("HS-NB-6", "A B")), 400, "IDEMPOTENCY_KEY_REQUIRED");
        assertEquals("Idempotency-Key", problem.getString("violations[0].field"));
    }

    @Test
    void malformedKeyNamesTheHeader() {
        for (String key : List.of("short", "has space in it", "x".repeat(129), "ký-tự-có-dấu")) {
            JsonPath problem = Problems.assertProblem(submit(key, body("HS-NB-7", "A B")), 400, "VALIDATION_FAILED");
            assertEquals("Idempotency-Key", problem.getString("violations[0].field"), key);
        }
        npd.verify(0, postRequestedFor(urlPathEqualTo(NPD_PATH)));
    }

    @Test
    void malformedBodiesAreProblemsNamingTheirFields() {
        String key = "nb-" + UUID.randomUUID();
        JsonPath p = Problems.assertProblem(submit(key, "{\"caseId\":\"HS 1\",\"dateOfBirth\":\"2026-02-30\","
                + "\"gender\":\"X\",\"motherPersonalId\":\"123\",\"extra\":1}"), 400, "VALIDATION_FAILED");
        List<String> fields = p.getList("violations.field");
        for (String f : List.of("caseId", "dateOfBirth", "gender", "motherPersonalId", "extra", "fullName",
                "birthRegistrationNumber", "birthRegistrationPlace")) {
            assertTrue(fields.contains(f), f + " in " + fields);
        }
        Problems.assertProblem(submit(key, "[1]"), 400, "VALIDATION_FAILED");
        Problems.assertProblem(submit(key, "{\"caseId\":"), 400, "MALFORMED_JSON");
        Problems.assertProblem(submit(key, "{\"caseId\":5}"), 400, "VALIDATION_FAILED");
        String future = body("HS-NB-8", "A B").replace("2026-01-15", "2999-01-01");
        JsonPath f = Problems.assertProblem(submit(key, future), 400, "VALIDATION_FAILED");
        assertEquals("dateOfBirth", f.getString("violations[0].field"));
        npd.verify(0, postRequestedFor(urlPathEqualTo(NPD_PATH)));
    }

    @Test
    void onlyCivilStatusOfficers() {
        Response r = as(Officers.judicialRecord()).contentType("application/json").header("Idempotency-Key", "k-12345678")
                .body(body("HS-NB-9", "A B")).post(PATH);
        Problems.assertProblem(r, 403, "FORBIDDEN");
        Response english = asCivilStatusOfficer().header("Accept-Language", "en").contentType("application/json")
                .body(body("HS-NB-9", "A B")).post(PATH);
        assertEquals("Idempotency-Key required", english.jsonPath().getString("title"));
    }

    @Test
    void npdRefusalIs422WithTheNpdsCode() {
        npd.stubFor(post(urlPathEqualTo(NPD_PATH)).willReturn(NpdMock.errorResponse(400, "INVALID_REQUEST")));
        Problems.assertProblem(submit("nb-" + UUID.randomUUID(), body("HS-NB-10", "A B")), 422, "NPD_REFUSED");
    }

    @Test
    void issuedNumbersAreAudited() {
        npdIssues(201);
        Response r = submit("nb-" + UUID.randomUUID(), body("HS-NB-11", "Trần Thị Mai"));
        assertEquals(201, r.statusCode());
        var rows = AuditTables.byRequestId(dataSource, r.header("X-Request-Id"));
        assertEquals(1, rows.size());
        var row = rows.get(0);
        assertEquals("NEWBORN_PERSONAL_ID", row.operation());
        assertEquals(201, row.outcome());
        assertEquals(NUMBER, row.party("child").path("personalId").asText());
        assertEquals(MOTHER, row.party("mother").path("personalId").asText());
        assertEquals(FATHER, row.party("father").path("personalId").asText());
    }

    private String state(String key) {
        try (var c = dataSource.getConnection();
             var s = c.prepareStatement("SELECT state FROM newborn_personal_id WHERE agency = ? AND idempotency_key = ?")) {
            s.setString(1, Officers.AGENCY);
            s.setString(2, key);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String ROLE = Roles.CIVIL_STATUS_OFFICER;
}
