package vn.gov.dancu.sandbox.vneid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import vn.gov.dancu.sandbox.SandboxVertx;
import vn.gov.dancu.sandbox.npd.CitizenRecord;
import vn.gov.dancu.sandbox.npd.NpdRoutes;
import vn.gov.dancu.sandbox.npd.SandboxPersonas;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;

/**
 * VNeID as a relying party sees it ({@code upstreams/vneid.openapi.yaml}), over real HTTP on its
 * own port: client-credentials tokens, QR-code redemption, OIDC discovery and the JWKS of the keys
 * that sign citizen ID tokens, plus the contract's {@code /_sim} endpoints with which tests play
 * the citizen (a QR code from the app, an ID token from a portal login).
 *
 * <p>Accounts: every living citizen of the {@link SyntheticPopulation} has one. Deterministically
 * one in four generated citizens holds only level 1 (the rest level 2), as does
 * {@link SandboxPersonas#VNEID_LEVEL_1}; {@link SandboxPersonas#VNEID_LOCKED}'s account is locked;
 * the dead and the missing have none (404 NO_ACCOUNT). One-time codes live 120 s on the
 * injectable clock and redeem once. {@link #rotateKeys()} makes a new signing key (the JWKS then
 * publishes it and the previous one).
 *
 * <p>Outside the contract, for demos and tests: {@code POST /_sim/rotate-keys},
 * {@code GET|POST /_sim/behaviour} ({@code maintenance}, {@code latencyMillis}) and
 * {@code POST /_sim/reset}.
 */
