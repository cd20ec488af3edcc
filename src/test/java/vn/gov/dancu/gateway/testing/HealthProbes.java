package vn.gov.dancu.gateway.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/** The health endpoints as a load balancer or an operator reads them. */
public final class HealthProbes {

    public static final String LIVE = "/q/health/live";
    public static final String READY = "/q/health/ready";

    private HealthProbes() {
    }

    /** GET {@code path}, asserting 200 and overall status UP; returns the body. */
    public static JsonPath assertUp(String path) {
        var response = RestAssured.given().get(path);
        String body = response.asString();
        assertEquals(200, response.statusCode(), () -> path + " answered " + body);
        JsonPath json = response.jsonPath();
        assertEquals("UP", json.getString("status"), () -> path + ": " + body);
        return json;
    }

    /** The names of the checks a health body lists. */
    public static List<String> checkNames(JsonPath health) {
        return health.getList("checks.name");
    }

    /**
     * The NPD check's data from readiness, asserting that readiness is UP and so is the NPD check:
     * an NPD outage is reported as data, never by taking the instance out of service.
     */
    public static Map<String, Object> npdReadiness() {
        JsonPath ready = assertUp(READY);
        List<Map<String, Object>> npd = ready.<Map<String, Object>>getList("checks")
                .stream().filter(c -> "npd".equals(c.get("name"))).toList();
        assertEquals(1, npd.size(), () -> "one npd check in " + ready.prettify());
        assertEquals("UP", npd.get(0).get("status"), () -> ready.prettify());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) npd.get(0).get("data");
        return data;
    }
}
