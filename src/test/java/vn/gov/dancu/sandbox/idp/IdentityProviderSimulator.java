package vn.gov.dancu.sandbox.idp;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
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
import vn.gov.dancu.sandbox.npd.NpdRoutes;

/**
 * A tiny OpenID Connect provider for officers, shaped like the province's Keycloak (realm
 * {@value #REALM}): discovery, JWKS and a token endpoint with the password grant. Tokens are RS256
 * JWTs with Keycloak's claims ({@code realm_access.roles}, {@code preferred_username},
 * {@code azp}) plus the province's {@code agency_code}, so Quarkus OIDC validates them through
 * discovery and JWKS exactly as it would the real provider.
 *
 * <p>The issuer is {@code http://localhost:{port}/realms/dancu}, which is also what the gateway
 * must be configured with ({@code quarkus.oidc.auth-server-url}): the two must match exactly.
 * A fresh RSA key is made per instance; nothing outside the JVM can forge its tokens.
 */
public final class IdentityProviderSimulator implements AutoCloseable {

    public static final String REALM = "dancu";
    /** The password of every built-in officer. */
    public static final String PASSWORD = "sandbox";
    public static final String DEFAULT_AUDIENCE = "dancu-gateway";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
    /** Clients allowed to use the password grant: the counter software and the gateway itself. */
    public static final Set<String> CLIENTS = Set.of("counter-app", "dancu-gateway");

    /** A built-in officer account; {@code agencyCode} null means the token has no agency_code claim. */
    public record Officer(String username, List<String> roles, String agencyCode) {

        public Officer {
            roles = List.copyOf(roles);
        }
    }

    /** The built-in accounts, one per role, and one without an agency (for 403 AGENCY_REQUIRED). */
    public static final List<Officer> OFFICERS = List.of(
            new Officer("cs-officer", List.of("civil-status-officer"), "UBND-P-DONGXOAI"),
            new Officer("jr-officer", List.of("judicial-record-officer"), "STP-DONGNAI"),
            new Officer("auditor", List.of("auditor"), "STP-DONGNAI"),
            new Officer("reporter", List.of("report-viewer"), "STP-DONGNAI"),
            new Officer("no-agency", List.of("civil-status-officer"), null));

    private static final Logger LOG = Logger.getLogger(IdentityProviderSimulator.class);

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Clock clock;
    private final RsaJsonWebKey key;
    private volatile String audience = DEFAULT_AUDIENCE;
    private volatile Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private HttpServer server;
    private volatile int port = -1;
    private boolean closed;

    /** A provider on its own Vert.x and the system clock. */
    public IdentityProviderSimulator() {
        this(null, Clock.systemUTC());
    }

    /**
     * @param vertx a Vert.x to share (not closed by {@link #close()}), or null for one of its own
     * @param clock the time for {@code iat}/{@code exp}
     */
    public IdentityProviderSimulator(Vertx vertx, Clock clock) {
        this.ownsVertx = vertx == null;
        this.vertx = vertx != null ? vertx : SandboxVertx.create();
        this.clock = clock;
        try {
            // The kid is the key's thumbprint: stable for this key, different for every instance.
            key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
        } catch (JoseException e) {
            throw new IllegalStateException("cannot create the sandbox signing key", e);
        }
    }

    // --- lifecycle ----------------------------------------------------------------------------

    /** Listens on 127.0.0.1 and {@code port} (0 picks a free one); blocks until it listens. */
    public IdentityProviderSimulator start(int port) {
        return start("127.0.0.1", port);
    }

