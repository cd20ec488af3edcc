package vn.gov.dancu.sandbox.vneid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.ManualClock;
import vn.gov.dancu.gateway.testing.UpstreamContracts;
import vn.gov.dancu.sandbox.npd.SandboxPersonas;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;

/**
 * The VNeID simulator over HTTP, every answer held to {@code upstreams/vneid.openapi.yaml}: tokens,
 * QR codes (once, 120 s), each documented refusal, the accounts' levels, JWKS and key rotation.
 */
class VneidSimulatorTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-11-29T08:00:00Z"));
    private static VneidSimulator vneid;
    private String accessToken;

    @BeforeAll
    static void start() {
        vneid = new VneidSimulator(SyntheticPopulation.standard(), null, CLOCK).start(0);
    }

    @AfterAll
    static void stop() {
        vneid.close();
    }

    @BeforeEach
    void token() {
        vneid.reset();
        accessToken = given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", VneidSimulator.DEFAULT_CLIENT_ID)
                .formParam("client_secret", VneidSimulator.DEFAULT_CLIENT_SECRET)
                .post("/oauth2/token").then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification given() {
        return RestAssured.given().baseUri(vneid.baseUrl()).filter(UpstreamContracts.vneidFilter());
    }

    private String qr(String personalId) {
        return given().contentType(ContentType.JSON).body(Map.of("personalId", personalId)).post("/_sim/qr-codes")
                .then().statusCode(201).extract().path("code");
    }

    private Response redeem(String code) {
        return given().contentType(ContentType.JSON).auth().oauth2(accessToken)
                .header("X-Agency-Code", "UBND-P-TANPHU").header("X-Officer-Id", "cs.officer")
                .header("X-Request-Id", "req-1").body(Map.of("code", code)).post("/api/v1/identity/verify");
    }

    @Test
    void redeemsACodeOnceWithTheCitizensIdentity() {
        String code = qr(SandboxPersonas.MOTHER);
        Response ok = redeem(code);
        assertEquals(200, ok.statusCode());
        assertEquals(SandboxPersonas.MOTHER, ok.path("personalId"));
        assertEquals("Nguyễn Thị Lan", ok.path("fullName"));
        assertEquals(2, (int) ok.path("identificationLevel"));
        Response again = redeem(code);
        assertEquals(410, again.statusCode());
        assertEquals("CODE_ALREADY_USED", again.path("errorCode"));
    }

    @Test
    void aCodeExpiresAfter120Seconds() {
        String code = qr(SandboxPersonas.FATHER);
        CLOCK.advance(Duration.ofSeconds(120));
        Response expired = redeem(code);
        assertEquals(410, expired.statusCode());
        assertEquals("CODE_EXPIRED", expired.path("errorCode"));
        String fresh = qr(SandboxPersonas.FATHER);
        CLOCK.advance(Duration.ofSeconds(119));
        assertEquals(200, redeem(fresh).statusCode());
    }

    @Test
    void refusesAnInventedCodeALockedAccountAndABadToken() {
        Response invented = redeem("VNEID-QR-not-one-we-made-at-all");
        assertEquals(400, invented.statusCode());
        assertEquals("INVALID_CODE", invented.path("errorCode"));
        Response locked = redeem(qr(SandboxPersonas.VNEID_LOCKED));
        assertEquals(423, locked.statusCode());
        assertEquals("ACCOUNT_LOCKED", locked.path("errorCode"));
        accessToken = "forged";
        Response unauthorised = redeem(qr(SandboxPersonas.MOTHER));
        assertEquals(401, unauthorised.statusCode());
        assertEquals("TOKEN_INVALID", unauthorised.path("errorCode"));
    }

    @Test
    void maintenanceAnswers503WithRetryAfter() {
        String code = qr(SandboxPersonas.MOTHER);
        vneid.maintenance(true);
        Response down = redeem(code);
        assertEquals(503, down.statusCode());
        assertEquals("20", down.header("Retry-After"));
        vneid.maintenance(false);
        assertEquals(200, redeem(code).statusCode(), "a refused redemption did not consume the code");
    }

    @Test
    void noAccountForTheDeadOrTheUnknown() {
        for (String id : new String[] { SandboxPersonas.DECEASED, SandboxPersonas.NOT_IN_NPD }) {
            given().contentType(ContentType.JSON).body(Map.of("personalId", id)).post("/_sim/qr-codes")
                    .then().statusCode(404);
        }
    }

    @Test
    void levelsAreDeterministicWithSomeOfEach() {
        assertEquals(1, vneid.account(SandboxPersonas.VNEID_LEVEL_1).orElseThrow().level());
        assertEquals(2, vneid.account(SandboxPersonas.DECLARANT).orElseThrow().level());
        long level1 = SyntheticPopulation.standard().ordinary().stream().limit(400)
                .filter(c -> VneidSimulator.level(c.personalId()) == 1).count();
        assertTrue(level1 > 40 && level1 < 200, "about a quarter at level 1: " + level1);
    }

    @Test
    void idTokensVerifyAgainstTheJwksAndSurviveARotation() throws Exception {
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("personalId", SandboxPersonas.MOTHER, "audience", "dancu-gateway"))
                .post("/_sim/id-tokens").then().statusCode(201).extract().path("id_token");
        JwtClaims claims = verify(token);
        assertEquals(SandboxPersonas.MOTHER, claims.getStringClaimValue("personal_id"));
        assertEquals(vneid.baseUrl(), claims.getIssuer());
        assertEquals(vneid.baseUrl(), given().get("/.well-known/openid-configuration").then().statusCode(200)
                .extract().path("issuer"));
        String before = vneid.currentKey().getKeyId();
        String after = given().post("/_sim/rotate-keys").then().statusCode(200).extract().path("kid");
        assertNotEquals(before, after);
        verify(token); // the previous key is still published
        verify(vneid.idToken(SandboxPersonas.MOTHER, "dancu-gateway", Duration.ofMinutes(5)).orElseThrow());
    }

    private JwtClaims verify(String token) throws Exception {
        String jwks = given().get("/jwks").then().statusCode(200).extract().asString();
        return new JwtConsumerBuilder().setVerificationKeyResolver(
                new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedAudience("dancu-gateway").setEvaluationTime(
                        org.jose4j.jwt.NumericDate.fromMilliseconds(CLOCK.millis()))
                .build().processToClaims(token);
    }
}
