package vn.gov.dancu.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.CANCELLED;
import static vn.gov.dancu.gateway.testing.Citizens.FATHER;
import static vn.gov.dancu.gateway.testing.Citizens.GROOM;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;
import static vn.gov.dancu.gateway.testing.Citizens.UNKNOWN;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.AuditTables.Row;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * One audit record per data-access request, granted or refused, with everything Decree 13/2023
 * Art. 38 asks for — read back from the real PostgreSQL table, not through the gateway's own code.
 * Granted requests are committed before the answer leaves, so they are read at once; refusals are
 * written after the answer, so their tests wait (bounded) for them.
 */
@QuarkusTest
class AuditRecordTest extends GatewayTest {

    // Spec §3, written out here rather than read from the code, so a drift in the code fails.
    private static final Set<String> PARENT = Set.of("fullName", "dateOfBirth", "gender", "ethnicity", "nationality",
            "hometown", "permanentResidence", "temporaryResidence", "currentResidence", "spouse", "lifeStatus");
    private static final Set<String> DECLARANT = Set.of("fullName", "dateOfBirth", "idCard", "permanentResidence",
            "temporaryResidence", "currentResidence", "lifeStatus");
    private static final String BIRTH_LEGAL_BASIS =
            "Luật Hộ tịch 2014 (60/2014/QH13) Điều 13–16; Nghị định 123/2015/NĐ-CP";
    private static final String JUDICIAL_LEGAL_BASIS =
            "Luật Lý lịch tư pháp 2009 (28/2009/QH12) Điều 41–48; Thông tư 06/2024/TT-BTP";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Test
    void grantedPrefillIsRecordedOnceWithEveryFieldBeforeTheAnswer() {
        // Married to the father, so the only finding is the partial date (no paternity question).
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother()
                .set("spouse", Citizens.related(FATHER, "Trần Văn Minh")).toString())));
        npd.stubFor(NpdMock.lookup(FATHER).willReturn(okJson(Citizens.father().put("dateOfBirth", "1989").toString())));
        String requestId = requestId();
        String caseId = caseId();

        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId, "mother", MOTHER, "father", FATHER, "declarant", MOTHER))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(200);

        // No wait: a granted answer leaves only after its record is committed.
        List<Row> rows = AuditTables.byRequestId(dataSource, requestId);
        assertEquals(1, rows.size(), "one record per request");
        Row row = rows.get(0);
        Set<String> motherAsked = new TreeSet<>(PARENT);
        motherAsked.addAll(DECLARANT);
        assertAll(
                () -> assertEquals(Officers.CIVIL_STATUS_OFFICER, row.officer(), "officer = preferred_username"),
                () -> assertEquals(Officers.AGENCY, row.agency(), "agency = agency_code"),
                () -> assertEquals("counter-app", row.clientId(), "client id = azp"),
                () -> assertEquals("PREFILL", row.operation()),
                () -> assertEquals("BIRTH_REGISTRATION", row.procedure()),
                () -> assertEquals(caseId, row.caseId()),
                () -> assertEquals(BIRTH_LEGAL_BASIS, row.legalBasis()),
                () -> assertEquals(200, row.outcome()),
                () -> assertEquals(List.of("PARTIAL_DATE_OF_BIRTH", "CHILD_AGE_NOT_CHECKED"), row.issueCodeList()),
                () -> assertEquals(List.of("mother", "father", "declarant"),
                        Stream.of(0, 1, 2).map(i -> row.parties().get(i).path("role").asText()).toList(),
                        "every role named, in the procedure's order"),
                () -> assertEquals(3, row.parties().size()),
                () -> assertParty(row.party("mother"), MOTHER, PARENT),
                () -> assertParty(row.party("father"), FATHER, PARENT),
                () -> assertParty(row.party("declarant"), MOTHER, DECLARANT),
                // The mother is also the declarant: one call for both roles, with both roles' fields.
                () -> assertEquals(2, row.upstreamCalls().size(), "one upstream call per distinct person"),
                () -> assertCall(row.upstreamCall(MOTHER), motherAsked, 200),
                () -> assertCall(row.upstreamCall(FATHER), PARENT, 200));
        npd.verify(1, NpdMock.lookupRequest(MOTHER));
    }

    @Test
    void upstreamStatusesOfNotFoundAndCancelledPartiesAreRecordedWithNothingReleased() {
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(CANCELLED).willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":\"ID_CANCELLED\",\"message\":\"Số định danh đã bị hủy\"}")));
        npd.stubFor(NpdMock.lookup(UNKNOWN).willReturn(NpdMock.errorResponse(404, "CITIZEN_NOT_FOUND")));
        String requestId = requestId();

        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId(), "mother", MOTHER, "father", CANCELLED, "declarant", UNKNOWN))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(200);

        List<Row> rows = AuditTables.byRequestId(dataSource, requestId);
        assertEquals(1, rows.size());
        Row row = rows.get(0);
        assertAll(
                () -> assertEquals(200, row.outcome()),
                () -> assertParty(row.party("mother"), MOTHER, PARENT),
                () -> assertParty(row.party("father"), CANCELLED, Set.of()),
                () -> assertParty(row.party("declarant"), UNKNOWN, Set.of()),
                () -> assertCall(row.upstreamCall(MOTHER), PARENT, 200),
                () -> assertCall(row.upstreamCall(CANCELLED), PARENT, 410),
                () -> assertCall(row.upstreamCall(UNKNOWN), DECLARANT, 404),
                () -> assertTrue(row.issueCodeList().containsAll(List.of("ID_CANCELLED", "CITIZEN_NOT_FOUND")),
                        () -> "issue codes " + row.issueCodes()));
    }

    @Test
    void invalidNumberIsRecordedAsSentWithNothingAsked() {
        String requestId = requestId();
        String caseId = caseId();
        String elevenDigits = "07019000452";

        asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId, "mother", elevenDigits))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(400);

        Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertAll(
                () -> assertEquals(400, row.outcome()),
                () -> assertEquals(List.of("VALIDATION_FAILED"), row.issueCodeList()),
                () -> assertEquals(Officers.CIVIL_STATUS_OFFICER, row.officer()),
                () -> assertEquals(Officers.AGENCY, row.agency()),
                () -> assertEquals("BIRTH_REGISTRATION", row.procedure()),
                () -> assertEquals(caseId, row.caseId()),
                () -> assertEquals(BIRTH_LEGAL_BASIS, row.legalBasis()),
                // what was asked for is what the inspector needs, malformed or not
                () -> assertParty(row.party("mother"), elevenDigits, Set.of()),
                () -> assertEquals(0, row.upstreamCalls().size(), "nothing asked upstream"));
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @Test
    void officerWithoutTheProcedureRoleIsRecordedWithOfficerAndAgency() {
        String requestId = requestId();

        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId("LLTP-" + UUID.randomUUID().toString().substring(0, 8), "applicant",
                        GROOM))
                .post(Prefills.path("judicial-record"))
                .then()
                .statusCode(403);

        Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertAll(
                () -> assertEquals(403, row.outcome()),
                () -> assertEquals(List.of("FORBIDDEN"), row.issueCodeList()),
                () -> assertEquals(Officers.CIVIL_STATUS_OFFICER, row.officer()),
                () -> assertEquals(Officers.AGENCY, row.agency()),
                () -> assertEquals("counter-app", row.clientId()),
                () -> assertEquals("JUDICIAL_RECORD", row.procedure()),
                () -> assertEquals(JUDICIAL_LEGAL_BASIS, row.legalBasis()),
                () -> assertParty(row.party("applicant"), GROOM, Set.of()));
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @Test
    void tokenWithoutAgencyIsRecordedWithTheOfficer() {
        String requestId = requestId();

        as(Officers.withoutAgency()).filter(OpenApiValidation.filter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId(), "mother", MOTHER))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(403);

        Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertAll(
                () -> assertEquals(403, row.outcome()),
                () -> assertEquals(List.of("AGENCY_REQUIRED"), row.issueCodeList()),
                () -> assertEquals(Officers.CIVIL_STATUS_OFFICER, row.officer()),
                () -> assertNull(row.agency(), "the token had none"),
                // refused before the body was read: the procedure comes from the path, as its code
                () -> assertEquals("BIRTH_REGISTRATION", row.procedure()),
                () -> assertEquals(0, row.parties().size()));
    }

    @Test
    void unknownProcedureIsRecordedWithThePathAsSent() {
        String requestId = requestId();

        asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId(), "mother", MOTHER))
                .post(Prefills.path("birth-certificate"))
                .then()
                .statusCode(404);

        Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertAll(
                () -> assertEquals(404, row.outcome()),
                () -> assertEquals(List.of("UNKNOWN_PROCEDURE"), row.issueCodeList()),
                () -> assertEquals("birth-certificate", row.procedure()),
                () -> assertEquals(Officers.CIVIL_STATUS_OFFICER, row.officer()),
                () -> assertEquals(Officers.AGENCY, row.agency()));
    }

    @Test
    void npdOutageIsRecordedOnceWithPartiesAndFailedCalls() {
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(NpdMock.errorResponse(503, "MAINTENANCE")));
        String requestId = requestId();

        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId(), "mother", MOTHER))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(503);

        // Recorded by the resource before answering, so the refusal filter must not add a second.
        Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertAll(
                () -> assertEquals(503, row.outcome()),
                () -> assertParty(row.party("mother"), MOTHER, Set.of()),
                () -> assertEquals(1, row.upstreamCalls().size()),
                () -> assertCall(row.upstreamCall(MOTHER), PARENT, 503),
                () -> assertEquals(BIRTH_LEGAL_BASIS, row.legalBasis()));
    }

    @Test
    void unauthenticatedRequestIsNotRecorded() {
        String requestId = requestId();

        given().filter(OpenApiValidation.responseFilter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId(caseId(), "mother", MOTHER))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(401);

        // A refusal is queued before its answer is sent: once the writer is idle, it would be there.
        AuditTables.awaitIdle(writer);
        assertEquals(List.of(), AuditTables.byRequestId(dataSource, requestId), "nobody known to record");
    }

    private static void assertParty(JsonNode party, String personalId, Set<String> releasedFields) {
        assertEquals(personalId, party.path("personalId").asText(), () -> "personal id of " + party.path("role"));
        assertEquals(new TreeSet<>(releasedFields), AuditTables.textSet(party.path("releasedFields")),
                () -> "released fields of " + party.path("role"));
        assertEquals(releasedFields.size(), party.path("releasedFields").size(), "no field twice");
    }

    private static void assertCall(JsonNode call, Set<String> fields, int status) {
        assertEquals("NPD", call.path("upstream").asText());
        assertEquals(new TreeSet<>(fields), AuditTables.textSet(call.path("fields")), "fields asked");
        assertEquals(status, call.path("status").asInt(), "upstream status");
    }

    /** Each test its own request id, to find its record among everyone's. */
    private static String requestId() {
        return "audit-" + UUID.randomUUID();
    }

    /** Each test its own dossier, so no answer comes from the NPD client's per-case cache. */
    private static String caseId() {
        return "HS-AUDIT-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
