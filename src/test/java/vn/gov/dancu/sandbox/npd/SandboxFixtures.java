package vn.gov.dancu.sandbox.npd;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import io.restassured.specification.RequestSpecification;
import vn.gov.dancu.gateway.testing.ManualClock;
import vn.gov.dancu.gateway.testing.UpstreamContracts;

/**
 * What the sandbox tests share: the population (built once per JVM), NPD simulators on ephemeral
 * ports with a clock the test controls, and requests that carry a token and the purpose headers.
 */
final class SandboxFixtures {

    static final SyntheticPopulation POPULATION = SyntheticPopulation.standard();
    static final String CASE_ID = "HS-2026-000123";
    static final String OFFICER = "cs-officer";
    static final String AGENCY = "UBND-P-DONGXOAI";
    /** Where the test clocks start: a Monday morning in Đồng Nai, in UTC. */
    static final Instant T0 = Instant.parse("2026-11-30T01:00:00Z");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxFixtures() {
    }

    /** A started simulator on an ephemeral port over the shared population. */
    static NpdSimulator startNpd(ManualClock clock) {
        return new NpdSimulator(POPULATION, null, clock).start(0);
    }

    /** A bearer token for the default client, fetched the way the gateway fetches it. */
    static String npdToken(NpdSimulator npd) {
        return given().baseUri(npd.baseUrl()).filter(UpstreamContracts.npdFilter())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", NpdSimulator.DEFAULT_CLIENT_ID)
                .formParam("client_secret", NpdSimulator.DEFAULT_CLIENT_SECRET)
                .post("/oauth2/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** A request with the token and all four purpose headers of a birth registration. */
    static RequestSpecification npdRequest(NpdSimulator npd, String token) {
        // Every answer is held to the NPD's contract: the simulator must not teach the gateway a wrong NPD.
        return given().baseUri(npd.baseUrl()).filter(UpstreamContracts.npdFilter())
                .header("Authorization", "Bearer " + token)
                .header("X-Purpose", "BIRTH_REGISTRATION")
                .header("X-Case-Id", CASE_ID)
                .header("X-Officer-Id", OFFICER)
                .header("X-Agency-Code", AGENCY);
    }

    /** A raw POST that keeps the URI exactly as written (REST Assured may re-encode a ':' in a path). */
    static HttpResponse<String> rawPost(String uri, String token, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token)
                .header("X-Purpose", "MARRIAGE_REGISTRATION")
                .header("X-Case-Id", CASE_ID)
                .header("X-Officer-Id", OFFICER)
                .header("X-Agency-Code", AGENCY)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            UpstreamContracts.assertNpdResponse("POST", request.uri().getPath(), response);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpClient http() {
        return HTTP;
    }
}
