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

    // The dashboard (issue 9): officers log in through a login page, authorization-code flow.
    /** The gateway's dashboard as a confidential client of the authorization-code flow. */
    public static final String DASHBOARD_CLIENT = "dancu-dashboard";
    /** Its secret; also what Quarkus OIDC encrypts the session cookie with (at least 32 characters). */
    public static final String DASHBOARD_SECRET = "sandbox-dashboard-secret-0123456789abcdef";
    /** How long an authorization code may wait for its exchange. */
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

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
    private final java.util.concurrent.ConcurrentHashMap<String, PendingCode> codes =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
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

    public String authorizationEndpoint() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    public String endSessionEndpoint() {
        return issuer() + "/protocol/openid-connect/logout";
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
        router.get(realm + "/protocol/openid-connect/auth").handler(this::loginPage);
        router.post(realm + "/protocol/openid-connect/auth")
                .handler(BodyHandler.create(false).setBodyLimit(8 * 1024)).handler(this::login);
        router.get(realm + "/protocol/openid-connect/logout").handler(this::logout);
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
        document.put("authorization_endpoint", authorizationEndpoint());
        document.put("end_session_endpoint", endSessionEndpoint());
        document.put("grant_types_supported", List.of("password", "authorization_code"));
        document.put("response_types_supported", List.of("code", "token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_post",
                "client_secret_basic"));
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
        if (grantType.equals("authorization_code")) {
            exchangeCode(ctx);
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

    // --- authorization-code flow (the dashboard) --------------------------------------------

    /** A code handed to the browser, waiting for the client to exchange it (once). */
    private record PendingCode(Officer officer, String clientId, String redirectUri, String nonce,
            java.time.Instant expiresAt) {
    }

    /** The login page, as Keycloak's: a username and password form that posts back here. */
    private void loginPage(RoutingContext ctx) {
        var q = ctx.request();
        if (!"code".equals(q.getParam("response_type")) || !DASHBOARD_CLIENT.equals(q.getParam("client_id"))
                || !validRedirect(q.getParam("redirect_uri"))) {
            page(ctx, 400, "Yêu cầu đăng nhập không hợp lệ / Invalid login request", null, Map.of());
            return;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "scope")) {
            String value = q.getParam(name);
            if (value != null) {
                hidden.put(name, value);
            }
        }
        page(ctx, 200, null, "", hidden);
    }

    /** The form posted: right credentials send the browser back with a one-time code, wrong ones show the form again. */
    private void login(RoutingContext ctx) {
        var form = ctx.request();
        String clientId = form.getFormAttribute("client_id");
        String redirectUri = form.getFormAttribute("redirect_uri");
        if (!DASHBOARD_CLIENT.equals(clientId) || !validRedirect(redirectUri)) {
            page(ctx, 400, "Yêu cầu đăng nhập không hợp lệ / Invalid login request", null, Map.of());
            return;
        }
        Map<String, String> hidden = new LinkedHashMap<>();
        for (String name : List.of("client_id", "redirect_uri", "state", "nonce", "scope")) {
            String value = form.getFormAttribute(name);
            if (value != null) {
                hidden.put(name, value);
            }
        }
        String username = form.getFormAttribute("username");
        Optional<Officer> officer = officer(username);
        if (officer.isEmpty() || !PASSWORD.equals(form.getFormAttribute("password"))) {
            page(ctx, 401, "Sai tên đăng nhập hoặc mật khẩu / Invalid username or password",
                    username == null ? "" : username, hidden);
            return;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String code = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, new PendingCode(officer.get(), clientId, redirectUri, form.getFormAttribute("nonce"),
                clock.instant().plus(CODE_LIFETIME)));
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?')
                .append("code=").append(code);
        String state = form.getFormAttribute("state");
        if (state != null) {
            location.append("&state=").append(java.net.URLEncoder.encode(state, StandardCharsets.UTF_8));
        }
        ctx.response().setStatusCode(302).putHeader("Location", location.toString()).end();
    }

    /** The code for tokens: the confidential client (HTTP Basic or form), the same redirect URI, once. */
    private void exchangeCode(RoutingContext ctx) {
        var form = ctx.request();
        String clientId = form.getFormAttribute("client_id");
        String secret = form.getFormAttribute("client_secret");
        String basic = form.getHeader("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(java.util.Base64.getDecoder().decode(basic.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                clientId = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            }
        }
        if (!DASHBOARD_CLIENT.equals(clientId) || !DASHBOARD_SECRET.equals(secret)) {
            oauthError(ctx, 401, "invalid_client", "Invalid client or Invalid client credentials");
            return;
        }
        String code = form.getFormAttribute("code");
        PendingCode pending = code == null ? null : codes.remove(code);
        if (pending == null || pending.expiresAt().isBefore(clock.instant())
                || !pending.clientId().equals(clientId)
                || !pending.redirectUri().equals(form.getFormAttribute("redirect_uri"))) {
            oauthError(ctx, 400, "invalid_grant", "Code not valid");
            return;
        }
        Map<String, Object> idClaims = new LinkedHashMap<>();
        idClaims.put("aud", clientId);
        idClaims.put("typ", "ID");
        // As Keycloak: the roles travel only in the access token, so the dashboard's tests see what
        // a province's Keycloak sends (a role check reading the ID token would find none).
        idClaims.put("realm_access", null);
        if (pending.nonce() != null) {
            idClaims.put("nonce", pending.nonce());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", sign(claims(pending.officer(), clientId, Map.of())));
        body.put("id_token", sign(claims(pending.officer(), clientId, idClaims)));
        body.put("token_type", "Bearer");
        body.put("expires_in", tokenLifetime.toSeconds());
        body.put("scope", "openid profile");
        ctx.response().putHeader("Cache-Control", "no-store");
        json(ctx, 200, body);
    }

    /** RP-initiated logout: nothing is kept here, so it only sends the browser back. */
    private void logout(RoutingContext ctx) {
        String back = ctx.request().getParam("post_logout_redirect_uri");
        if (validRedirect(back)) {
            ctx.response().setStatusCode(302).putHeader("Location", back).end();
        } else {
            page(ctx, 200, "Đã đăng xuất / Signed out", null, Map.of());
        }
    }

    /** The sandbox accepts any http(s) redirect back to a gateway: it has no client registry to check against. */
    private static boolean validRedirect(String uri) {
        return uri != null && (uri.startsWith("http://") || uri.startsWith("https://")) && uri.length() < 2048;
    }

    /** The login form (or only a message when {@code username} is null), in Vietnamese and English. */
    private void page(RoutingContext ctx, int status, String message, String username, Map<String, String> hidden) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập — dancu (sandbox)</title></head>
                <body><main>
                <h1>Đăng nhập / Sign in</h1>
                <p>Nhà cung cấp định danh mô phỏng (sandbox) — realm dancu</p>
                """);
        if (message != null) {
            html.append("<p id=\"error\" role=\"alert\">").append(escape(message)).append("</p>\n");
        }
        if (username != null) {
            html.append("<form id=\"kc-form-login\" method=\"post\" action=\"").append(escape(authorizationEndpoint()))
                    .append("\">\n");
            hidden.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                    .append("\" value=\"").append(escape(value)).append("\">\n"));
            html.append("<label for=\"username\">Tên đăng nhập / Username</label>")
                    .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" value=\"")
                    .append(escape(username)).append("\">\n")
                    .append("<label for=\"password\">Mật khẩu / Password</label>")
                    .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\">\n")
                    .append("<button id=\"kc-login\" type=\"submit\">Đăng nhập / Sign in</button>\n</form>\n");
        }
        html.append("</main></body></html>\n");
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Frame-Options", "DENY")
                .putHeader("Content-Security-Policy", "default-src 'none'; form-action *; frame-ancestors 'none'")
                .end(html.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
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
