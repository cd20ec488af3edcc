package vn.gov.dancu.sandbox.idp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.gov.dancu.gateway.testing.ManualClock;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator.Officer;

class IdentityProviderSimulatorTest {

    private static IdentityProviderSimulator idp;
    private static ManualClock clock;

    @BeforeAll
    static void start() {
        // The clock sits at the real time so that jose4j, which checks exp against the real clock, agrees.
        clock = new ManualClock(java.time.Instant.now());
        idp = new IdentityProviderSimulator(null, clock).start(0);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void publishesADiscoveryDocumentWhoseIssuerIsTheAuthServerUrl() {
        String issuer = "http://localhost:" + idp.port() + "/realms/dancu";
        assertEquals(issuer, idp.issuer());
        given().get(issuer + "/.well-known/openid-configuration")
                .then().statusCode(200)
                .body("issuer", equalTo(issuer))
                .body("jwks_uri", equalTo(issuer + "/protocol/openid-connect/certs"))
                .body("token_endpoint", equalTo(issuer + "/protocol/openid-connect/token"))
                .body("id_token_signing_alg_values_supported", hasItem("RS256"))
                .body("grant_types_supported", hasItem("password"));
    }

    @Test
    void publishesOnlyThePublicSigningKeyWithItsKid() {
        JsonPath jwks = given().get(idp.jwksUri()).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(idp.keyId()), jwks.getList("keys.kid"));
        assertEquals(List.of("RSA"), jwks.getList("keys.kty"));
        assertEquals(List.of("RS256"), jwks.getList("keys.alg"));
        assertEquals(List.of("sig"), jwks.getList("keys.use"));
        assertNull(jwks.get("keys[0].d"), "no private exponent");
    }

    static List<Officer> officers() {
        return IdentityProviderSimulator.OFFICERS;
    }

    @ParameterizedTest
    @MethodSource("officers")
    void issuesEachOfficerATokenWithTheirClaimsThatVerifiesAgainstTheJwks(Officer officer) throws Exception {
        JsonPath answer = given()
                .formParam("grant_type", "password")
                .formParam("client_id", "counter-app")
                .formParam("username", officer.username())
                .formParam("password", IdentityProviderSimulator.PASSWORD)
                .post(idp.tokenEndpoint())
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .extract().jsonPath();
        JwtClaims claims = verifier().processToClaims(answer.getString("access_token"));
        assertEquals(idp.issuer(), claims.getIssuer());
        assertEquals(List.of("dancu-gateway"), claims.getAudience());
        assertEquals(officer.username(), claims.getStringClaimValue("preferred_username"));
        assertEquals("counter-app", claims.getStringClaimValue("azp"));
        assertEquals(3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertEquals(officer.roles(), claims.getClaimValue("realm_access", Map.class).get("roles"));
        assertEquals(officer.agencyCode(), claims.getClaimValue("agency_code"));
        assertFalse(claims.getSubject().isBlank());
    }

    @Test
    void givesTheNoAgencyOfficerATokenWithoutAnAgencyClaim() throws Exception {
        JwtClaims claims = verifier().processToClaims(idp.accessToken("no-agency"));
        assertFalse(claims.hasClaim("agency_code"));
        assertEquals(List.of("civil-status-officer"), claims.getClaimValue("realm_access", Map.class).get("roles"));
    }

    @Test
    void keepsTheSameSubjectForAnOfficerAcrossTokens() throws Exception {
        assertEquals(verifier().processToClaims(idp.accessToken("auditor")).getSubject(),
                verifier().processToClaims(idp.accessToken("auditor")).getSubject());
    }

    @Test
    void rejectsAWrongPasswordWith401InvalidGrant() {
        given().formParam("grant_type", "password").formParam("client_id", "counter-app")
                .formParam("username", "cs-officer").formParam("password", "wrong")
                .post(idp.tokenEndpoint())
                .then().statusCode(401).body("error", equalTo("invalid_grant"));
    }

    @Test
    void rejectsAnUnknownUserWith401InvalidGrant() {
        given().formParam("grant_type", "password").formParam("client_id", "counter-app")
                .formParam("username", "mallory").formParam("password", IdentityProviderSimulator.PASSWORD)
                .post(idp.tokenEndpoint())
                .then().statusCode(401).body("error", equalTo("invalid_grant"));
    }

    @Test
    void rejectsAnUnknownClientWith401InvalidClient() {
        given().formParam("grant_type", "password").formParam("client_id", "someone-elses-app")
                .formParam("username", "cs-officer").formParam("password", IdentityProviderSimulator.PASSWORD)
                .post(idp.tokenEndpoint())
                .then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void rejectsOtherGrantTypesWith400() {
        given().formParam("grant_type", "client_credentials").formParam("client_id", "counter-app")
                .post(idp.tokenEndpoint())
                .then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().formParam("client_id", "counter-app").post(idp.tokenEndpoint())
                .then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void mintsTokensWithReplacedClaimsForNegativeTests() throws Exception {
        long past = clock.instant().minus(Duration.ofHours(2)).getEpochSecond();
        InvalidJwtException expired = assertThrows(InvalidJwtException.class, () -> verifier().processToClaims(
                idp.accessToken("cs-officer", Map.of("exp", past, "iat", past - 60))));
        assertTrue(expired.hasExpired());
        assertThrows(InvalidJwtException.class, () -> verifier().processToClaims(
                idp.accessToken("cs-officer", Map.of("aud", "someone-else"))));
        assertThrows(InvalidJwtException.class, () -> verifier().processToClaims(
                idp.accessToken("cs-officer", Map.of("iss", "http://localhost:1/realms/other"))));
        java.util.HashMap<String, Object> noRoles = new java.util.HashMap<>();
        noRoles.put("realm_access", null);
        assertFalse(verifier().processToClaims(idp.accessToken("cs-officer", noRoles)).hasClaim("realm_access"));
    }

    @Test
    void signsWithAKeyNoOtherProviderShares() {
        try (IdentityProviderSimulator other = new IdentityProviderSimulator().start(0)) {
            assertThrows(InvalidJwtException.class, () -> verifier().processToClaims(other.accessToken("cs-officer")));
        }
    }

    @Test
    void refusesToMintForAnUnknownOfficer() {
        assertThrows(IllegalArgumentException.class, () -> idp.accessToken("mallory"));
    }

    /** A verifier configured the way Quarkus OIDC is: keys from the JWKS endpoint, issuer and audience checked. */
    private static JwtConsumer verifier() throws JoseException {
        String jwks = given().get(idp.jwksUri()).then().statusCode(200).extract().asString();
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer(idp.issuer())
                .setExpectedAudience(IdentityProviderSimulator.DEFAULT_AUDIENCE)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
    }
}
