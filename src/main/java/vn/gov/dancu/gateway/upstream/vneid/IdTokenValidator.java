package vn.gov.dancu.gateway.upstream.vneid;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * Validates citizen ID tokens locally against VNeID's published keys (spec §5.2), with jose4j:
 * RS256 and nothing else, a key from VNeID's JWKS and never one the token brings along
 * ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}), VNeID's {@code iss}, this gateway's
 * {@code aud}, and {@code exp}/{@code iat} within the allowed skew.
 *
 * <p>Keys: fetched on first use and cached. A {@code kid} not in the cache (VNeID rotated its
 * key) refreshes the set, but at most once per {@code minRefreshInterval}, and concurrent
 * requests share one fetch: a flood of tokens with invented kids costs VNeID one request per
 * interval, and then answers UNKNOWN_KEY from the cache. Keys older than {@code maxAge} are
 * fetched again on next use (a withdrawn key stops working); if that fetch fails the old keys
 * still serve. Plain Java with an injectable clock and fetcher, so it is tested without Quarkus.
 */
public final class IdTokenValidator {

    /** Header parameters through which a token could name or carry its own key: never trusted. */
    private static final List<String> KEY_BEARING_HEADERS = List.of("jwk", "jku", "x5u", "x5c");
    private static final Pattern PERSONAL_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?");
    /** More than any sensible compact JWT; beyond it nothing is parsed. */
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private record Keys(JsonWebKeySet set, Instant fetchedAt) {
    }

    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final Duration minRefreshInterval;
    private final Duration maxAge;
    private final Clock clock;
    private final Supplier<Uni<String>> fetchJwks;

    private volatile Keys keys;
    private Instant lastFetchStarted; // guarded by this
    private Uni<Keys> inFlight; // guarded by this

    /**
     * @param fetchJwks one request for VNeID's JWKS document; fails with
     *                  {@link VneidException.Unavailable} (or anything, treated so) when it cannot be had
     */
    public IdTokenValidator(String issuer, String audience, Duration skew, Duration minRefreshInterval,
            Duration maxAge, Clock clock, Supplier<Uni<String>> fetchJwks) {
        this.issuer = stripSlash(issuer);
        this.audience = audience;
        this.skew = skew;
        this.minRefreshInterval = minRefreshInterval;
        this.maxAge = maxAge;
        this.clock = clock;
        this.fetchJwks = fetchJwks;
    }

    /**
     * The identity a genuine, current ID token states.
     *
     * @return fails with {@link VneidException.ProofInvalid} (with its {@link ProofFailure}) for a
     *         token that is not acceptable, {@link VneidException.Unavailable} when VNeID's keys
     *         could not be fetched
     */
    public Uni<VneidIdentity> validate(String token) {
        return Uni.createFrom().deferred(() -> {
            JsonWebSignature jws = header(token);
            String kid = jws.getKeyIdHeaderValue();
            return key(kid).map(key -> claims(token, key));
        });
    }

    /** When the keys were last fetched (readiness data). */
    public Optional<Instant> fetchedAt() {
        Keys k = keys;
        return k == null ? Optional.empty() : Optional.of(k.fetchedAt());
    }

    public int keyCount() {
        Keys k = keys;
        return k == null ? 0 : k.set().getJsonWebKeys().size();
    }

    /** Forgets the keys and the refresh limit (tests, and an operator after VNeID replaced every key). */
    public synchronized void reset() {
        keys = null;
        lastFetchStarted = null;
        inFlight = null;
    }

    // --- the header: decided before any key is looked for -----------------------------------------

