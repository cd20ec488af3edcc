package vn.gov.dancu.gateway.security;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.HealthProbes;
import vn.gov.dancu.gateway.testing.Officers;

/**
 * The officers' identity provider unreachable (seen against Keycloak: the gateway started while
 * it was down answered 500 {@code OIDCException: OIDC Server is not available}): a request with a
 * token is 503 {@code IDENTITY_PROVIDER_UNAVAILABLE} with Retry-After, a problem like every other,
 * and readiness shows the outage as data while staying UP.
 */
@QuarkusTest
@TestProfile(IdentityProviderUnavailableTest.Unreachable.class)
class IdentityProviderUnavailableTest extends GatewayTest {

    /** The provider's URL on a port where nothing listens. */
    public static class Unreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:" + closedPort() + "/realms/dancu");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void aTokenThatCannotBeVerifiedIsA503WithRetryAfterAndReadinessShowsIt() {
        asCivilStatusOfficer().contentType("application/json")
                .body("{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"070190004521\"}}")
                .post("/api/v1/prefill/birth-registration")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("code", equalTo("IDENTITY_PROVIDER_UNAVAILABLE"))
                .body("title", equalTo("Không kết nối được hệ thống xác thực"));
        RestAssured.given().auth().oauth2(Officers.civilStatus()).header("Accept-Language", "en")
                .get("/api/v1/procedures")
                .then().statusCode(503)
                .body("code", equalTo("IDENTITY_PROVIDER_UNAVAILABLE"))
                .body("title", equalTo("Identity provider unavailable"));

        JsonPath ready = HealthProbes.assertUp(HealthProbes.READY);
        List<Map<String, Object>> checks = ready.getList("checks");
        Map<String, Object> idp = checks.stream().filter(c -> "identity-provider".equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no identity-provider check: " + checks));
        assertEquals("UP", idp.get("status"), "an outage of the provider keeps the instance in service");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) idp.get("data");
        assertEquals("UNREACHABLE", data.get("state"), () -> "readiness: " + data);
        assertTrue(data.containsKey("since") && data.containsKey("lastError"), () -> "readiness: " + data);
    }

    @Test
    void withoutATokenTheAnswerIsStillAProblemNeverA500() {
        int status = RestAssured.given().get("/api/v1/procedures").then()
                .contentType("application/problem+json").extract().statusCode();
        assertTrue(status == 401 || status == 503, "no token, provider down: " + status);
    }
}
