package vn.gov.dancu.gateway.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;

@QuarkusTest
class PrefillResourceTest extends GatewayTest {

    @Test
    void prefillsBirthRegistrationWithProvenance() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(com.github.tomakehurst.wiremock.client.WireMock
                .okJson(Citizens.father().toString())));
        asCivilStatusOfficer()
                .contentType("application/json")
                .body("{\"caseId\":\"HS-2026-000123\",\"parties\":{\"mother\":\"" + Citizens.MOTHER
                        + "\",\"father\":\"" + Citizens.FATHER + "\"}}")
                .post("/api/v1/prefill/birth-registration")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .body("parties.mother.fields.fullName.value", equalTo("Nguyễn Thị Lan"))
                .body("parties.mother.fields.fullName.source", equalTo("NPD"))
                .body("parties.mother.fields.dateOfBirth.precision", equalTo("DAY"))
                .body("parties.mother.fields.religion", nullValue());
    }
}