    private static JsonWebSignature header(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid(ProofFailure.MALFORMED);
        }
        JsonWebStructure structure;
        try {
            structure = JsonWebStructure.fromCompactSerialization(token);
        } catch (JoseException | RuntimeException e) {
            throw invalid(ProofFailure.MALFORMED);
        }
        if (!(structure instanceof JsonWebSignature jws)) {
            throw invalid(ProofFailure.MALFORMED); // an encrypted JWT is not what VNeID issues
        }
        // "none", HS256 (which would be keyed with the public key), RS384...: only RS256 is VNeID's.
        if (!AlgorithmIdentifiers.RSA_USING_SHA256.equals(jws.getAlgorithmHeaderValue())) {
            throw invalid(ProofFailure.SIGNATURE);
        }
        for (String name : KEY_BEARING_HEADERS) {
            if (jws.getHeaders().getObjectHeaderValue(name) != null) {
                throw invalid(ProofFailure.SIGNATURE);
            }
        }
        String kid = jws.getKeyIdHeaderValue();
        if (kid == null || kid.isEmpty() || kid.length() > 256) {
            throw invalid(ProofFailure.UNKNOWN_KEY);
        }
        return jws;
    }

    // --- keys ----------------------------------------------------------------------------------------

    private Uni<RsaJsonWebKey> key(String kid) {
        Keys current = keys;
        if (current != null && current.fetchedAt().plus(maxAge).isAfter(clock.instant())) {
            Optional<RsaJsonWebKey> known = find(current, kid);
            if (known.isPresent()) {
                return Uni.createFrom().item(known.get());
            }
        }
        Uni<Keys> refreshed = refresh();
        if (current != null) {
            // Stale keys still serve when VNeID cannot be reached for fresh ones.
            refreshed = refreshed.onFailure().recoverWithItem(current);
        }
        return refreshed.map(k -> find(k, kid).orElseThrow(() -> invalid(ProofFailure.UNKNOWN_KEY)));
    }

    /**
     * The keys after a refresh, if one may start now; else the current ones (or, never having
     * had any, a failure: VNeID is unavailable to us until the interval ends).
     */
    private synchronized Uni<Keys> refresh() {
        if (inFlight != null) {
            return inFlight;
        }
        Instant now = clock.instant();
        if (lastFetchStarted != null && now.isBefore(lastFetchStarted.plus(minRefreshInterval))) {
            Keys current = keys;
            return current != null ? Uni.createFrom().item(current)
                    : Uni.createFrom().failure(new VneidException.Unavailable("VNeID keys not available yet", null, 0));
        }
        lastFetchStarted = now;
        Uni<Keys> fetch = Uni.createFrom().<String>deferred(() -> fetchJwks.get())
                .map(this::parse)
                .invoke(k -> keys = k)
                .onFailure(e -> !(e instanceof VneidException)).transform(e -> new VneidException.Unavailable(
                        "VNeID keys unreadable or unreachable: " + e.getClass().getSimpleName(), null, 0))
                .onTermination().invoke(this::fetchEnded)
                .memoize().indefinitely();
        inFlight = fetch;
        return fetch;
    }

    private synchronized void fetchEnded() {
        inFlight = null;
    }

    private Keys parse(String document) {
        try {
            return new Keys(new JsonWebKeySet(document), clock.instant());
        } catch (JoseException | RuntimeException e) {
            throw new VneidException.Unavailable("VNeID JWKS unreadable", null, 200);
        }
    }

    /** An RSA signing key with this kid (a key meant for encryption, or for another algorithm, is not one). */
    private static Optional<RsaJsonWebKey> find(Keys keys, String kid) {
        for (JsonWebKey key : keys.set().getJsonWebKeys()) {
            if (kid.equals(key.getKeyId()) && key instanceof RsaJsonWebKey rsa
                    && (key.getUse() == null || "sig".equals(key.getUse()))
                    && (key.getAlgorithm() == null || AlgorithmIdentifiers.RSA_USING_SHA256.equals(key.getAlgorithm()))) {
                return Optional.of(rsa);
            }
        }
        return Optional.empty();
    }

    // --- signature and claims ---------------------------------------------------------------------

    private VneidIdentity claims(String token, RsaJsonWebKey key) {
        int skewSeconds = (int) skew.toSeconds();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKey(key.getRsaPublicKey())
                .setExpectedIssuers(true, issuer, issuer + "/")
                .setExpectedAudience(true, audience)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setAllowedClockSkewInSeconds(skewSeconds)
                // An iat in the future beyond the skew: a token from a clock no one should trust.
                .setIssuedAtRestrictions(0, Integer.MAX_VALUE / 2)
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw invalid(reason(e));
        }
        return identity(claims);
    }

    private static ProofFailure reason(InvalidJwtException e) {
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return ProofFailure.SIGNATURE;
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID) || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return ProofFailure.ISSUER;
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return ProofFailure.AUDIENCE;
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRED) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)
                || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST) || e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return ProofFailure.EXPIRED;
        }
        return ProofFailure.MALFORMED;
    }

    /** VNeID's own claims, checked: a signed token that does not say who and how strongly proves nothing. */
    private VneidIdentity identity(JwtClaims claims) {
        try {
            String personalId = claims.getStringClaimValue("personal_id");
            Object level = claims.getClaimValue("identification_level");
            String name = claims.getStringClaimValue("name");
            String birthdate = claims.getStringClaimValue("birthdate");
            String gender = claims.getStringClaimValue("gender");
            int lvl = level instanceof Number n && (n.longValue() == 1 || n.longValue() == 2) ? n.intValue() : 0;
            if (personalId == null || !PERSONAL_ID.matcher(personalId).matches() || lvl == 0 || name == null
                    || birthdate == null || !DATE.matcher(birthdate).matches()
                    || !Set.of("male", "female").contains(gender)) {
                throw invalid(ProofFailure.MALFORMED);
            }
            return new VneidIdentity(personalId, name, birthdate, gender.equals("male") ? "MALE" : "FEMALE", lvl,
                    clock.instant());
        } catch (MalformedClaimException e) {
            throw invalid(ProofFailure.MALFORMED);
        }
    }

    private static VneidException.ProofInvalid invalid(ProofFailure reason) {
        return new VneidException.ProofInvalid(reason, 0);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
