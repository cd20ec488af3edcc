package vn.gov.dancu.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.LogCapture;
import vn.gov.dancu.gateway.testing.Officers;

/**
 * A 401 is logged at INFO with a short reason an operator can act on (issue 9, item 6: before,
 * nothing useful at INFO, the whole token at DEBUG), and the line holds nothing of the token.
 * The token dump itself stays off whatever the level: NoPersonalDataInLogsTest scans a session of
 * such refusals with every OIDC category at DEBUG.
 */
@QuarkusTest
class TokenRefusalLogTest extends GatewayTest {

    @Test
    void eachRefusedTokenIsLoggedWithItsReasonAndNothingOfTheToken() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired", Officers.expired());
        tokens.put("issuer", Officers.wrongIssuer());
        tokens.put("audience", Officers.wrongAudience());
        tokens.put("signature", Officers.forged());
        tokens.put("not a JWT", "not-a-token");
        for (Map.Entry<String, String> expected : tokens.entrySet()) {
            List<LogCapture.Line> lines = refusal(RestAssured.given().auth().oauth2(expected.getValue()));
            assertEquals(List.of("401 UNAUTHENTICATED: " + expected.getKey()), reasons(lines), expected.getKey());
            for (LogCapture.Line line : lines) {
                assertFalse(line.text().contains(expected.getValue()) || line.text().contains(Officers.CIVIL_STATUS_OFFICER),
                        "no token or claim in the log: " + line);
            }
        }
        assertEquals(List.of("401 UNAUTHENTICATED: no bearer token"), reasons(refusal(RestAssured.given())));
    }

    private static List<LogCapture.Line> refusal(RequestSpecification request) {
        try (LogCapture capture = LogCapture.start(Level.INFO, "vn.gov.dancu")) {
            request.contentType("application/json").body("{\"caseId\":\"HS-1\",\"parties\":{}}")
                    .post("/api/v1/prefill/birth-registration").then().statusCode(401);
            return capture.lines();
        }
    }

    private static List<String> reasons(List<LogCapture.Line> lines) {
        // LogCapture's text is the message, then " | raw: ..." and the MDC
        return lines.stream().map(LogCapture.Line::text).filter(t -> t.startsWith("401 "))
                .map(t -> t.contains(" | ") ? t.substring(0, t.indexOf(" | ")) : t).toList();
    }
}
