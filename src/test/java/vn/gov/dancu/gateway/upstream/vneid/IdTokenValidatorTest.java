package vn.gov.dancu.gateway.upstream.vneid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.ManualClock;

/**
 * Citizen ID tokens (spec §5.2, issue 8 "Done when"): what the validator accepts and every way a
 * token is refused, with the reason the API reports; and the JWKS refresh that follows a key
 * rotation but cannot be hammered by invented kids.
 */
class IdTokenValidatorTest {

    private static final String ISSUER = "https://vneid.test";
    private static final String AUDIENCE = "dancu-gateway";
    private static final Duration MIN_REFRESH = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> published = new AtomicReference<>();
    private RsaJsonWebKey key;
    private IdTokenValidator validator;

    @BeforeEach
    void setUp() throws Exception {
        key = rsaKey("key-1");
        publish(key);
        validator = new IdTokenValidator(ISSUER, AUDIENCE, Duration.ofSeconds(30), MIN_REFRESH, Duration.ofMinutes(15),
                clock, () -> {
                    fetches.incrementAndGet();
                    return Uni.createFrom().item(published.get());
                });
    }

    @Test
    void acceptsAGenuineTokenAndReadsTheIdentity() {
        VneidIdentity identity = validate(sign(claims(), key));
        assertEquals("070190004521", identity.personalId());
        assertEquals("Nguyễn Thị Lan", identity.fullName());
        assertEquals("1990-05-12", identity.dateOfBirth());
        assertEquals("FEMALE", identity.gender());
        assertEquals(2, identity.level());
    }

    @Test
    void rejectsABadSignature() throws Exception {
        RsaJsonWebKey forger = rsaKey("key-1"); // same kid, another private key
        assertRefused(ProofFailure.SIGNATURE, sign(claims(), forger));
        // and a genuine token whose payload was changed after signing
        String[] parts = sign(claims(), key).split("\\.");
        JwtClaims other = claims();
        other.setClaim("personal_id", "070089001234");
        String forged = parts[0] + "." + b64(other.toJson()) + "." + parts[2];
        assertRefused(ProofFailure.SIGNATURE, forged);
    }

