package vn.gov.dancu.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * The caller limit on the prefill endpoint itself: an officer whose budget is spent gets 429
 * RATE_LIMITED with Retry-After, as the contract documents, and the NPD is not asked.
 */
@QuarkusTest
class PrefillRateLimitTest extends GatewayTest {

    @Inject
    CallerRateLimits limits;

    @Inject
    RateLimitConfig config;

    @Test
    void answers429WithRetryAfterOnceTheOfficersBudgetIsSpent() {
        // An officer of their own, so the suite's other officers keep their budgets.
        String officer = "rl.officer." + System.nanoTime();
        Caller caller = new Caller(officer, Officers.AGENCY, "counter-app");
        for (int i = 0; i < config.officer().requests(); i++) {
            limits.check(caller).await().atMost(Duration.ofSeconds(5));
        }
        Response response = RestAssured.given().filter(OpenApiValidation.filter())
                .auth().oauth2(Officers.token(officer, Officers.AGENCY, Roles.CIVIL_STATUS_OFFICER))
                .contentType("application/json")
                .body("{\"caseId\":\"HS-RL-1\",\"parties\":{\"mother\":\"" + Citizens.MOTHER + "\"}}")
                .post("/api/v1/prefill/birth-registration");
        Problems.assertProblem(response, 429, "RATE_LIMITED");
        assertTrue(Integer.parseInt(response.header("Retry-After")) >= 1, "Retry-After in whole seconds");
        npd.verify(0, NpdMock.anyLookupRequest());
    }
}
