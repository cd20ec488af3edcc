package vn.gov.dancu.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.Officers;

/**
 * A gateway that has the provider's keys meets a token signed with a key it has not seen (a realm
 * key rotation) while the provider cannot be reached: nobody can tell whether the token is valid,
 * so the answer is 503 {@code IDENTITY_PROVIDER_UNAVAILABLE} with Retry-After, not a 401 that
 * would send the officer to log in again for nothing, nor a 500.
 */
@QuarkusTest
@TestProfile(JwksRefreshUnavailableTest.RefreshEveryTime.class)
class JwksRefreshUnavailableTest extends GatewayTest {

    /** Every unknown key id refreshes (the 15 s bound would let an earlier test's refresh decide). */
    public static class RefreshEveryTime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.token.forced-jwk-refresh-interval", "0S");
        }
    }

    @OidcWireMock
    WireMockServer oidc;

    @Test
    void aNewKeyWhileTheProviderIsDownIsA503() throws NoSuchAlgorithmException {
        // The keys are loaded: a valid token passes.
        asCivilStatusOfficer().get("/api/v1/procedures").then().statusCode(200);
        StubMapping down = oidc.stubFor(get(urlPathMatching(".*/protocol/openid-connect/certs")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try {
            String rotated = Jwt.preferredUserName(Officers.CIVIL_STATUS_OFFICER).issuer(Officers.ISSUER)
                    .audience(Officers.AUDIENCE).subject("cs-sub").groups(Set.of(Roles.CIVIL_STATUS_OFFICER))
                    .claim("agency_code", Officers.AGENCY).jws().keyId("rotated-key").sign(newKey());
            as(rotated).get("/api/v1/procedures").then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "10")
                    .body("code", equalTo("IDENTITY_PROVIDER_UNAVAILABLE"));
            // Tokens of the keys it has are still verified locally: the outage costs nothing else.
            asCivilStatusOfficer().get("/api/v1/procedures").then().statusCode(200);
        } finally {
            oidc.removeStub(down);
        }
    }

    /** The new realm key (which key signs does not matter: its kid is unknown, so the JWKS is fetched). */
    private static PrivateKey newKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }
}
