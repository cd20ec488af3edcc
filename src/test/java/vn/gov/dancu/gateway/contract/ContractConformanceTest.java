package vn.gov.dancu.gateway.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * Real answers of the running service, each checked against {@code openapi.yaml} by
 * {@link OpenApiValidation}: the status is documented for the operation, the media type, the
 * headers and every property match the schema. Calls that are wrong on purpose use the
 * response-only filter, so it is the gateway's refusal that is checked.
 */
@QuarkusTest
class ContractConformanceTest extends GatewayTest {

    @Test
    void prefillOfABirthRegistrationIsAsDocumented() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(okJson(
                Citizens.father().put("dateOfBirth", "1989").toString())));
        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .header("X-Request-Id", "counter-42-0001")
                .contentType("application/json")
                .body(Prefills.body("mother", Citizens.MOTHER, "father", Citizens.FATHER, "declarant", Citizens.MOTHER))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(200)
                .header("X-Request-Id", "counter-42-0001")
                .body("status", equalTo("COMPLETE"))
                .body("parties.father.fields.dateOfBirth.value", equalTo("1989"))
                .body("parties.father.fields.dateOfBirth.precision", equalTo("YEAR"))
                .body("issues.code", hasItem("PARTIAL_DATE_OF_BIRTH"))
                .body("suggestions.target", hasItem("child.ethnicity"));
    }

    @Test
    void partialPrefillWithACancelledNumberIsAsDocumented() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.CANCELLED).willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":\"ID_CANCELLED\",\"message\":\"Số định danh đã bị hủy\",\"replacedBy\":\""
                        + Citizens.REPLACEMENT + "\"}")));
        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .contentType("application/json")
                .body(Prefills.body("mother", Citizens.MOTHER, "father", Citizens.CANCELLED))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(200)
                .body("status", equalTo("PARTIAL"))
                .body("parties.father.outcome", equalTo("CANCELLED"))
                .body("parties.father.replacedBy", equalTo(Citizens.REPLACEMENT))
                .body("parties.father.fields", nullValue())
                .body("issues.code", hasItem("ID_CANCELLED"));
    }

    @Test
    void catalogueIsAsDocumented() {
        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .get("/api/v1/procedures")
                .then()
                .statusCode(200)
                .body("procedures", hasSize(6))
                .body("procedures.pathSegment", containsInAnyOrder("birth-registration", "death-registration",
                        "marriage-registration", "judicial-record", "birth-residence-insurance",
                        "death-residence-funeral"));
    }

    @Test
    void catalogueNamesAndLabelsFollowAcceptLanguage() {
        var vietnamese = asCivilStatusOfficer().filter(OpenApiValidation.filter()).get("/api/v1/procedures")
                .then().statusCode(200).extract().jsonPath();
        var english = asCivilStatusOfficer().filter(OpenApiValidation.filter()).header("Accept-Language", "en")
                .get("/api/v1/procedures").then().statusCode(200).extract().jsonPath();

        assertEquals("Đăng ký khai sinh", vietnamese.getString("procedures[0].name"));
        assertEquals("Birth registration", english.getString("procedures[0].name"));
        assertEquals(vietnamese.getString("procedures[0].nameEn"), english.getString("procedures[0].name"));
        assertEquals(vietnamese.getList("procedures[0].formFields.labelEn"),
                english.getList("procedures[0].formFields.label"));
        assertNotEquals(vietnamese.getList("procedures[0].formFields.label"),
                english.getList("procedures[0].formFields.label"));
        // Codes never change with the language.
        assertEquals(vietnamese.getList("procedures.code"), english.getList("procedures.code"));
        assertEquals(vietnamese.getList("procedures[0].formFields.key"), english.getList("procedures[0].formFields.key"));
    }

    @Test
    void invalidPersonalIdIsRefusedAsDocumented() {
        // Twelve digits, so the request honours the contract's pattern; 999 is no province code.
        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .contentType("application/json")
                .body(Prefills.body("mother", "999190004521"))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("violations.field", hasItem("parties.mother"));
        // Refused before any lookup: the NPD logs every access, so none may happen for a bad request.
        npd.verify(0, anyRequestedFor(urlPathMatching("/api/v1/citizens/.*")));
    }

    @Test
    void malformedJsonIsRefusedAsDocumented() {
        asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .contentType("application/json")
                .body("caseId=" + Prefills.CASE_ID + "&mother=" + Citizens.MOTHER)
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void unknownProcedureIsRefusedAsDocumented() {
        asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .contentType("application/json")
                .body(Prefills.body("mother", Citizens.MOTHER))
                .post(Prefills.path("birth-certificate"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("UNKNOWN_PROCEDURE"));
    }

    @Test
    void procedureOfAnotherRoleIsRefusedAsDocumented() {
        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId("LLTP-2026-001234", "applicant", Citizens.GROOM))
                .post(Prefills.path("judicial-record"))
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void tokenWithoutAgencyIsRefusedAsDocumented() {
        as(Officers.withoutAgency()).filter(OpenApiValidation.filter())
                .get("/api/v1/procedures")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("AGENCY_REQUIRED"));
    }

    @Test
    void npdOutageIsReportedAsDocumented() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(NpdMock.errorResponse(503, "MAINTENANCE")));
        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .contentType("application/json")
                .body(Prefills.body("mother", Citizens.MOTHER))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .body("code", equalTo("NPD_UNAVAILABLE"));
    }

    @Test
    void nonJsonBodyIsRefusedAsDocumented() {
        asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .contentType("text/plain")
                .body("mother=" + Citizens.MOTHER)
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void nonJsonAcceptIsRefusedAsDocumented() {
        asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .accept("text/html")
                .contentType("application/json")
                .body(Prefills.body("mother", Citizens.MOTHER))
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(406)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_ACCEPTABLE"));
    }

    @Test
    void oversizedBodyIsRefusedAsDocumented() {
        // Valid JSON the contract allows (unknown properties are ignored), just over 64 KiB.
        String padding = "x".repeat(64 * 1024);
        asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .contentType("application/json")
                .body("{\"caseId\":\"" + Prefills.CASE_ID + "\",\"parties\":{\"mother\":\"" + Citizens.MOTHER
                        + "\"},\"padding\":\"" + padding + "\"}")
                .post(Prefills.path("birth-registration"))
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void healthProbesAreAsDocumented() {
        given().filter(OpenApiValidation.filter()).get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"));
        given().filter(OpenApiValidation.filter()).get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
    }
}