public final class VneidSimulator implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "dancu-gateway";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-vneid-secret";
    /** The {@code aud} the sandbox gateway expects in citizen ID tokens. */
    public static final String DEFAULT_ID_TOKEN_AUDIENCE = "dancu-gateway";
    public static final Duration CODE_LIFETIME = Duration.ofSeconds(120);
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(300);
    public static final Duration ID_TOKEN_LIFETIME = Duration.ofSeconds(300);
    public static final Duration MAINTENANCE_RETRY_AFTER = Duration.ofSeconds(20);

    private static final Logger LOG = Logger.getLogger(VneidSimulator.class);

    /** A citizen's VNeID account as this simulator holds it. */
    public record Account(String personalId, String fullName, String dateOfBirth, String gender, int level,
            boolean locked) {
    }

    private record IssuedCode(String personalId, Instant expiresAt) {
    }

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Clock clock;
    private final SyntheticPopulation population;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> used = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger redemptions = new AtomicInteger();
    private final AtomicInteger keyNumber = new AtomicInteger();
    private final List<RsaJsonWebKey> keys = new ArrayList<>(); // guarded by this; newest first

    private volatile boolean maintenance;
    private volatile Duration latency = Duration.ZERO;
    private HttpServer server;
    private volatile int port = -1;
    private boolean closed;

    public VneidSimulator(SyntheticPopulation population) {
        this(population, null, Clock.systemUTC());
    }

    /**
     * @param vertx a Vert.x to share (not closed by {@link #close()}), or null for one of its own
     * @param clock the time for code, token and key lifetimes; tests pass one they can move
     */
    public VneidSimulator(SyntheticPopulation population, Vertx vertx, Clock clock) {
        this.population = population;
        this.ownsVertx = vertx == null;
        this.vertx = vertx != null ? vertx : SandboxVertx.create();
        this.clock = clock;
        rotateKeys();
    }

    // --- lifecycle ----------------------------------------------------------------------------

    public VneidSimulator start(int port) {
        return start("127.0.0.1", port);
    }

    public synchronized VneidSimulator start(String host, int port) {
        if (server != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started on port " + this.port);
        }
        server = SandboxVertx.await(vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router()).listen());
        this.port = server.actualPort();
        LOG.infof("VNeID simulator listening on http://%s:%d", host, this.port);
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:{port}}: the value for VNEID_URL, and the issuer of its ID tokens. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            SandboxVertx.await(server.close());
        }
        if (ownsVertx) {
            SandboxVertx.await(vertx.close());
        }
        port = -1;
    }

    // --- accounts, codes, tokens, keys ----------------------------------------------------------

    /** The account of this citizen; none for an unknown number, the dead and the missing. */
    public Optional<Account> account(String personalId) {
        return population.find(personalId)
                .filter(c -> c.lifeStatus() == CitizenRecord.LifeStatus.ALIVE)
                .map(c -> new Account(c.personalId(), java.text.Normalizer.normalize(c.fullName().trim().replaceAll("\\s+", " "),
                        java.text.Normalizer.Form.NFC), c.dateOfBirth(),
                        c.gender().name(), level(c.personalId()), SandboxPersonas.VNEID_LOCKED.equals(c.personalId())));
    }

    /** Level 1 for {@link SandboxPersonas#VNEID_LEVEL_1} and every fourth generated citizen; else 2. */
    static int level(String personalId) {
        if (SandboxPersonas.VNEID_LEVEL_1.equals(personalId)) {
            return 1;
        }
        if (isHandMade(personalId)) {
            return 2;
        }
        return Math.floorMod(personalId.hashCode(), 4) == 0 ? 1 : 2;
    }

    private static boolean isHandMade(String personalId) {
        for (java.lang.reflect.Field f : SandboxPersonas.class.getFields()) {
            try {
                if (personalId.equals(f.get(null))) {
                    return true;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    /** The QR code the citizen's app would show now ({@code ttl} normally {@link #CODE_LIFETIME}). */
    public Optional<String> qrCode(String personalId, Duration ttl) {
        if (account(personalId).isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = "VNEID-QR-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, new IssuedCode(personalId, clock.instant().plus(ttl)));
        return Optional.of(code);
    }

    public Optional<String> qrCode(String personalId) {
        return qrCode(personalId, CODE_LIFETIME);
    }

    /** The ID token a portal would receive after this citizen's VNeID login, signed with the current key. */
    public Optional<String> idToken(String personalId, String audience, Duration ttl) {
        return account(personalId).map(a -> sign(claims(a, audience, ttl), currentKey()));
    }

    /** The claims VNeID puts in a citizen's ID token. */
    public JwtClaims claims(Account a, String audience, Duration ttl) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(baseUrl());
        claims.setAudience(audience);
        claims.setSubject("vneid-" + Integer.toHexString(a.personalId().hashCode()));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + ttl.toSeconds()));
        claims.setClaim("name", a.fullName());
        claims.setClaim("birthdate", a.dateOfBirth());
        claims.setClaim("gender", a.gender().toLowerCase(java.util.Locale.ROOT));
        claims.setClaim("personal_id", a.personalId());
        claims.setClaim("identification_level", a.level());
        return claims;
    }

    /** RS256 with the key's kid: what VNeID signs. Tests sign claims of their own making with it. */
    public String sign(JwtClaims claims, RsaJsonWebKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized RsaJsonWebKey currentKey() {
        return keys.get(0);
    }

    /** A new signing key; the JWKS publishes it and the one before (tokens signed just before still verify). */
    public synchronized String rotateKeys() {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("vneid-sim-" + keyNumber.incrementAndGet());
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            keys.add(0, key);
            while (keys.size() > 2) {
                keys.remove(keys.size() - 1);
            }
            return key.getKeyId();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized String jwks() {
        return new JsonWebKeySet(keys.toArray(new JsonWebKey[0])).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** How often the JWKS was fetched: proves a relying party caches it. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** How many redemptions reached the simulator (answered or refused). */
    public int redemptions() {
        return redemptions.get();
    }

    public VneidSimulator maintenance(boolean on) {
        this.maintenance = on;
        return this;
    }

    public VneidSimulator latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /** Back to the start: behaviour, codes, counters (keys stay: a restart of VNeID keeps its keys). */
    public void reset() {
        maintenance = false;
        latency = Duration.ZERO;
        codes.clear();
        used.clear();
        jwksFetches.set(0);
        redemptions.set(0);
    }

    // --- HTTP ---------------------------------------------------------------------------------

    private Router router() {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.post("/oauth2/token").handler(this::token);
        router.get("/.well-known/openid-configuration").handler(this::discovery);
        router.get("/jwks").handler(ctx -> {
            jwksFetches.incrementAndGet();
            ctx.response().putHeader("Content-Type", "application/json").end(jwks());
        });
        router.post("/api/v1/identity/verify").handler(this::delayed);
        router.post("/api/v1/identity/verify").handler(this::redeem);
        router.post("/_sim/qr-codes").handler(this::simQrCode);
        router.post("/_sim/id-tokens").handler(this::simIdToken);
        router.post("/_sim/rotate-keys").handler(ctx -> json(ctx, 200, Map.of("kid", rotateKeys())));
        router.get("/_sim/behaviour").handler(this::behaviour);
        router.post("/_sim/behaviour").handler(this::setBehaviour);
        router.post("/_sim/reset").handler(ctx -> {
            reset();
            ctx.response().setStatusCode(204).end();
        });
        router.route().last().handler(ctx -> error(ctx, 404, "INVALID_REQUEST", "Unknown path"));
        return router;
    }

    private void delayed(RoutingContext ctx) {
        redemptions.incrementAndGet(); // counted on arrival, however long the answer takes
        Duration d = latency;
        if (d.isZero()) {
            ctx.next();
        } else {
            vertx.setTimer(d.toMillis(), t -> ctx.next());
        }
    }

    private void token(RoutingContext ctx) {
        String grant = ctx.request().getFormAttribute("grant_type");
        String id = ctx.request().getFormAttribute("client_id");
        String secret = ctx.request().getFormAttribute("client_secret");
        if (!"client_credentials".equals(grant) || !DEFAULT_CLIENT_ID.equals(id) || !DEFAULT_CLIENT_SECRET.equals(secret)) {
            error(ctx, 401, "TOKEN_INVALID", "Bad client credentials");
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "vneid-at-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        accessTokens.put(token, clock.instant().plus(ACCESS_TOKEN_LIFETIME));
        json(ctx, 200, Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", ACCESS_TOKEN_LIFETIME.toSeconds()));
    }

    private void discovery(RoutingContext ctx) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", baseUrl());
        doc.put("jwks_uri", baseUrl() + "/jwks");
        doc.put("token_endpoint", baseUrl() + "/oauth2/token");
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("response_types_supported", List.of("code"));
        doc.put("claims_supported", List.of("iss", "aud", "sub", "iat", "exp", "name", "birthdate", "gender",
                "personal_id", "identification_level"));
        json(ctx, 200, doc);
    }

    private void redeem(RoutingContext ctx) {
        String requestId = ctx.request().getHeader("X-Request-Id");
        if (maintenance) {
            ctx.response().putHeader("Retry-After", Long.toString(MAINTENANCE_RETRY_AFTER.toSeconds()));
            error(ctx, 503, "UNAVAILABLE", "Maintenance", requestId);
            return;
        }
        String auth = ctx.request().getHeader("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        Instant expires = token == null ? null : accessTokens.get(token);
        if (expires == null) {
            error(ctx, 401, "TOKEN_INVALID", "Unknown access token", requestId);
            return;
        }
        if (!expires.isAfter(clock.instant())) {
            error(ctx, 401, "TOKEN_EXPIRED", "Access token expired", requestId);
            return;
        }
        if (blank(ctx.request().getHeader("X-Agency-Code")) || blank(ctx.request().getHeader("X-Officer-Id"))) {
            error(ctx, 400, "INVALID_REQUEST", "X-Agency-Code and X-Officer-Id are required", requestId);
            return;
        }
        String code;
        try {
            JsonNode body = NpdRoutes.JSON.readTree(ctx.body().asString());
            code = body == null ? null : body.path("code").isTextual() ? body.get("code").asText() : null;
        } catch (Exception e) {
            code = null;
        }
        if (code == null || code.length() < 16 || code.length() > 512) {
            error(ctx, 400, "INVALID_REQUEST", "code must be 16 to 512 characters", requestId);
            return;
        }
        IssuedCode issued = codes.get(code);
        if (issued == null) {
            error(ctx, 400, "INVALID_CODE", "Not a code VNeID issued", requestId);
            return;
        }
        if (used.containsKey(code)) {
            error(ctx, 410, "CODE_ALREADY_USED", "The code was redeemed before", requestId);
            return;
        }
        if (!issued.expiresAt().isAfter(clock.instant())) {
            error(ctx, 410, "CODE_EXPIRED", "The code expired", requestId);
            return;
        }
        Optional<Account> account = account(issued.personalId());
        if (account.isEmpty() || account.get().locked()) {
            error(ctx, 423, "ACCOUNT_LOCKED", "The account is locked", requestId);
            return;
        }
        if (used.putIfAbsent(code, Boolean.TRUE) != null) {
            error(ctx, 410, "CODE_ALREADY_USED", "The code was redeemed before", requestId);
            return;
        }
        Account a = account.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("personalId", a.personalId());
        body.put("fullName", a.fullName());
        body.put("dateOfBirth", a.dateOfBirth());
        body.put("gender", a.gender());
        body.put("identificationLevel", a.level());
        body.put("verifiedAt", clock.instant().toString());
        json(ctx, 200, body);
    }

    private void simQrCode(RoutingContext ctx) {
        JsonNode body = body(ctx);
        String personalId = body.path("personalId").asText("");
        long ttl = body.path("ttlSeconds").asLong(CODE_LIFETIME.toSeconds());
        if (!personalId.matches("[0-9]{12}") || ttl < 1) {
            error(ctx, 400, "INVALID_REQUEST", "personalId must be 12 digits");
            return;
        }
        Optional<String> code = qrCode(personalId, Duration.ofSeconds(ttl));
        if (code.isEmpty()) {
            // The contract's 404 (NO_ACCOUNT) has no body: the status says it all.
            ctx.response().setStatusCode(404).end();
            return;
        }
        json(ctx, 201, Map.of("code", code.get(), "expiresAt", codes.get(code.get()).expiresAt().toString()));
    }

    private void simIdToken(RoutingContext ctx) {
        JsonNode body = body(ctx);
        String personalId = body.path("personalId").asText("");
        String audience = body.path("audience").asText("");
        long ttl = body.path("ttlSeconds").asLong(ID_TOKEN_LIFETIME.toSeconds());
        if (!personalId.matches("[0-9]{12}") || audience.isEmpty()) {
            error(ctx, 400, "INVALID_REQUEST", "personalId (12 digits) and audience are required");
            return;
        }
        Optional<String> token = idToken(personalId, audience, Duration.ofSeconds(ttl));
        if (token.isEmpty()) {
            error(ctx, 404, "NO_ACCOUNT", "No VNeID account for this citizen");
            return;
        }
        json(ctx, 201, Map.of("id_token", token.get()));
    }

    private void behaviour(RoutingContext ctx) {
        json(ctx, 200, Map.of("maintenance", maintenance, "latencyMillis", latency.toMillis(),
                "redemptions", redemptions.get(), "jwksFetches", jwksFetches.get()));
    }

    private void setBehaviour(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body.has("maintenance")) {
            maintenance = body.get("maintenance").asBoolean();
        }
        if (body.has("latencyMillis")) {
            latency = Duration.ofMillis(Math.max(0, body.get("latencyMillis").asLong()));
        }
        behaviour(ctx);
    }

    private static JsonNode body(RoutingContext ctx) {
        try {
            JsonNode node = NpdRoutes.JSON.readTree(ctx.body().asString());
            return node == null ? NpdRoutes.JSON.createObjectNode() : node;
        } catch (Exception e) {
            return NpdRoutes.JSON.createObjectNode();
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        error(ctx, status, code, message, null);
    }

    private static void error(RoutingContext ctx, int status, String code, String message, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorCode", code);
        body.put("message", message);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        json(ctx, status, body);
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(NpdRoutes.JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(500, e);
        }
    }
}
