package vn.gov.dancu.gateway.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Set;
import vn.gov.dancu.gateway.procedure.Roles;

/**
 * Officer tokens for tests, signed with the key of {@code OidcWiremockTestResource} (the
 * WireMock OIDC provider of {@code quarkus-test-oidc-server}), plus the broken ones the
 * authorisation matrix needs.
 */
public final class Officers {

    /** Issuer and audience the WireMock provider publishes and the test profile expects. */
    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://server.example.com";
    public static final String AGENCY = "UBND-P-TANPHU";
    public static final String CIVIL_STATUS_OFFICER = "cs.officer";
    public static final String JUDICIAL_OFFICER = "jr.officer";

    private Officers() {
    }

    public static String civilStatus() {
        return token(CIVIL_STATUS_OFFICER, AGENCY, Roles.CIVIL_STATUS_OFFICER);
    }

    public static String judicialRecord() {
        return token(JUDICIAL_OFFICER, AGENCY, Roles.JUDICIAL_RECORD_OFFICER);
    }

    public static String token(String username, String agency, String... roles) {
        return sign(claims(username, agency, roles));
    }

    /** As {@link #token(String, String, String...)}, from another counter application ({@code azp}). */
    public static String tokenFromClient(String clientId, String username, String agency, String... roles) {
        return sign(claims(username, agency, roles).claim("azp", clientId));
    }

    /**
     * A token shaped like Keycloak's: roles only under {@code realm_access.roles}, no
     * {@code groups} claim, as the province's production provider issues them.
     */
    public static String keycloak(String username, String agency, String... roles) {
        JwtClaimsBuilder claims = Jwt.preferredUserName(username)
                .issuer(ISSUER).audience(AUDIENCE).subject(username + "-sub")
                .claim("azp", "counter-app")
                .claim("realm_access", java.util.Map.of("roles", java.util.List.of(roles)))
                .claim("agency_code", agency);
        return sign(claims);
    }

    /**
     * A token with the usual issuer, audience, subject and {@code azp}, then {@code claims} on top
     * (replacing any of those): for claims of odd shapes, as a misconfigured identity-provider mapper
     * would send them ({@code agency_code} as an object, roles as numbers, ...).
     */
    public static String withClaims(String username, java.util.Map<String, Object> claims) {
        JwtClaimsBuilder builder = Jwt.preferredUserName(username)
                .issuer(ISSUER).audience(AUDIENCE).subject(username + "-sub")
                .claim("azp", "counter-app");
        claims.forEach(builder::claim);
        return sign(builder);
    }

    public static String withoutAgency() {
        return sign(claims(CIVIL_STATUS_OFFICER, null, Roles.CIVIL_STATUS_OFFICER));
    }

    public static String expired() {
        return sign(claims(CIVIL_STATUS_OFFICER, AGENCY, Roles.CIVIL_STATUS_OFFICER)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)));
    }

    public static String wrongIssuer() {
        return sign(claims(CIVIL_STATUS_OFFICER, AGENCY, Roles.CIVIL_STATUS_OFFICER).issuer("https://evil.example.com"));
    }

    public static String wrongAudience() {
        return sign(claims(CIVIL_STATUS_OFFICER, AGENCY, Roles.CIVIL_STATUS_OFFICER).audience("https://other.example.com"));
    }

    /** Well-formed and unexpired, but signed by a key the provider never published. */
    public static String forged() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(CIVIL_STATUS_OFFICER, AGENCY, Roles.CIVIL_STATUS_OFFICER).jws().keyId("1")
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaimsBuilder claims(String username, String agency, String... roles) {
        JwtClaimsBuilder claims = Jwt.preferredUserName(username)
                .issuer(ISSUER).audience(AUDIENCE).subject(username + "-sub")
                .claim("azp", "counter-app")
                .groups(Set.of(roles));
        if (agency != null) {
            claims.claim("agency_code", agency);
        }
        return claims;
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("1").sign("privateKey.jwk");
    }
}
