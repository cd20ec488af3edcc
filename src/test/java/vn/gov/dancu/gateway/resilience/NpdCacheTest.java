package vn.gov.dancu.gateway.resilience;

import vn.gov.dancu.gateway.testing.CacheOn;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.FATHER;
import static vn.gov.dancu.gateway.testing.Citizens.GRANDMOTHER;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;
import static vn.gov.dancu.gateway.testing.Citizens.UNKNOWN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Issue 4 item 5: the per-case cache spares the quota when an officer reopens the same form —
 * same procedure, case, agency, person and fields within the TTL — says so in each value's
 * provenance, never keeps a failure or a "not found", and is still audited.
 *
 * <p>Runs with the cache on (the test profile switches it off for every other test, whose
 * requests reuse one case id and expect each lookup to reach the NPD).
 */
@QuarkusTest
@TestProfile(CacheOn.class)
class NpdCacheTest extends ResilienceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answersTheSameFormReopenedWithinTheTtlFromTheCache() {
        stubFound(Citizens.mother());

        Instant before = Instant.now();
        JsonPath first = prefillFor("birth-registration", Prefills.CASE_ID, "mother", MOTHER).then().statusCode(200)
                .extract().jsonPath();
        JsonPath second = prefillFor("birth-registration", Prefills.CASE_ID, "mother", MOTHER).then().statusCode(200)
                .extract().jsonPath();

