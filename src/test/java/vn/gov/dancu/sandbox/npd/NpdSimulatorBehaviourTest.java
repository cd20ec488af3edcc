package vn.gov.dancu.sandbox.npd;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.npdRequest;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.npdToken;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.ManualClock;

class NpdSimulatorBehaviourTest {

    private static final String LOOKUP = "/api/v1/citizens/" + SandboxPersonas.MOTHER + "?fields=fullName";

    private static ManualClock clock;
    private static NpdSimulator npd;
    private static String token;

    @BeforeAll
    static void start() {
        clock = new ManualClock(SandboxFixtures.T0);
        npd = SandboxFixtures.startNpd(clock);
        token = npdToken(npd);
    }

    @AfterAll
    static void stop() {
        npd.close();
    }

    @AfterEach
    void reset() {
        npd.reset();
    }

    @Test
    void answers429WithRetryAfterOnceTheQuotaIsUsedUp() {
        // The test clock stands still, so the bucket does not refill: exactly two calls pass.
        npd.quota(2);
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
        Response refused = npdRequest(npd, token).get(LOOKUP);
        refused.then().statusCode(429).body("errorCode", equalTo("RATE_LIMITED"));
        assertEquals(1, Integer.parseInt(refused.header("Retry-After")), "half a second rounds up to one");
        clock.advance(Duration.ofMillis(500));
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
    }

    @Test
    void appliesTheQuotaPerClientCredential() {
        npd.quota(1);
        npd.client("second-client", "second-secret");
        String other = given().baseUri(npd.baseUrl())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "second-client")
                .formParam("client_secret", "second-secret")
                .post("/oauth2/token").then().extract().path("access_token");
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
        npdRequest(npd, token).get(LOOKUP).then().statusCode(429);
        npdRequest(npd, other).get(LOOKUP).then().statusCode(200);
    }

    @Test
    void answers503MaintenanceWithRetryAfterWhileTokensAndHealthStillAnswer() {
        npd.maintenance(true).maintenanceRetryAfter(Duration.ofSeconds(120));
        npdRequest(npd, token).get(LOOKUP)
                .then().statusCode(503)
                .header("Retry-After", "120")
                .body("errorCode", equalTo("MAINTENANCE"))
                .body("requestId", org.hamcrest.Matchers.notNullValue());
        given().baseUri(npd.baseUrl()).get("/health").then().statusCode(200).body("status", equalTo("DOWN"));
        npdToken(npd);
        npd.maintenance(false);
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
    }

    @Test
    void delaysEveryAnswerByTheConfiguredLatency() {
        npd.latency(Duration.ofMillis(300));
        long started = System.nanoTime();
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis >= 300, "answered after " + elapsedMillis + " ms");
    }

    @Test
    void waitsOutTheLatencyWithoutBlockingOtherRequests() {
        // Forty requests each delayed 400 ms: served one after another they would take 16 s;
        // served concurrently on timers they take about 0.4 s.
        npd.latency(Duration.ofMillis(400));
        HttpRequest request = HttpRequest.newBuilder(URI.create(npd.baseUrl() + LOOKUP))
                .header("Authorization", "Bearer " + token)
                .header("X-Purpose", "DEATH_REGISTRATION").header("X-Case-Id", "HS-9")
                .header("X-Officer-Id", "cs-officer").header("X-Agency-Code", "UBND").build();
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 40)
                .mapToObj(i -> SandboxFixtures.http().sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList();
        answers.forEach(answer -> assertEquals(200, answer.join().statusCode()));
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis < 4_000, "40 delayed requests took " + elapsedMillis + " ms");
    }

    @Test
    void resetRestoresTheDefaults() {
        npd.quota(1).maintenance(true).latency(Duration.ofSeconds(1));
        npd.reset();
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
        assertEquals(2, npd.calls().size());
    }

    @Test
    void behavioursCanBeSwitchedOverHttpForDemos() {
        given().baseUri(npd.baseUrl()).contentType("application/json")
                .body("{\"maintenance\": true, \"latencyMillis\": 0, \"quotaPerSecond\": 0}")
                .post("/sandbox/behaviour")
                .then().statusCode(200).body("maintenance", equalTo(true));
        npdRequest(npd, token).get(LOOKUP).then().statusCode(503);
        given().baseUri(npd.baseUrl()).post("/sandbox/reset").then().statusCode(204);
        npdRequest(npd, token).get(LOOKUP).then().statusCode(200);
        given().baseUri(npd.baseUrl()).post("/sandbox/expire-tokens").then().statusCode(204);
        npdRequest(npd, token).get(LOOKUP).then().statusCode(401).body("errorCode", equalTo("TOKEN_EXPIRED"));
        token = npdToken(npd);
    }

    @Test
    void refusesABehaviourItCannotRead() {
        given().baseUri(npd.baseUrl()).contentType("application/json").body("{\"maintenance\": \"yes\"}")
                .post("/sandbox/behaviour")
                .then().statusCode(400).body("errorCode", equalTo("INVALID_REQUEST"));
    }
}
