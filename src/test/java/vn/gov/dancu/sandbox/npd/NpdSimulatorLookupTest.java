package vn.gov.dancu.sandbox.npd;

import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.npdRequest;
import static vn.gov.dancu.sandbox.npd.SandboxPersonas.*;

import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.dancu.gateway.testing.ManualClock;

class NpdSimulatorLookupTest {

    private static NpdSimulator npd;
    private static String token;

    @BeforeAll
    static void start() {
        npd = SandboxFixtures.startNpd(new ManualClock(SandboxFixtures.T0));
        token = SandboxFixtures.npdToken(npd);
    }

    @AfterAll
    static void stop() {
        npd.close();
    }

    @AfterEach
    void reset() {
        npd.reset();
    }

    // --- purpose headers -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"X-Purpose", "X-Case-Id", "X-Officer-Id", "X-Agency-Code"})
    void requiresEveryPurposeHeader(String missing) {
        io.restassured.specification.RequestSpecification request = io.restassured.RestAssured.given()
                .baseUri(npd.baseUrl()).header("Authorization", "Bearer " + token);
        Map<String, String> headers = Map.of("X-Purpose", "BIRTH_REGISTRATION", "X-Case-Id", "HS-1",
                "X-Officer-Id", "cs-officer", "X-Agency-Code", "UBND-P-DONGXOAI");
        headers.forEach((name, value) -> {
            if (!name.equals(missing)) {
                request.header(name, value);
            }
        });
        request.get("/api/v1/citizens/" + MOTHER + "?fields=fullName")
                .then().statusCode(400).body("errorCode", equalTo("PURPOSE_REQUIRED"));
    }

    @Test
    void rejectsAPurposeThatIsNotOneOfTheSixCodes() {
        io.restassured.RestAssured.given().baseUri(npd.baseUrl()).header("Authorization", "Bearer " + token)
                .header("X-Purpose", "CURIOSITY").header("X-Case-Id", "HS-1")
                .header("X-Officer-Id", "cs-officer").header("X-Agency-Code", "UBND-P-DONGXOAI")
                .get("/api/v1/citizens/" + MOTHER + "?fields=fullName")
                .then().statusCode(400).body("errorCode", equalTo("PURPOSE_REQUIRED"));
    }

    @Test
    void rejectsACallThatClaimsTwoPurposes() {
        npdRequest(npd, token).header("X-Purpose", "JUDICIAL_RECORD")
                .get("/api/v1/citizens/" + MOTHER + "?fields=fullName")
                .then().statusCode(400).body("errorCode", equalTo("PURPOSE_REQUIRED"));
    }

    // --- field filtering -----------------------------------------------------------------------

    @Test
    void returnsThePersonalIdAndOnlyTheRequestedFields() {
        Map<String, Object> body = npdRequest(npd, token)
                .get("/api/v1/citizens/" + MOTHER + "?fields=fullName,dateOfBirth,ethnicity")
                .then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals(List.of("personalId", "fullName", "dateOfBirth", "ethnicity"), List.copyOf(body.keySet()));
        assertEquals(MOTHER, body.get("personalId"));
        assertEquals("Nguyễn Thị Lan", body.get("fullName"));
        assertEquals(Map.of("code", "01", "name", "Kinh"), body.get("ethnicity"));
    }

    @Test
    void returnsNullForARequestedFieldTheNpdHoldsNoValueFor() {
        npdRequest(npd, token).get("/api/v1/citizens/" + MOTHER + "?fields=temporaryResidence,email")
                .then().statusCode(200)
                .body("$", hasKey("temporaryResidence")).body("temporaryResidence", nullValue())
                .body("$", hasKey("email")).body("email", nullValue());
    }

    @Test
    void returnsReligionAndBloodTypeOnlyWhenAskedFor() {
        npdRequest(npd, token).get("/api/v1/citizens/" + MOTHER + "?fields=fullName")
                .then().body("$", not(hasKey("religion"))).body("$", not(hasKey("bloodType")));
        npdRequest(npd, token).get("/api/v1/citizens/" + MOTHER + "?fields=religion,bloodType")
                .then().body("religion.name", equalTo("Phật giáo")).body("bloodType", equalTo("O"));
    }