        npd.verify(1, NpdMock.lookupRequest(MOTHER)); // two prefills, one NPD call
        Map<String, Map<String, Object>> fresh = first.getMap("parties.mother.fields");
        Map<String, Map<String, Object>> reused = second.getMap("parties.mother.fields");
        assertEquals(fresh.keySet(), reused.keySet());
        fresh.forEach((name, field) -> {
            assertFalse(field.containsKey("cached"), () -> "a fresh value is not marked cached: " + name);
            assertFalse(field.containsKey("retrievedAt"), () -> "a fresh value was retrieved just now: " + name);
        });
        reused.forEach((name, field) -> {
            assertEquals(Boolean.TRUE, field.get("cached"), name);
            assertEquals(fresh.get(name).get("value"), field.get("value"), name);
            Instant retrievedAt = Instant.parse((String) field.get("retrievedAt"));
            // When the NPD gave it: during the first prefill, not now.
            assertFalse(retrievedAt.isBefore(before), name + " retrieved at " + retrievedAt);
            assertTrue(retrievedAt.isBefore(Instant.parse(second.getString("retrievedAt"))), name);
        });
        assertEquals("COMPLETE", second.getString("status"));
    }

    @Test
    void missesTheCacheForAnotherCaseProcedureFieldSetOrAgency() {
        stubFound(Citizens.mother());
        stubFound(Citizens.father());
        stubFound(Citizens.grandmother());
        String otherAgency = Officers.token("cs.other", "UBND-X-KHAC", Roles.CIVIL_STATUS_OFFICER);

        // 1: the mother as a parent (PARENT fields).
        prefillFor("birth-registration", "HS-1", "mother", MOTHER).then().statusCode(200);
        // 2: another case.
        prefillFor("birth-registration", "HS-2", "mother", MOTHER).then().statusCode(200);
        // 3: the same case, but the mother as declarant: another field set.
        prefillFor("birth-registration", "HS-1", "father", FATHER, "declarant", MOTHER).then().statusCode(200);
        // 4: the same declarant fields in the same case, but for a death registration.
        prefillFor("death-registration", "HS-1", "deceased", GRANDMOTHER, "declarant", MOTHER).then()
                .statusCode(200);
        // 5: the same request as 1, from an officer of another agency.
        as(otherAgency).contentType("application/json").body(Prefills.bodyWithCaseId("HS-1", "mother", MOTHER))
                .post(Prefills.path("birth-registration")).then().statusCode(200);

        npd.verify(5, NpdMock.lookupRequest(MOTHER)); // five different keys, five calls
        // 6: request 1 again: its own key is still cached.
        prefillFor("birth-registration", "HS-1", "mother", MOTHER).then().statusCode(200);
        npd.verify(5, NpdMock.lookupRequest(MOTHER));
    }

    @Test
    void neverCachesAFailure() {
        // Two 503s (the first attempt and its retry), then the NPD is back.
        npd.stubFor(NpdMock.lookup(MOTHER).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(NpdMock.errorResponse(503, "UNAVAILABLE")).willSetStateTo("still down"));
        npd.stubFor(NpdMock.lookup(MOTHER).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(NpdMock.errorResponse(503, "UNAVAILABLE")).willSetStateTo("back"));
        npd.stubFor(NpdMock.lookup(MOTHER).inScenario("outage").whenScenarioStateIs("back")
                .willReturn(okJson(Citizens.mother().toString())));

        Problems.assertProblem(prefillFor("birth-registration", Prefills.CASE_ID, "mother", MOTHER), 503,
                "NPD_UNAVAILABLE");
        npd.verify(2, NpdMock.lookupRequest(MOTHER));

        JsonPath afterOutage = prefillFor("birth-registration", Prefills.CASE_ID, "mother", MOTHER).then()
                .statusCode(200).extract().jsonPath();
        assertNull(afterOutage.get("parties.mother.fields.fullName.cached"), "fetched, not reused");
        npd.verify(3, NpdMock.lookupRequest(MOTHER)); // the failure was not kept: the NPD was asked

        prefillFor("birth-registration", Prefills.CASE_ID, "mother", MOTHER).then().statusCode(200);
        npd.verify(3, NpdMock.lookupRequest(MOTHER)); // the success is kept
    }

    @Test
    void neverCachesANotFound() {
        npd.stubFor(NpdMock.lookup(UNKNOWN).willReturn(NpdMock.errorResponse(404, "CITIZEN_NOT_FOUND")));

        for (int i = 0; i < 2; i++) {
            JsonPath body = prefillFor("birth-registration", Prefills.CASE_ID, "mother", UNKNOWN).then()
                    .statusCode(200).extract().jsonPath();
            assertEquals("NOT_FOUND", body.getString("parties.mother.outcome"));
        }

        // A number may be registered any minute: each prefill asks again.
        npd.verify(2, NpdMock.lookupRequest(UNKNOWN));
    }

    @Test
    void auditsAnAnswerServedFromTheCache() throws SQLException {
        stubFound(Citizens.mother());

        Response first = prefillFor("birth-registration", Prefills.CASE_ID, "mother", MOTHER);
        Response second = prefillFor("birth-registration", Prefills.CASE_ID, "mother", MOTHER);
        first.then().statusCode(200);
        second.then().statusCode(200);
        npd.verify(1, NpdMock.lookupRequest(MOTHER));

        // The record is committed before the response is released, so it is there now.
        assertEquals(List.of("NPD"), upstreams(first.header("X-Request-Id")));
        assertEquals(List.of("NPD_CACHE"), upstreams(second.header("X-Request-Id")));
    }

    /** The upstream of each call recorded for the request, in order. */
    private List<String> upstreams(String requestId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT upstream_calls::text FROM audit_record WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), () -> "an audit record for request " + requestId);
                JsonNode calls = readTree(rs.getString(1));
                assertFalse(rs.next(), "one audit record per request");
                List<String> upstreams = new ArrayList<>();
                for (JsonNode call : calls) {
                    assertEquals(MOTHER, call.path("personalId").asText());
                    upstreams.add(call.path("upstream").asText());
                }
                return upstreams;
            }
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("upstream_calls is not JSON: " + json, e);
        }
    }

    private static Response prefillFor(String procedure, String caseId, String... roleThenNumber) {
        RequestSpecification request = asCivilStatusOfficer().contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId, roleThenNumber));
        return request.post(Prefills.path(procedure));
    }
}
