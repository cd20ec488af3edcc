package vn.gov.dancu.gateway.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Verify-only (spec §5.3): per-claim verdicts through the NPD's verify operation, claims in NFC,
 * every refusal, and — whatever the NPD answers — no value the caller did not send.
 */
@QuarkusTest
class ClaimVerificationTest extends GatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v1/verify";
    private static final String NPD_VERIFY = "/api/v1/citizens/" + Citizens.MOTHER + ":verify";

    private static MappingBuilder npdVerify() {
        return post(urlPathEqualTo(NPD_VERIFY));
    }

    private Response verify(Map<String, Object> body) {
        return as(Officers.civilStatus()).filter(OpenApiValidation.responseFilter()).contentType("application/json")
                .body(body).post(PATH);
    }

    private static Map<String, Object> body(Map<String, Object> claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", "KH-2026-000078");
        body.put("procedure", "MARRIAGE_REGISTRATION");
        body.put("personalId", Citizens.MOTHER);
        body.put("claims", claims);
        return body;
    }

    @Test
    void answersOneVerdictPerClaimWithThePurposeAndNfcClaims() {
        npd.stubFor(npdVerify().willReturn(okJson("{\"personalId\":\"" + Citizens.MOTHER
                + "\",\"results\":{\"fullName\":\"MATCH\",\"dateOfBirth\":\"MISMATCH\",\"motherFullName\":\"NO_DATA\"}}")));
        String nfd = Normalizer.normalize("  Nguyễn   Thị Lan ", Normalizer.Form.NFD);
        Response ok = verify(body(Map.of("fullName", nfd, "dateOfBirth", "1991", "motherFullName", "Lê Thị Hồng")));
        assertEquals(200, ok.statusCode(), ok.asString());
        assertEquals(Map.of("fullName", "MATCH", "dateOfBirth", "MISMATCH", "motherFullName", "NO_DATA"),
                ok.jsonPath().getMap("results"));
        assertEquals(Citizens.MOTHER, ok.path("personalId"));
        npd.verify(postRequestedFor(urlPathEqualTo(NPD_VERIFY))
                .withHeader("X-Purpose", equalTo("MARRIAGE_REGISTRATION"))
                .withHeader("X-Case-Id", equalTo("KH-2026-000078"))
                .withRequestBody(matchingJsonPath("$.fullName", equalTo("Nguyễn Thị Lan"))));
    }

    @Test
    void unknownOrEmptyClaimsAre400() {
        JsonPath unknown = Problems.assertProblem(verify(body(Map.of("religion", "Phật giáo"))), 400,
                "VALIDATION_FAILED");
        assertEquals("claims.religion", unknown.getString("violations[0].field"));
        JsonPath empty = Problems.assertProblem(verify(body(Map.of())), 400, "VALIDATION_FAILED");
        assertEquals("claims", empty.getString("violations[0].field"));
        Problems.assertProblem(verify(body(Map.of("dateOfBirth", "12/05/1990"))), 400, "VALIDATION_FAILED");
        Problems.assertProblem(verify(body(Map.of("gender", "F"))), 400, "VALIDATION_FAILED");
        Map<String, Object> badProcedure = body(Map.of("fullName", "X"));
        badProcedure.put("procedure", "PASSPORT");
        badProcedure.put("personalId", "285104721");
        JsonPath both = Problems.assertProblem(verify(badProcedure), 400, "VALIDATION_FAILED");
        assertEquals(List.of("procedure", "personalId"), both.getList("violations.field"));
        npd.verify(0, postRequestedFor(urlPathEqualTo(NPD_VERIFY)));
    }

    @Test
    void anUnknownNumberIs404AndACancelledOne410WithReplacedBy() {
        npd.stubFor(npdVerify().willReturn(NpdMock.errorResponse(404, "CITIZEN_NOT_FOUND")));
        Problems.assertProblem(verify(body(Map.of("fullName", "Nguyễn Thị Lan"))), 404, "CITIZEN_NOT_FOUND");
        npd.stubFor(NpdMock.offContract(npdVerify()).willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":\"ID_CANCELLED\",\"message\":\"x\",\"replacedBy\":\"" + Citizens.REPLACEMENT
                        + "\"}")));
        JsonPath cancelled = Problems.assertProblem(verify(body(Map.of("fullName", "Nguyễn Thị Lan"))), 410,
                "ID_CANCELLED");
        assertEquals(Citizens.REPLACEMENT, cancelled.getString("replacedBy"));
    }

    @Test
    void npdDownIs503WithRetryAfter() {
        npd.stubFor(npdVerify().willReturn(NpdMock.errorResponse(503, "MAINTENANCE").withHeader("Retry-After", "7")));
        Response down = verify(body(Map.of("fullName", "Nguyễn Thị Lan")));
        Problems.assertProblem(down, 503, "NPD_UNAVAILABLE");
        assertEquals("7", down.header("Retry-After"));
    }

    @Test
    void theOtherOfficersProcedureIsForbidden() {
        Map<String, Object> judicial = body(Map.of("fullName", "Nguyễn Thị Lan"));
        judicial.put("procedure", "JUDICIAL_RECORD");
        Problems.assertProblem(verify(judicial), 403, "FORBIDDEN");
    }

    /**
     * The register's values never come back, even from an NPD that misbehaves: it answers the
     * verdicts, plus the whole record, a verdict for a claim nobody sent, and a "verdict" that is
     * a value. Over randomised claims (some true, some false), the gateway's body holds only the
     * claim names sent, their verdicts, the number and the request id.
     */
    @Test
    void neverEchoesARegisterValue() throws Exception {
        ObjectNode record = Citizens.mother();
        record.putObject("father").put("fullName", "Trần Văn Cha").put("personalId", "070060001111");
        record.putObject("mother").put("fullName", "Lê Thị Mẹ").put("personalId", "070162002222");
        List<String> registerValues = new ArrayList<>();
        collectTexts(record, registerValues);
        registerValues.removeIf(v -> v.length() < 3 || v.equals(Citizens.MOTHER));
        Map<String, String> truths = Map.of("fullName", "Nguyễn Thị Lan", "dateOfBirth", "1990-05-12",
                "gender", "FEMALE", "permanentResidenceWardCode", "25195", "fatherFullName", "Trần Văn Cha",
                "motherFullName", "Lê Thị Mẹ");
        Map<String, String> lies = Map.of("fullName", "Phạm Văn Khác", "dateOfBirth", "1977-01-01",
                "gender", "MALE", "permanentResidenceWardCode", "99999", "fatherFullName", "Đỗ Văn Sai",
                "motherFullName", "Hà Thị Sai");
        Random random = new Random(20261202L);
        for (int round = 0; round < 12; round++) {
            Map<String, Object> claims = new LinkedHashMap<>();
            ObjectNode results = JSON.createObjectNode();
            for (String name : truths.keySet()) {
                if (random.nextBoolean()) {
                    boolean tell = random.nextBoolean();
                    claims.put(name, tell ? truths.get(name) : lies.get(name));
                    results.put(name, tell ? "MATCH" : "MISMATCH");
                }
            }
            if (claims.isEmpty()) {
                claims.put("gender", "MALE");
                results.put("gender", "MISMATCH");
            }
            results.put("religion", "MATCH"); // a claim nobody sent
            ObjectNode answer = JSON.createObjectNode();
            answer.put("personalId", Citizens.MOTHER);
            answer.set("results", results);
            answer.set("record", record); // an NPD that overshares
            npd.stubFor(NpdMock.offContract(npdVerify()).willReturn(okJson(answer.toString())));

            Response ok = verify(body(claims));
            assertEquals(200, ok.statusCode(), ok.asString());
            String text = ok.asString();
            JsonNode body = JSON.readTree(text);
            assertEquals(claims.keySet(), JSON.convertValue(body.get("results"), Map.class).keySet());
            for (String value : registerValues) {
                if (!claims.containsValue(value)) {
                    assertFalse(text.contains(value), () -> "register value echoed: " + value + " in " + text);
                }
            }
            assertFalse(text.contains("religion"));
        }
        // And an answer whose "verdict" is a value is no answer at all.
        npd.stubFor(NpdMock.offContract(npdVerify()).willReturn(okJson("{\"personalId\":\"" + Citizens.MOTHER
                + "\",\"results\":{\"fullName\":\"Nguyễn Thị Lan\"}}")));
        Response odd = verify(body(Map.of("fullName", "Someone Else")));
        Problems.assertProblem(odd, 503, "NPD_UNAVAILABLE");
        assertFalse(odd.asString().contains("Nguyễn Thị Lan"));
    }

    private static void collectTexts(JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectTexts(child, out));
        }
    }

    @Test
    void theCheckIsAuditedWithClaimNamesOnly() {
        npd.stubFor(npdVerify().willReturn(okJson("{\"personalId\":\"" + Citizens.MOTHER
                + "\",\"results\":{\"fullName\":\"MATCH\"}}")));
        Response ok = verify(body(Map.of("fullName", "Nguyễn Thị Lan")));
        assertEquals(200, ok.statusCode());
        Response log = as(vn.gov.dancu.gateway.testing.AuditTables.auditor()).contentType("application/json")
                .body(Map.of("personalId", Citizens.MOTHER, "caseId", "KH-2026-000078"))
                .post("/api/v1/audit/access-log/search");
        assertEquals(200, log.statusCode(), log.asString());
        List<Map<String, Object>> items = log.jsonPath().getList("items");
        Map<String, Object> entry = items.stream().filter(i -> ok.header("X-Request-Id").equals(i.get("requestId")))
                .findFirst().orElseThrow(() -> new AssertionError(log.asString()));
        assertEquals("CLAIM_VERIFICATION", entry.get("operation"));
        assertTrue(entry.toString().contains("fullName"), entry.toString());
        assertFalse(entry.toString().contains("Nguyễn Thị Lan"), "claim values are not recorded");
    }
}