    @Test
    void acceptsFieldsAsRepeatedParametersAndIgnoresRepeats() {
        npdRequest(npd, token)
                .get("/api/v1/citizens/" + MOTHER + "?fields=fullName&fields=gender,fullName")
                .then().statusCode(200).body("$", aMapWithSize(3)).body("gender", equalTo("FEMALE"));
    }

    @Test
    void returnsAddressesAndRelatedPeopleInTheContractsShape() {
        npdRequest(npd, token)
                .get("/api/v1/citizens/" + MOTHER + "?fields=permanentResidence,household,spouse,idCard")
                .then().statusCode(200)
                .body("permanentResidence.provinceCode", equalTo("70"))
                .body("permanentResidence.districtCode", equalTo("689"))
                .body("permanentResidence.wardName", equalTo("Phường Tân Phú"))
                .body("household.headPersonalId", equalTo(FATHER))
                .body("household.relationshipToHead", equalTo("Vợ"))
                .body("spouse.personalId", equalTo(FATHER))
                .body("spouse.nationality.code", equalTo("VN"))
                .body("idCard.number", equalTo(MOTHER));
    }

    @Test
    void returnsTheNameExactlyAsStoredEvenWhenDecomposed() {
        String name = npdRequest(npd, token).get("/api/v1/citizens/" + NFD_NAME + "?fields=fullName")
                .then().statusCode(200).extract().path("fullName");
        assertFalse(Normalizer.isNormalized(name, Normalizer.Form.NFC), "the client must normalise, not the NPD");
        assertEquals(SandboxFixtures.POPULATION.find(NFD_NAME).orElseThrow().fullName(), name);
    }

    @Test
    void rejectsALookupWithoutFieldsWith400InvalidRequest() {
        npdRequest(npd, token).get("/api/v1/citizens/" + MOTHER)
                .then().statusCode(400).body("errorCode", equalTo("INVALID_REQUEST"));
    }

    @Test
    void rejectsAnUnknownFieldWith400UnknownField() {
        npdRequest(npd, token).get("/api/v1/citizens/" + MOTHER + "?fields=fullName,salary")
                .then().statusCode(400).body("errorCode", equalTo("UNKNOWN_FIELD"));
    }

    // --- numbers -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"12345", OLD_ID_CARD_NUMBER, "999190004521", "070990004521", "07019000452X"})
    void rejectsAMalformedNumberWith400InvalidId(String number) {
        npdRequest(npd, token).get("/api/v1/citizens/" + number + "?fields=fullName")
                .then().statusCode(400).body("errorCode", equalTo("INVALID_ID"));
    }

    @Test
    void answers404CitizenNotFoundForAValidNumberNobodyHolds() {
        npdRequest(npd, token).get("/api/v1/citizens/" + NOT_IN_NPD + "?fields=fullName")
                .then().statusCode(404).body("errorCode", equalTo("CITIZEN_NOT_FOUND"))
                .body("message", notNullValue());
    }

    @Test
    void answers410WithReplacementForACancelledNumber() {
        npdRequest(npd, token).get("/api/v1/citizens/" + CANCELLED_WITH_REPLACEMENT + "?fields=fullName")
                .then().statusCode(410)
                .body("errorCode", equalTo("ID_CANCELLED"))
                .body("replacedBy", equalTo(REPLACEMENT));
        npdRequest(npd, token).get("/api/v1/citizens/" + REPLACEMENT + "?fields=fullName")
                .then().statusCode(200).body("fullName", equalTo("Vũ Ngọc Anh"));
    }

    @Test
    void answers410WithoutReplacementWhenTheNpdKnowsNone() {
        npdRequest(npd, token).get("/api/v1/citizens/" + CANCELLED_WITHOUT_REPLACEMENT + "?fields=fullName")
                .then().statusCode(410)
                .body("errorCode", equalTo("ID_CANCELLED"))
                .body("$", not(hasKey("replacedBy")));
    }

