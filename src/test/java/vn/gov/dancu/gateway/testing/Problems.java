package vn.gov.dancu.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that a refusal is a proper problem (spec §1, RFC 9457): {@code application/problem+json},
 * the stable {@code code} with its status, localised title and detail, the path as
 * {@code instance}, the same {@code requestId} as the {@code X-Request-Id} header, and nothing a
 * caller should never see (stack frames, class names).
 */
public final class Problems {

    /** Traces of Java internals that must never reach a caller. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|java\\.|jakarta\\.|io\\.quarkus|io\\.vertx|vn\\.gov\\.dancu|\\bat [a-z]+\\.[a-z]+");

    private Problems() {
    }

    /**
     * Asserts the response is the problem {@code code} with {@code status}.
     *
     * @return the body, for further checks
     */
    public static JsonPath assertProblem(Response response, int status, String code) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), () -> "status; body: " + body);
        assertTrue(response.contentType().startsWith("application/problem+json"),
                () -> "content type " + response.contentType() + "; body: " + body);
        assertFalse(LEAK.matcher(body).find(), () -> "internals leaked: " + body);
        JsonPath problem = response.jsonPath();
        assertEquals(code, problem.getString("code"), () -> "code; body: " + body);
        assertEquals(status, problem.getInt("status"));
        assertEquals("urn:dancu-gateway:problem:" + code, problem.getString("type"));
        assertFalse(problem.getString("title").isBlank(), "title");
        assertFalse(problem.getString("detail").isBlank(), "detail");
        assertTrue(problem.getString("instance").startsWith("/api/v1/"), () -> "instance " + problem.get("instance"));
        String requestId = response.header("X-Request-Id");
        assertNotNull(requestId, "X-Request-Id header");
        assertEquals(requestId, problem.getString("requestId"), "requestId equals the X-Request-Id header");
        if (status == 400) {
            List<Map<String, Object>> violations = problem.getList("violations");
            assertNotNull(violations, () -> "a 400 lists its violations: " + body);
            assertFalse(violations.isEmpty(), "violations");
            violations.forEach(v -> {
                assertTrue(v.get("field") instanceof String f && !f.isBlank(), () -> "violation field " + v);
                assertTrue(v.get("message") instanceof String m && !m.isBlank(), () -> "violation message " + v);
            });
        }
        return problem;
    }

    /** The message of the one violation on {@code field}, failing when there is not exactly one. */
    public static String violationMessage(JsonPath problem, String field) {
        List<Map<String, Object>> onField = problem.<Map<String, Object>>getList("violations").stream()
                .filter(v -> field.equals(v.get("field"))).toList();
        assertEquals(1, onField.size(), () -> "one violation on " + field + " in " + problem.prettify());
        return (String) onField.get(0).get("message");
    }
}
