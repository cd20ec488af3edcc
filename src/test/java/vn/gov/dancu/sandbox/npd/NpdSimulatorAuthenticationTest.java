package vn.gov.dancu.sandbox.npd;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.npdRequest;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.npdToken;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.ManualClock;

class NpdSimulatorAuthenticationTest {

    private static final String MOTHER_NAME = "/api/v1/citizens/" + SandboxPersonas.MOTHER + "?fields=fullName";

    private static ManualClock clock;
    private static NpdSimulator npd;

    @BeforeAll
    static void start() {
        clock = new ManualClock(SandboxFixtures.T0);
        npd = SandboxFixtures.startNpd(clock);
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
    void issuesABearerTokenForValidClientCredentials() {
        given().baseUri(npd.baseUrl())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", NpdSimulator.DEFAULT_CLIENT_ID)
                .formParam("client_secret", NpdSimulator.DEFAULT_CLIENT_SECRET)
                .post("/oauth2/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("access_token", matchesPattern("[A-Za-z0-9_-]{40,}"))
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(300));
    }

    @Test
    void acceptsClientCredentialsInABasicAuthorizationHeader() {
        String basic = Base64.getEncoder().encodeToString(
                (NpdSimulator.DEFAULT_CLIENT_ID + ":" + NpdSimulator.DEFAULT_CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
        given().baseUri(npd.baseUrl())
                .header("Authorization", "Basic " + basic)
                .formParam("grant_type", "client_credentials")
                .post("/oauth2/token")
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void rejectsAWrongClientSecretWith401TokenInvalid() {
        given().baseUri(npd.baseUrl())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", NpdSimulator.DEFAULT_CLIENT_ID)
                .formParam("client_secret", "guessed")
                .post("/oauth2/token")
                .then().statusCode(401)
                .body("errorCode", equalTo("TOKEN_INVALID"))
                .body("message", notNullValue())
                .body("requestId", notNullValue());
    }

    @Test
    void acceptsAnExtraClientCredential() {
        npd.client("other-gateway", "other-secret");
        given().baseUri(npd.baseUrl())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "other-gateway")
                .formParam("client_secret", "other-secret")
                .post("/oauth2/token")
                .then().statusCode(200);
    }

    @Test
    void rejectsOtherGrantTypesWith400InvalidRequest() {
        given().baseUri(npd.baseUrl())
                .formParam("grant_type", "password")
                .formParam("client_id", NpdSimulator.DEFAULT_CLIENT_ID)
                .formParam("client_secret", NpdSimulator.DEFAULT_CLIENT_SECRET)
                .post("/oauth2/token")
                .then().statusCode(400).body("errorCode", equalTo("INVALID_REQUEST"));
    }

    @Test
    void answers401TokenInvalidWithoutABearerToken() {
        given().baseUri(npd.baseUrl())
                .header("X-Purpose", "BIRTH_REGISTRATION")
                .get(MOTHER_NAME)
                .then().statusCode(401)
                .header("WWW-Authenticate", notNullValue())
                .body("errorCode", equalTo("TOKEN_INVALID"))
                .body("fullName", equalTo(null));
    }

    @Test
    void answers401TokenInvalidForATokenItNeverIssued() {
        npdRequest(npd, "forged-token").get(MOTHER_NAME)
                .then().statusCode(401).body("errorCode", equalTo("TOKEN_INVALID"));
    }

    @Test
    void answers401TokenExpiredOnceTheTokenLifetimeHasPassed() {
        String token = npdToken(npd);
        npdRequest(npd, token).get(MOTHER_NAME).then().statusCode(200);
        clock.advance(Duration.ofSeconds(300));
        npdRequest(npd, token).get(MOTHER_NAME)
                .then().statusCode(401).body("errorCode", equalTo("TOKEN_EXPIRED"));
        npdRequest(npd, npdToken(npd)).get(MOTHER_NAME).then().statusCode(200);
    }

    @Test
    void issuesTokensWithTheConfiguredLifetime() {
        npd.tokenLifetime(Duration.ofSeconds(5));
        String token = given().baseUri(npd.baseUrl())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", NpdSimulator.DEFAULT_CLIENT_ID)
                .formParam("client_secret", NpdSimulator.DEFAULT_CLIENT_SECRET)
                .post("/oauth2/token")
                .then().body("expires_in", equalTo(5)).extract().path("access_token");
        clock.advance(Duration.ofSeconds(4));
        npdRequest(npd, token).get(MOTHER_NAME).then().statusCode(200);
        clock.advance(Duration.ofSeconds(1));
        npdRequest(npd, token).get(MOTHER_NAME).then().statusCode(401).body("errorCode", equalTo("TOKEN_EXPIRED"));
    }

    @Test
    void expiringAllTokensMakesTheNextCallAnswerTokenExpired() {
        String token = npdToken(npd);
        npd.expireAllTokens();
        npdRequest(npd, token).get(MOTHER_NAME)
                .then().statusCode(401).body("errorCode", equalTo("TOKEN_EXPIRED"));
    }

    @Test
    void countsTheTokensItIssues() {
        int before = npd.tokensIssued();
        npdToken(npd);
        npdToken(npd);
        assertEquals(before + 2, npd.tokensIssued());
    }

    @Test
    void echoesTheCallersRequestIdInHeaderAndErrorBody() {
        given().baseUri(npd.baseUrl())
                .header("X-Request-Id", "req-42")
                .get(MOTHER_NAME)
                .then().statusCode(401)
                .header("X-Request-Id", "req-42")
                .body("requestId", equalTo("req-42"));
    }

    @Test
    void makesARequestIdWhenTheCallerSendsNone() {
        String id = given().baseUri(npd.baseUrl()).get("/health")
                .then().statusCode(200).header("X-Request-Id", not(equalTo(""))).extract().header("X-Request-Id");
        given().baseUri(npd.baseUrl()).get("/health")
                .then().header("X-Request-Id", not(equalTo(id)));
    }
}