    @Test
    void rejectsAlgNone() throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims().toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        jws.setKeyIdHeaderValue("key-1");
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        assertRefused(ProofFailure.SIGNATURE, jws.getCompactSerialization());
        // hand-made too, without a trailing signature part
        assertRefused(ProofFailure.SIGNATURE, b64("{\"alg\":\"none\",\"kid\":\"key-1\"}") + "." + b64(claims().toJson()) + ".");
    }

    @Test
    void rejectsHs256SignedWithThePublicKey() throws Exception {
        // The classic confusion: a verifier that takes "alg" from the token would check this
        // HMAC with the RSA public key's bytes, which everyone has.
        for (byte[] secret : List.of(key.getPublicKey().getEncoded(),
                key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY).getBytes(StandardCharsets.UTF_8))) {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims().toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
            jws.setKeyIdHeaderValue("key-1");
            jws.setKey(new HmacKey(secret));
            assertRefused(ProofFailure.SIGNATURE, jws.getCompactSerialization());
        }
    }

    @Test
    void rejectsAKeyTheTokenBringsAlong() throws Exception {
        RsaJsonWebKey attacker = rsaKey("key-1");
        for (String header : List.of("jwk", "jku", "x5u", "x5c")) {
            JsonWebSignature jws = rs256(claims(), attacker);
            Object value = switch (header) {
                case "jwk" -> attacker.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
                case "x5c" -> List.of("MIIB");
                default -> "https://attacker.example/keys";
            };
            jws.getHeaders().setObjectHeaderValue(header, value);
            assertRefused(ProofFailure.SIGNATURE, jws.getCompactSerialization());
        }
        assertEquals(0, fetches.get(), "a token with a key of its own is refused before any key is looked up");
    }

    @Test
    void rejectsAWrongIssuer() {
        JwtClaims claims = claims();
        claims.setIssuer("https://evil.example");
        assertRefused(ProofFailure.ISSUER, sign(claims, key));
        claims.unsetClaim("iss");
        assertRefused(ProofFailure.ISSUER, sign(claims, key));
    }

    @Test
    void rejectsAWrongAudience() {
        JwtClaims claims = claims();
        claims.setAudience("another-portal");
        assertRefused(ProofFailure.AUDIENCE, sign(claims, key));
        claims.unsetClaim("aud");
        assertRefused(ProofFailure.AUDIENCE, sign(claims, key));
    }

    @Test
    void rejectsAnExpiredTokenBeyondThirtySecondsOfSkew() {
        String token = sign(claims(), key); // exp = now + 300 s
        clock.advance(Duration.ofSeconds(300 + 29));
        validate(token); // within the skew
        clock.advance(Duration.ofSeconds(2));
        assertRefused(ProofFailure.EXPIRED, token);
    }

    @Test
    void rejectsATokenIssuedInTheFutureBeyondTheSkew() {
        JwtClaims claims = claims();
        claims.setIssuedAt(NumericDate.fromSeconds(clock.instant().getEpochSecond() + 29));
        validate(sign(claims, key));
        claims.setIssuedAt(NumericDate.fromSeconds(clock.instant().getEpochSecond() + 31));
        assertRefused(ProofFailure.EXPIRED, sign(claims, key));
    }

    @Test
    void rejectsAnUnknownKid() throws Exception {
        assertRefused(ProofFailure.UNKNOWN_KEY, sign(claims(), rsaKey("key-nobody-published")));
    }

    @Test
    void rejectsWhatIsNotAToken() {
        for (String junk : List.of("", "abc", "a.b.c", "eyJ9.eyJ9.x", "x".repeat(20_000))) {
            assertRefused(ProofFailure.MALFORMED, junk);
        }
        JwtClaims noLevel = claims();
        noLevel.unsetClaim("identification_level");
        assertRefused(ProofFailure.MALFORMED, sign(noLevel, key));
        JwtClaims badId = claims();
        badId.setClaim("personal_id", "12345");
        assertRefused(ProofFailure.MALFORMED, sign(badId, key));
    }

    @Test
    void acceptsATokenSignedWithARotatedKey() throws Exception {
        validate(sign(claims(), key));
        assertEquals(1, fetches.get());
        RsaJsonWebKey rotated = rsaKey("key-2");
        publish(rotated); // VNeID now publishes only the new key
        clock.advance(MIN_REFRESH);
        assertEquals(2, validate(sign(claims(), rotated)).level());
        assertEquals(2, fetches.get(), "the unknown kid fetched the keys once");
        validate(sign(claims(), rotated));
        assertEquals(2, fetches.get(), "a known kid is served from the cache");
    }

    @Test
    void aFloodOfUnknownKidsFetchesTheKeysAtMostOncePerInterval() throws Exception {
        validate(sign(claims(), key));
        assertEquals(1, fetches.get());
        clock.advance(MIN_REFRESH);
        RsaJsonWebKey attacker = rsaKey("x");
        for (int i = 0; i < 500; i++) {
            assertRefused(ProofFailure.UNKNOWN_KEY, sign(claims(), withKid(attacker, "invented-" + i)));
        }
        assertEquals(2, fetches.get(), "one refresh for the whole flood");
        clock.advance(MIN_REFRESH.minusSeconds(1));
        assertRefused(ProofFailure.UNKNOWN_KEY, sign(claims(), withKid(attacker, "invented-more")));
        assertEquals(2, fetches.get());
        clock.advance(Duration.ofSeconds(1));
        assertRefused(ProofFailure.UNKNOWN_KEY, sign(claims(), withKid(attacker, "invented-later")));
        assertEquals(3, fetches.get(), "the next interval allows the next refresh");
        validate(sign(claims(), key)); // genuine tokens keep working throughout
    }

    @Test
    void jwksUnreachableIsUnavailableNotARefusal() {
        IdTokenValidator down = new IdTokenValidator(ISSUER, AUDIENCE, Duration.ofSeconds(30), MIN_REFRESH,
                Duration.ofMinutes(15), clock, () -> Uni.createFrom().failure(new java.net.ConnectException()));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> down.validate(sign(claims(), key)).await().indefinitely());
        assertInstanceOf(VneidException.Unavailable.class, e);
    }

    // --- helpers -------------------------------------------------------------------------------

    private VneidIdentity validate(String token) {
        return validator.validate(token).await().atMost(Duration.ofSeconds(5));
    }

    private void assertRefused(ProofFailure reason, String token) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> validate(token));
        VneidException.ProofInvalid invalid = assertInstanceOf(VneidException.ProofInvalid.class, e);
        assertEquals(reason, invalid.reason());
    }

    private JwtClaims claims() {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("vneid-sub-1");
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 300));
        claims.setClaim("name", "Nguyễn Thị Lan");
        claims.setClaim("birthdate", "1990-05-12");
        claims.setClaim("gender", "female");
        claims.setClaim("personal_id", "070190004521");
        claims.setClaim("identification_level", 2);
        return claims;
    }

    private static JsonWebSignature rs256(JwtClaims claims, RsaJsonWebKey signer) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivateKey());
        jws.setKeyIdHeaderValue(signer.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey signer) {
        try {
            return rs256(claims, signer).getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static RsaJsonWebKey withKid(RsaJsonWebKey key, String kid) throws Exception {
        RsaJsonWebKey copy = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(key.toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        copy.setKeyId(kid);
        return copy;
    }

    private static RsaJsonWebKey rsaKey(String kid) throws Exception {
        RsaJsonWebKey k = RsaJwkGenerator.generateJwk(2048);
        k.setKeyId(kid);
        k.setUse("sig");
        k.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        return k;
    }

    private void publish(RsaJsonWebKey... keys) {
        published.set(new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