    // --- batchGet ------------------------------------------------------------------------------

    @Test
    void batchGetSplitsFoundNotFoundAndCancelledNumbers() {
        HttpResponse<String> response = SandboxFixtures.rawPost(npd.baseUrl() + "/api/v1/citizens:batchGet", token,
                """
                {"personalIds": ["%s", "%s", "%s", "%s", "%s"], "fields": ["fullName", "gender"]}
                """.formatted(SINGLE_WOMAN, SINGLE_MAN, NOT_IN_NPD, CANCELLED_WITH_REPLACEMENT,
                        CANCELLED_WITHOUT_REPLACEMENT));
        assertEquals(200, response.statusCode());
        JsonPath body = JsonPath.from(response.body());
        assertEquals(List.of(SINGLE_WOMAN, SINGLE_MAN), body.getList("citizens.personalId"));
        assertEquals(List.of("FEMALE", "MALE"), body.getList("citizens.gender"));
        assertEquals(List.of("fullName", "gender", "personalId"),
                body.getMap("citizens[0]").keySet().stream().sorted().toList());
        assertEquals(List.of(NOT_IN_NPD), body.getList("notFound"));
        assertEquals(List.of(CANCELLED_WITH_REPLACEMENT, CANCELLED_WITHOUT_REPLACEMENT),
                body.getList("cancelled.personalId"));
        assertEquals(REPLACEMENT, body.getString("cancelled[0].replacedBy"));
        assertFalse(body.getMap("cancelled[1]").containsKey("replacedBy"));
    }

    @Test
    void batchGetAlsoAnswersAPercentEncodedColon() {
        HttpResponse<String> response = SandboxFixtures.rawPost(npd.baseUrl() + "/api/v1/citizens%3AbatchGet", token,
                "{\"personalIds\": [\"" + MOTHER + "\"], \"fields\": [\"fullName\"]}");
        assertEquals(200, response.statusCode());
        assertEquals(List.of("Nguyễn Thị Lan"), JsonPath.from(response.body()).getList("citizens.fullName"));
    }

    @Test
    void batchGetRejectsMoreThanTwentyNumbers() {
        String ids = String.join("\",\"", Collections.nCopies(21, MOTHER));
        HttpResponse<String> response = SandboxFixtures.rawPost(npd.baseUrl() + "/api/v1/citizens:batchGet", token,
                "{\"personalIds\": [\"" + ids + "\"], \"fields\": [\"fullName\"]}");
        assertEquals(400, response.statusCode());
        assertEquals("INVALID_REQUEST", JsonPath.from(response.body()).getString("errorCode"));
    }

    @Test
    void batchGetRejectsAMalformedNumberOrAnUnknownField() {
        HttpResponse<String> badId = SandboxFixtures.rawPost(npd.baseUrl() + "/api/v1/citizens:batchGet", token,
                "{\"personalIds\": [\"" + MOTHER + "\", \"123\"], \"fields\": [\"fullName\"]}");
        assertEquals("INVALID_ID", JsonPath.from(badId.body()).getString("errorCode"));
        HttpResponse<String> badField = SandboxFixtures.rawPost(npd.baseUrl() + "/api/v1/citizens:batchGet", token,
                "{\"personalIds\": [\"" + MOTHER + "\"], \"fields\": [\"religionOfGrandparents\"]}");
        assertEquals("UNKNOWN_FIELD", JsonPath.from(badField.body()).getString("errorCode"));
        HttpResponse<String> notJson = SandboxFixtures.rawPost(npd.baseUrl() + "/api/v1/citizens:batchGet", token,
                "{\"personalIds\": ");
        assertEquals(400, notJson.statusCode());
        assertEquals("INVALID_REQUEST", JsonPath.from(notJson.body()).getString("errorCode"));
    }

    // --- verify --------------------------------------------------------------------------------

