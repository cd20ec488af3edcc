package vn.gov.dancu.sandbox;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.upstream.npd.NpdResilience;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.NpdCall;
import vn.gov.dancu.sandbox.npd.SandboxPersonas;

/**
 * The gateway against the sandbox, end to end over real HTTP: officer tokens from the simulated
 * identity provider (validated by Quarkus OIDC through discovery and JWKS like any provider) and
 * citizens from the simulated NPD — what a vendor gets from {@code bin/sandbox}.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class SandboxEndToEndTest {

    @Inject
    NpdResilience resilience;

    @Inject
    CircuitBreakerMaintenance breakers;

    private Sandbox sandbox;

    @BeforeEach
    void fresh() {
        sandbox = SandboxTestResource.current();
        sandbox.npd().maintenance(false);
        sandbox.npd().clearCalls();
        resilience.reset();
    }

    @AfterEach
    void closeBreakers() {
        breakers.resetAll();
    }

    /** A token as a vendor gets it: the password grant of the README's walk-through. */
    private String token(String username) {
        return RestAssured.given()
                .formParam("grant_type", "password").formParam("client_id", "counter-app")
                .formParam("username", username).formParam("password", IdentityProviderSimulator.PASSWORD)
                .post(sandbox.idp().tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    private Response prefill(String procedure, String body) {
        return RestAssured.given().auth().oauth2(token("cs-officer")).contentType("application/json").body(body)
                .post("/api/v1/prefill/" + procedure);
    }

    @Test
    void prefillsTheReadmeBirthRegistrationFromTheSimulatedNpd() {
        prefill("birth-registration", "{\"caseId\":\"HS-2026-000123\",\"parties\":{\"mother\":\""
                + SandboxPersonas.MOTHER + "\",\"father\":\"" + SandboxPersonas.FATHER + "\",\"declarant\":\""
                + SandboxPersonas.DECLARANT + "\"}}")
                .then().statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .body("parties.mother.fields.fullName.value", equalTo("Nguyễn Thị Lan"))
                .body("suggestions.target", hasItem("child.ethnicity"));
        // The simulated NPD saw the purpose binding of a real officer and dossier.
        List<NpdCall> lookups = sandbox.npd().calls().stream().filter(c -> c.path().startsWith("/api/v1/citizens/"))
                .toList();
        assertEquals(3, lookups.size(), "one lookup per distinct person");
        for (NpdCall call : lookups) {
            assertEquals("BIRTH_REGISTRATION", call.purpose());
            assertEquals("HS-2026-000123", call.caseId());
            assertEquals("cs-officer", call.officerId());
            assertEquals("UBND-P-DONGXOAI", call.agencyCode());
            assertFalse(call.fields().contains("religion") || call.fields().contains("bloodType"));
        }
    }

    @Test
    void normalisesTheDecomposedNameOfTheSandbox() {
        String name = RestAssured.given().auth().oauth2(token("jr-officer")).contentType("application/json")
                .body("{\"caseId\":\"HS-2026-2\",\"parties\":{\"applicant\":\"" + SandboxPersonas.NFD_NAME + "\"}}")
                .post("/api/v1/prefill/judicial-record")
                .then().statusCode(200).extract().path("parties.applicant.fields.fullName.value");
        assertTrue(Normalizer.isNormalized(name, Normalizer.Form.NFC), "the NPD's NFD name leaves the gateway as NFC");
    }

    @Test
    void reportsTheSandboxsAwkwardCases() {
        prefill("marriage-registration", "{\"caseId\":\"HS-2026-3\",\"parties\":{\"bride\":\""
                + SandboxPersonas.SIBLING_SISTER + "\",\"groom\":\"" + SandboxPersonas.SIBLING_BROTHER + "\"}}")
                .then().statusCode(200).body("issues.code", hasItem("SHARED_PARENT"));
        prefill("death-registration", "{\"caseId\":\"HS-2026-4\",\"parties\":{\"deceased\":\""
                + SandboxPersonas.CANCELLED_WITH_REPLACEMENT + "\",\"declarant\":\"" + SandboxPersonas.DECLARANT
                + "\"}}")
                .then().statusCode(200).body("status", equalTo("PARTIAL"))
                .body("parties.deceased.replacedBy", equalTo(SandboxPersonas.REPLACEMENT));
    }

    @Test
    void answers503PromptlyWhenTheSimulatedNpdIsInMaintenance() {
        sandbox.npd().maintenance(true);
        prefill("birth-registration", "{\"caseId\":\"HS-2026-5\",\"parties\":{\"mother\":\""
                + SandboxPersonas.MOTHER + "\"}}")
                .then().statusCode(503).body("code", equalTo("NPD_UNAVAILABLE"));
    }
}
