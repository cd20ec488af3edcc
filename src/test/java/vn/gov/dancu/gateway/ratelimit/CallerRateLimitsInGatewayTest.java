package vn.gov.dancu.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.testing.GatewayTest;

/**
 * The limiter bean as the gateway builds it without Redis (the test profile configures none): it
 * starts, keeps windows in memory, applies the configured budgets and counts refusals. Each test
 * uses callers of its own, so the budgets of the suite's officers are never touched.
 */
@QuarkusTest
class CallerRateLimitsInGatewayTest extends GatewayTest {

    @Inject
    CallerRateLimits limits;

    @Inject
    RateLimitConfig config;

    @Inject
    MeterRegistry registry;

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID();
    }

    private void pass(Caller caller) {
        limits.check(caller).await().atMost(Duration.ofSeconds(5));
    }

    private GatewayException refusal(Caller caller) {
        GatewayException refused = assertThrows(GatewayException.class, () -> pass(caller));
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        return refused;
    }

    private double refusals(String kind) {
        return registry.get(CallerRateLimits.REFUSALS).tag("kind", kind).counter().count();
    }

    @Test
    void keepsWindowsInMemoryWhenNoRedisIsConfigured() {
        assertEquals("memory", limits.storeName());
    }

    @Test
    void refusesAnOfficerPastTheConfiguredBudgetWithRetryAfter() {
        String agency = unique("agency");
        Caller officer = new Caller("cs.officer", agency, unique("client"));
        for (int i = 0; i < config.officer().requests(); i++) {
            pass(officer);
        }
        double before = refusals("officer");

        Duration retryAfter = refusal(officer).retryAfter().orElseThrow();
        assertTrue(retryAfter.compareTo(Duration.ofSeconds(1)) >= 0
                && retryAfter.compareTo(config.officer().window()) <= 0, retryAfter.toString());
        assertEquals(before + 1, refusals("officer"));
        // Another officer of the same agency and counter application has a budget of their own.
        pass(new Caller("colleague", agency, officer.clientId()));
    }

    @Test
    void refusesAClientPastTheConfiguredBudgetWhateverTheOfficer() {
        String client = unique("client");
        int officers = 20; // each stays under the officer budget
        int perOfficer = config.client().requests() / officers;
        for (int o = 0; o < officers; o++) {
            Caller caller = new Caller("officer-" + o, unique("agency"), client);
            for (int i = 0; i < perOfficer; i++) {
                pass(caller);
            }
        }
        double before = refusals("client");

        refusal(new Caller("one-more", unique("agency"), client));
        assertEquals(before + 1, refusals("client"));
    }

    @Test
    void publishesRefusalsByKindAtTheMetricsEndpoint() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        // What operators alert on: one series per kind, and the store that would be failing.
        for (String series : new String[] {"gateway_ratelimit_refusals_total\\{[^}]*kind=\"officer\"",
                "gateway_ratelimit_refusals_total\\{[^}]*kind=\"client\"",
                "gateway_ratelimit_store_failures_total\\{[^}]*store=\"memory\""}) {
            assertTrue(Pattern.compile(series).matcher(metrics).find(), series);
        }
    }
}