    @Test
    void verifyMatchesANameAfterNfcCaseFoldingAndSpaceCollapsing() {
        assertEquals(Map.of("fullName", "MATCH"), verify(NFD_NAME, Map.of("fullName", "  NGUYỄN thị   Ho\u00E0 ")));
        assertEquals(Map.of("fullName", "MATCH"), verify(SPACED_NAME, Map.of("fullName", "Trần Văn Nam")));
    }

    @Test
    void verifyKeepsToneMarkVariantsApart() {
        assertEquals(Map.of("fullName", "MISMATCH"),
                verify(TONE_MARK_OLD_STYLE, Map.of("fullName", "Lê Thị Ho\u00E0")));
        assertEquals(Map.of("fullName", "MATCH"), verify(TONE_MARK_OLD_STYLE, Map.of("fullName", "Lê Thị H\u00F2a")));
    }

    @Test
    void verifyMatchesPartialDatesOnThePartsBothHold() {
        assertEquals("MATCH", verify(YEAR_ONLY_BIRTH, Map.of("dateOfBirth", "1952-03-04")).get("dateOfBirth"));
        assertEquals("MISMATCH", verify(YEAR_ONLY_BIRTH, Map.of("dateOfBirth", "1953")).get("dateOfBirth"));
        assertEquals("MATCH", verify(MOTHER, Map.of("dateOfBirth", "1990-05")).get("dateOfBirth"));
        assertEquals("MISMATCH", verify(MOTHER, Map.of("dateOfBirth", "1990-06")).get("dateOfBirth"));
        assertEquals("MATCH", verify(YEAR_MONTH_BIRTH, Map.of("dateOfBirth", "1968-03-21")).get("dateOfBirth"));
    }

    @Test
    void verifyAnswersEachClaimAndNoDataWhereTheNpdHoldsNothing() {
        Map<String, String> results = verify(CHILD_WITHOUT_FATHER, Map.of(
                "gender", "MALE", "fatherFullName", "Trần Văn Bố", "motherFullName", "nguyễn thị thùy dung",
                "permanentResidenceWardCode", "00000"));
        assertEquals(Map.of("gender", "MATCH", "fatherFullName", "NO_DATA", "motherFullName", "MATCH",
                "permanentResidenceWardCode", "MISMATCH"), results);
    }

    @Test
    void verifyRevealsNothingButTheVerdicts() {
        npdRequest(npd, token).contentType("application/json").body("{\"fullName\": \"Nguyễn Thị Lan\"}")
                .post("/api/v1/citizens/" + MOTHER + ":verify")
                .then().statusCode(200)
                .body("$", aMapWithSize(2))
                .body("personalId", equalTo(MOTHER))
                .body("results", aMapWithSize(1));
    }

    @Test
    void verifyRejectsAnEmptyBodyAnUnknownClaimAndABadDate() {
        for (String body : List.of("{}", "{\"religion\": \"x\"}", "{\"dateOfBirth\": \"12/05/1990\"}",
                "{\"gender\": \"OTHER\"}")) {
            npdRequest(npd, token).contentType("application/json").body(body)
                    .post("/api/v1/citizens/" + MOTHER + ":verify")
                    .then().statusCode(400).body("errorCode", equalTo("INVALID_REQUEST"));
        }
    }

    @Test
    void verifyAnswers404ForANumberNobodyHolds() {
        npdRequest(npd, token).contentType("application/json").body("{\"fullName\": \"A\"}")
                .post("/api/v1/citizens/" + NOT_IN_NPD + ":verify")
                .then().statusCode(404).body("errorCode", equalTo("CITIZEN_NOT_FOUND"));
    }

    // --- what the NPD keeps --------------------------------------------------------------------