    public synchronized IdentityProviderSimulator start(String host, int port) {
        if (server != null || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started on port " + this.port);
        }
        server = SandboxVertx.await(vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router())
                .listen());
        this.port = server.actualPort();
        LOG.infof("Identity provider simulator listening on http://%s:%d (issuer %s)", host, this.port, issuer());
        return this;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:{port}/realms/dancu}: the issuer and the value of quarkus.oidc.auth-server-url. */
    public String issuer() {
        if (port < 0) {
            throw new IllegalStateException("the identity provider is not started");
        }
        return "http://localhost:" + port + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwksUri() {
        return issuer() + "/protocol/openid-connect/certs";
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

    // --- settings -----------------------------------------------------------------------------

    /** The {@code aud} of new tokens; default {@value #DEFAULT_AUDIENCE}. */
    public IdentityProviderSimulator audience(String audience) {
        this.audience = audience;
        return this;
    }

    /** How long new tokens live; default one hour. */
    public IdentityProviderSimulator tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    // --- tokens -------------------------------------------------------------------------------

    /** The access token the token endpoint would give this officer through the counter app. */
    public String accessToken(String username) {
        return accessToken(username, Map.of());
    }

    /**
     * A token for this officer with some claims replaced, for negative tests: e.g.
     * {@code Map.of("aud", "someone-else")}, {@code Map.of("iss", "http://evil")}, or an {@code exp}
     * in the past (epoch seconds). A null value removes the claim.
     *
     * @throws IllegalArgumentException for a username that is not one of {@link #OFFICERS}
     */
    public String accessToken(String username, Map<String, Object> overrides) {
        Officer officer = officer(username).orElseThrow(() -> new IllegalArgumentException("unknown officer"));
        return sign(claims(officer, "counter-app", overrides));
    }

    /** The public keys as a JWKS document (what the certs endpoint serves). */
    public String jwks() {
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The {@code kid} of the signing key. */
    public String keyId() {
        return key.getKeyId();
    }

    /** The built-in account with this username; null and unknown names find none. */
    static Optional<Officer> officer(String username) {
        return OFFICERS.stream().filter(o -> o.username().equals(username)).findFirst();
    }

    /** Keycloak's access-token claims for an officer, then the caller's replacements. */
    private JwtClaims claims(Officer officer, String clientId, Map<String, Object> overrides) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer());
        // A stable subject per account, as Keycloak keeps a user's id across tokens.
        claims.setSubject(UUID.nameUUIDFromBytes(("dancu:" + officer.username()).getBytes(StandardCharsets.UTF_8))
                .toString());
        claims.setAudience(audience);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + tokenLifetime.toSeconds()));
        claims.setGeneratedJwtId();
        claims.setClaim("typ", "Bearer");
        claims.setClaim("azp", clientId);
        claims.setClaim("scope", "openid profile");
        claims.setClaim("preferred_username", officer.username());
        if (officer.agencyCode() != null) {
            claims.setClaim("agency_code", officer.agencyCode());
        }
        // Quarkus OIDC reads roles from realm_access.roles, as it does for Keycloak.
        claims.setClaim("realm_access", Map.of("roles", officer.roles()));
        overrides.forEach((name, value) -> {
            if (value == null) {
                claims.unsetClaim(name);
            } else {
                claims.setClaim(name, value);
            }
        });
        return claims;
    }

    /** RS256 with the key's kid in the header, so a verifier picks the key from the JWKS. */
    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a sandbox token", e);
        }
    }

    // --- HTTP ---------------------------------------------------------------------------------

    /** Keycloak's paths under /realms/dancu: discovery, certs and token; anything else 404. */
    private Router router() {
        Router router = Router.router(vertx);
        String realm = "/realms/" + REALM;
        router.get(realm + "/.well-known/openid-configuration").handler(this::discovery);
        router.get(realm + "/protocol/openid-connect/certs").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json").end(jwks()));
        router.post(realm + "/protocol/openid-connect/token")
                .handler(BodyHandler.create(false).setBodyLimit(8 * 1024)).handler(this::token);
        router.route().last().handler(ctx -> oauthError(ctx, 404, "not_found", "Unknown path"));
        return router;
    }

    /**
     * The discovery document. It lists only what this provider really does (the password grant,
     * RS256): Quarkus needs the issuer and jwks_uri, and the issuer must equal the tokens' iss.
     */
    private void discovery(RoutingContext ctx) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer());
        document.put("token_endpoint", tokenEndpoint());
        document.put("jwks_uri", jwksUri());
        document.put("grant_types_supported", List.of("password"));
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_post"));
        document.put("scopes_supported", List.of("openid", "profile"));
        document.put("claims_supported", List.of("iss", "sub", "aud", "exp", "iat", "azp", "preferred_username",
                "agency_code", "realm_access"));
        json(ctx, 200, document);
    }

    /** The password grant, answering as Keycloak does: 400 for a malformed request, 401 for bad credentials. */
    private void token(RoutingContext ctx) {
        String grantType = ctx.request().getFormAttribute("grant_type");
        if (grantType == null) {
            oauthError(ctx, 400, "invalid_request", "Missing form parameter: grant_type");
            return;
        }
        if (!grantType.equals("password")) {
            oauthError(ctx, 400, "unsupported_grant_type", "Unsupported grant_type");
            return;
        }
        String clientId = ctx.request().getFormAttribute("client_id");
        if (clientId == null || !CLIENTS.contains(clientId)) {
            oauthError(ctx, 401, "invalid_client", "Invalid client or Invalid client credentials");
            return;
        }
        Optional<Officer> officer = officer(ctx.request().getFormAttribute("username"));
        if (officer.isEmpty() || !PASSWORD.equals(ctx.request().getFormAttribute("password"))) {
            oauthError(ctx, 401, "invalid_grant", "Invalid user credentials");
            return;
        }
        // No refresh or ID token: the counter app asks again when the hour is up.
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", sign(claims(officer.get(), clientId, Map.of())));
        body.put("token_type", "Bearer");
        body.put("expires_in", tokenLifetime.toSeconds());
        body.put("scope", "openid profile");
        ctx.response().putHeader("Cache-Control", "no-store");
        json(ctx, 200, body);
    }

    private static void oauthError(RoutingContext ctx, int status, String error, String description) {
        json(ctx, status, Map.of("error", error, "error_description", description));
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