    @Test
    void logsEachCallWithItsPurposeHeadersAndFields() {
        npdRequest(npd, token).header("X-Request-Id", "trace-1")
                .get("/api/v1/citizens/" + FATHER + "?fields=fullName,spouse");
        NpdCall call = npd.calls().get(npd.calls().size() - 1);
        assertEquals("GET", call.method());
        assertEquals("/api/v1/citizens/" + FATHER, call.path());
        assertEquals(NpdSimulator.DEFAULT_CLIENT_ID, call.clientId());
        assertEquals(List.of("BIRTH_REGISTRATION", SandboxFixtures.CASE_ID, SandboxFixtures.OFFICER,
                SandboxFixtures.AGENCY), List.of(call.purpose(), call.caseId(), call.officerId(), call.agencyCode()));
        assertEquals(List.of(FATHER), call.personalIds());
        assertEquals(List.of("fullName", "spouse"), call.fields());
        assertEquals(200, call.status());
        assertEquals("trace-1", call.requestId());
        assertEquals(SandboxFixtures.T0, call.at());
    }

    @Test
    void logsRefusedCallsWithTheirErrorCode() {
        npdRequest(npd, token).get("/api/v1/citizens/" + NOT_IN_NPD + "?fields=fullName");
        NpdCall call = npd.calls().get(npd.calls().size() - 1);
        assertEquals(404, call.status());
        assertEquals("CITIZEN_NOT_FOUND", call.errorCode());
        assertTrue(npd.callCount() >= 1);
    }

    @Test
    void keepsOnlyTheMostRecentCalls() {
        for (int i = 0; i <= NpdSimulator.CALL_LOG_CAPACITY; i++) {
            npd.record(new NpdCall(SandboxFixtures.T0, "GET", "/" + i, null, null, null, null, null, null,
                    List.of(), List.of(), 200, null));
        }
        List<NpdCall> calls = npd.calls();
        assertEquals(NpdSimulator.CALL_LOG_CAPACITY, calls.size());
        assertEquals("/1", calls.get(0).path());
    }

    @Test
    void servesTheCallLogOverHttpForTestsInOtherClassLoaders() {
        npdRequest(npd, token).get("/api/v1/citizens/" + MOTHER + "?fields=fullName");
        Response log = io.restassured.RestAssured.given().baseUri(npd.baseUrl()).get("/sandbox/calls");
        log.then().statusCode(200)
                .body("personalIds", contains(List.of(MOTHER)))
                .body("fields", contains(List.of("fullName")))
                .body("at", contains("2026-11-30T01:00:00Z"));
    }

    @Test
    void answersUnknownPathsWithTheErrorShape() {
        npdRequest(npd, token).get("/api/v2/people")
                .then().statusCode(404).body("errorCode", equalTo("INVALID_REQUEST"))
                .body("requestId", notNullValue());
    }

    @Test
    void reportsHealthWithoutAToken() {
        io.restassured.RestAssured.given().baseUri(npd.baseUrl()).get("/health")
                .then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void batchGetOfOneNumberReturnsTheSameRecordAsASingleLookup() {
        Map<String, Object> single = npdRequest(npd, token)
                .get("/api/v1/citizens/" + DECLARANT + "?fields=fullName,idCard,currentResidence")
                .then().extract().jsonPath().getMap("$");
        JsonPath batch = JsonPath.from(SandboxFixtures.rawPost(npd.baseUrl() + "/api/v1/citizens:batchGet", token,
                "{\"personalIds\": [\"" + DECLARANT + "\"],"
                        + " \"fields\": [\"fullName\", \"idCard\", \"currentResidence\"]}")
                .body());
        assertEquals(single, batch.getMap("citizens[0]"));
        assertTrue(batch.getList("notFound").isEmpty());
        org.hamcrest.MatcherAssert.assertThat(batch.getList("cancelled"), empty());
        org.hamcrest.MatcherAssert.assertThat(single.keySet(),
                containsInAnyOrder("personalId", "fullName", "idCard", "currentResidence"));
    }

    private Map<String, String> verify(String personalId, Map<String, String> claims) {
        return npdRequest(npd, token).contentType("application/json; charset=UTF-8").body(claims)
                .post("/api/v1/citizens/" + personalId + ":verify")
                .then().statusCode(200).body("personalId", equalTo(personalId))
                .extract().jsonPath().getMap("results");
    }
}
