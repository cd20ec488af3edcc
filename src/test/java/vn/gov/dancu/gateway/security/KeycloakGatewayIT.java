package vn.gov.dancu.gateway.security;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.gov.dancu.gateway.testing.KeycloakResource;
import vn.gov.dancu.gateway.testing.KeycloakServer;
import vn.gov.dancu.gateway.testing.PostgresResource;
import vn.gov.dancu.sandbox.npd.SandboxPersonas;

/**
 * The packaged gateway ({@code target/quarkus-app}, production profile) against a real Keycloak
 * 26.7.3 importing {@code docker/keycloak/realm-dancu.json} and the NPD simulator, configured
 * only with the issuer and the client id: what a province deploys, with the traps seen in
 * {@code shared/keycloak/README.md} proved closed — officer and agency from Keycloak's tokens into
 * the audit trail, a token of another client refused (the audience defaults to the client id),
 * an expired token, a rotated realm key accepted within the bounded forced JWKS refresh, an
 * {@code agency_code} from a multivalued mapper stored as the plain string, and a claim-free
 * reason for every 401 in the log. And the dashboard (spec §5.8) in headless Chromium through
 * Keycloak's own login page: a report viewer sees the month's charts, an officer without the role
 * gets 403 (skipped only when Chromium is absent and {@code CI} is not set, as
 * {@code DashboardBrowserTest}).
 */
@QuarkusIntegrationTest
@WithTestResource(KeycloakResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakGatewayIT {

    private static final String BIRTH = "{\"caseId\":\"HS-2026-000777\",\"parties\":{\"mother\":\""
            + SandboxPersonas.MOTHER + "\",\"father\":\"" + SandboxPersonas.FATHER + "\",\"declarant\":\""
            + SandboxPersonas.DECLARANT + "\"}}";

    /** Rotation works within a minute (issue 9, item 6): the forced refresh interval plus slack. */
    private static final Duration ROTATION_ACCEPTED_WITHIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration BROWSER_WAIT = Duration.ofSeconds(60);
    /** The gateway's default zone (gateway.zone): the month the dashboard shows. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private static KeycloakServer keycloak() {
        return KeycloakResource.keycloak();
    }

    @Test
    @Order(1)
    void officerAgencyAndClientComeFromKeycloaksTokenIntoTheAuditTrail() throws SQLException {
        String requestId = "kc-" + UUID.randomUUID();
        prefill(keycloak().officerToken("cs-officer"), requestId).then().statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .body("parties.mother.fields.fullName.value", equalTo("Nguyễn Thị Lan"));
        assertEquals(List.of(new Recorded(200, "cs-officer", "UBND-P-DONGXOAI", "counter-app")), recorded(requestId));
    }

    @Test
    @Order(2)
    void aUserWithoutTheAgencyAttributeIsRefused() throws SQLException {
        String requestId = "kc-" + UUID.randomUUID();
        prefill(keycloak().officerToken("no-agency"), requestId).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("AGENCY_REQUIRED"));
    }

    @Test
    @Order(3)
    void anOfficerWithoutTheProceduresRoleIsRefused() throws SQLException {
        String requestId = "kc-" + UUID.randomUUID();
        prefill(keycloak().officerToken("jr-officer"), requestId).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
        assertEquals(List.of(new Recorded(403, "jr-officer", "STP-DONGNAI", "counter-app")), recorded(requestId));
    }

    @Test
    @Order(4)
    void withoutATokenTheChallengeCarriesNoError() {
        // RFC 6750 §3: no credentials, no error code.
        given().contentType("application/json").body(BIRTH).post("/api/v1/prefill/birth-registration")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"dancu-gateway\"")
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    /**
     * The realm's {@code unrelated-app} issues valid, signed tokens for the same officers, without
     * the gateway's audience: with no QUARKUS_OIDC_TOKEN_AUDIENCE set they must still be refused.
     */
    @Test
    @Order(5)
    void aTokenIssuedToAnotherClientOfTheRealmIsRefused() {
        String token = keycloak().passwordToken("unrelated-app", "unrelated-secret", "cs-officer");
        assertFalse(claims(token).path("aud").toString().contains("dancu-gateway"), "the token is not for the gateway");
        prefill(token, "kc-" + UUID.randomUUID()).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"dancu-gateway\", error=\"invalid_token\"")
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    /**
     * A token whose {@code exp} has passed, minted by Keycloak itself: a test-only client whose
     * access-token lifespan is negative issues tokens that expired two minutes before they were
     * issued. No waiting for a real token to age.
     */
    @Test
    @Order(6)
    void anExpiredTokenIsRefused() {
        createClient("expired-app", "expired-secret", Map.of("access.token.lifespan", "-120"), false);
        String token = keycloak().passwordToken("expired-app", "expired-secret", "cs-officer");
        JsonNode claims = claims(token);
        assertTrue(claims.path("exp").asLong() < System.currentTimeMillis() / 1000, "Keycloak minted an expired token");
        assertTrue(claims.path("aud").toString().contains("dancu-gateway"), "only the expiry is wrong");
        prefill(token, "kc-" + UUID.randomUUID()).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"dancu-gateway\", error=\"invalid_token\"")
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    /**
     * A multivalued user-attribute mapper (a realm configured unlike ours) sends
     * {@code "agency_code": ["UBND-P-DONGXOAI"]}: accepted, and recorded as the plain string.
     */
    @Test
    @Order(7)
    void anAgencyCodeSentAsAOneElementListIsStoredAsThePlainString() throws SQLException {
        createClient("multivalued-app", "multivalued-secret", Map.of(), true);
        String token = keycloak().passwordToken("multivalued-app", "multivalued-secret", "cs-officer");
        JsonNode agency = claims(token).path("agency_code");
        assertTrue(agency.isArray() && agency.size() == 1, "Keycloak sent the agency as a list: " + agency);
        String requestId = "kc-" + UUID.randomUUID();
        prefill(token, requestId).then().statusCode(200).body("status", equalTo("COMPLETE"));
        assertEquals(List.of(new Recorded(200, "cs-officer", "UBND-P-DONGXOAI", "multivalued-app")), recorded(requestId));
    }

    /**
     * A realm key rotation by the admin REST API, as an administrator does it: a new RSA key
     * provider with a higher priority, the old one disabled. The worst case is provoked first: a
     * token with an unknown {@code kid} has just made the gateway refresh its JWKS (before the
     * rotation, so the refresh found nothing new). With Quarkus's default interval (10 minutes)
     * the rotated key's tokens would then be refused for ten minutes; with the gateway's they are
     * accepted within a minute. The poll is bounded and asserts the bound.
     */
    @Test
    @Order(8)
    void aRotatedRealmKeyIsAcceptedWithinAMinute() {
        String before = keycloak().officerToken("cs-officer");
        prefill(before, "kc-" + UUID.randomUUID()).then().statusCode(200);
        // An unknown key id: the gateway refreshes its JWKS now, and not again before its interval.
        prefill(withKid(before, "not-a-key-of-the-realm"), "kc-" + UUID.randomUUID()).then().statusCode(401);

        rotateRealmKey();
        String after = keycloak().officerToken("cs-officer");
        assertNotEquals(header(before).path("kid").asText(), header(after).path("kid").asText(),
                "the new token is signed with the new key");

        long start = System.nanoTime();
        List<Integer> answers = new ArrayList<>();
        await().atMost(ROTATION_ACCEPTED_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            answers.add(prefill(after, "kc-" + UUID.randomUUID()).statusCode());
            return answers.get(answers.size() - 1) == 200;
        });
        assertTrue(answers.stream().allMatch(s -> s == 200 || s == 401),
                "refused as unknown until the JWKS is refreshed, nothing else: " + answers);
        System.out.printf("rotated key accepted after %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /**
     * The dashboard through Keycloak's own login page (authorization-code flow with the realm's
     * {@code dancu-dashboard} client), after the key rotation above, so the dashboard tenant also
     * has to take ID tokens signed with the rotated key. The page is the packaged gateway's; the
     * login page is Keycloak's (its form ids); the charts show what the trail holds for the month
     * (the prefills of the tests above), and the header names the officer and the agency, which
     * only Keycloak's ID token carries. The reads are audited with the dashboard's client.
     */
    @Test
    @Order(9)
    void aReportViewerLogsInThroughKeycloaksLoginPageAndSeesTheMonthsCharts() throws IOException, SQLException {
        String month = YearMonth.now(ZONE).toString();
        WebDriver browser = browser();
        try {
            browser.get(dashboardUrl() + "?month=" + month);
            keycloakLogin(browser, "reporter");
            loaded(browser, month);

            assertTrue(browser.getCurrentUrl().startsWith(dashboardUrl()), "back on the gateway: " + browser.getCurrentUrl());
            // The session: Secure even over the test's http (cookie-force-secure; Chromium treats
            // http://localhost as a secure context and keeps it), only under /dashboard.
            var session = browser.manage().getCookies().stream().filter(c -> c.getName().startsWith("q_session")).toList();
            assertFalse(session.isEmpty(), "a session cookie was set");
            assertTrue(session.stream().allMatch(c -> c.isSecure() && c.isHttpOnly() && "/dashboard".equals(c.getPath())),
                    "Secure, HttpOnly, under /dashboard: " + session.stream().map(c -> c.getName() + " secure=" + c.isSecure()
                            + " httpOnly=" + c.isHttpOnly() + " path=" + c.getPath()).toList());
            assertEquals("Bảng theo dõi kết nối CSDLQG về dân cư", browser.findElement(By.tagName("h1")).getText());
            assertEquals("reporter · STP-DONGNAI", browser.findElement(By.cssSelector("p.who")).getText(),
                    "officer and agency from Keycloak's ID token");
            long prefills = prefillsIn(month);
            assertTrue(prefills > 0, "the tests above made prefills this month");
            Map<String, Long> totals = pairs(values(browser, "totals"));
            assertEquals(prefills, totals.get("Tổng lượt điền sẵn"), "the month's prefills as the trail holds them");
            assertEquals(prefills, pairs(values(browser, "byAgency")).values().stream().mapToLong(Long::longValue).sum(),
                    "the agencies (small ones merged) add up to the month");
            assertEquals(prefills, pairs(values(browser, "byDay")).values().stream().mapToLong(Long::longValue).sum(),
                    "the days add up to the month");
            for (String chart : List.of("byDay", "byProcedure", "byAgency", "outcomes", "npd", "latency", "outbox")) {
                assertFalse(browser.findElements(By.cssSelector("#plot-" + chart + " canvas")).isEmpty(),
                        chart + " has a rendered chart");
            }
            Path shot = Path.of("target", "keycloak-dashboard-screenshot.png").toAbsolutePath();
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            System.out.println("Dashboard through Keycloak, screenshot: " + shot);
        } finally {
            browser.quit();
        }
        assertEquals(List.of(new Recorded(200, "reporter", "STP-DONGNAI", KeycloakResource.DASHBOARD_CLIENT)),
                usageReportReads(), "the page's data read, audited with Keycloak's identity of the reporter");
    }

    /** A civil-status officer logs in through Keycloak too, and gets 403, not the page. */
    @Test
    @Order(10)
    void anOfficerWithoutTheDashboardRoleGets403NotThePage() {
        WebDriver browser = browser();
        try {
            browser.get(dashboardUrl());
            keycloakLogin(browser, "cs-officer");
            new WebDriverWait(browser, BROWSER_WAIT).until(d -> d.getPageSource().contains("FORBIDDEN"));
            assertTrue(browser.getCurrentUrl().startsWith(dashboardUrl()), "answered by the gateway: " + browser.getCurrentUrl());
            assertFalse(browser.getPageSource().contains("dashboard-texts"), "no part of the page was served");
        } finally {
            browser.quit();
        }
    }

    /**
     * Last: the packaged gateway's log (Quarkus writes it to {@code target/quarkus.log}) gives a
     * short reason for each 401 at INFO and holds nothing of the tokens: no name, no e-mail, no
     * token text.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void logsAClaimFreeReasonForEachRefusedTokenAndNothingOfTheTokens() throws IOException {
        String log = Files.readString(Path.of("target", "quarkus.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("Profile prod activated"), "the log is the packaged gateway's, in production mode");
        for (String reason : List.of("no bearer token", "audience", "expired", "signature key unknown")) {
            assertTrue(log.contains("401 UNAUTHENTICATED: " + reason), "the log names the reason: " + reason);
        }
        for (String claim : List.of("cs-officer@dancu.example", "CsOfficer", "eyJ")) {
            assertFalse(log.contains(claim), "the log holds something of a token: " + claim);
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Recorded(int outcome, String officer, String agency, String client) {
    }

    private static Response prefill(String token, String requestId) {
        return given().auth().oauth2(token).header("X-Request-Id", requestId)
                .contentType("application/json").body(BIRTH).post("/api/v1/prefill/birth-registration");
    }

    private static List<Recorded> recorded(String requestId) throws SQLException {
        try (Connection c = PostgresResource.server().getPostgresDatabase().getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT outcome, officer, agency, client_id FROM audit_record WHERE request_id = ? ORDER BY seq")) {
            q.setString(1, requestId);
            List<Recorded> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.add(new Recorded(r.getInt(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return rows;
        }
    }

    /**
     * A test-only client (never in the realm file): password grant, the gateway's audience, the
     * agency mapper single- or multivalued, and any client attributes.
     */
    private static void createClient(String clientId, String secret, Map<String, String> attributes,
            boolean multivaluedAgency) {
        Map<String, Object> agencyMapper = Map.of("name", "agency_code", "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-attribute-mapper",
                "config", Map.of("user.attribute", "agency_code", "claim.name", "agency_code",
                        "jsonType.label", "String", "access.token.claim", "true",
                        "multivalued", String.valueOf(multivaluedAgency)));
        Map<String, Object> audienceMapper = Map.of("name", "audience dancu-gateway", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.client.audience", "dancu-gateway", "access.token.claim", "true"));
        Map<String, Object> client = Map.of("clientId", clientId, "enabled", true, "publicClient", false,
                "secret", secret, "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", attributes, "protocolMappers", List.of(agencyMapper, audienceMapper));
        int status = keycloak().adminPost("/clients", client).statusCode();
        assertTrue(status == 201 || status == 409, "client " + clientId + " created: " + status);
    }

    /** A new RSA signing key of higher priority; the realm's generated one disabled (gone from the JWKS). */
    private static void rotateRealmKey() {
        String realmId = keycloak().adminGet("").then().statusCode(200).extract().path("id");
        List<Map<String, Object>> providers = keycloak().adminGet("/components?type=org.keycloak.keys.KeyProvider")
                .then().statusCode(200).extract().path("findAll { it.providerId == 'rsa-generated' }");
        keycloak().adminPost("/components", Map.of("name", "rsa-rotated", "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realmId,
                "config", Map.of("priority", List.of("200"), "enabled", List.of("true"), "active", List.of("true"),
                        "keySize", List.of("2048"), "algorithm", List.of("RS256"))))
                .then().statusCode(201);
        for (Map<String, Object> old : providers) {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new java.util.HashMap<>((Map<String, Object>) old.get("config"));
            config.put("enabled", List.of("false"));
            config.put("active", List.of("false"));
            Map<String, Object> disabled = new java.util.HashMap<>(old);
            disabled.put("config", config);
            keycloak().adminPut("/components/" + old.get("id"), disabled).then().statusCode(204);
        }
    }

    // ---------------------------------------------------------------- the browser

    /** The packaged gateway's dashboard, as the browser reaches it (and as its redirect URI says). */
    private static String dashboardUrl() {
        return "http://localhost:" + RestAssured.port + "/dashboard";
    }

    /**
     * Headless Chromium in Vietnamese, after registering the test gateway's redirect URI on the
     * realm's {@code dancu-dashboard} client (the realm file lists only localhost:8080, the
     * compose port; the test gateway runs on a free port). Skipped only without Chromium and
     * without {@code CI}.
     */
    private static WebDriver browser() {
        if (!(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER))) {
            String message = "Chromium (" + CHROMIUM + ") or chromium-driver (" + DRIVER + ") is not installed:"
                    + " apt-get install -y chromium chromium-driver";
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank()) {
                throw new AssertionError(message + " (CI is set, so the browser test may not be skipped)");
            }
            Assumptions.abort(message + " — browser test skipped (set CI=true to make this a failure)");
        }
        allowRedirectTo(dashboardUrl());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,2200",
                "--lang=vi");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "vi-VN,vi"));
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
                options);
    }

    /** Adds {@code url} and {@code url/*} to the dashboard client's redirect URIs (admin REST API). */
    private static void allowRedirectTo(String url) {
        List<Map<String, Object>> found = keycloak().adminGet("/clients?clientId=" + KeycloakResource.DASHBOARD_CLIENT)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(1, found.size(), "the realm file has the dashboard client");
        Map<String, Object> client = new HashMap<>(found.get(0));
        @SuppressWarnings("unchecked")
        List<String> uris = new ArrayList<>((List<String>) client.get("redirectUris"));
        if (uris.contains(url)) {
            return;
        }
        uris.add(url);
        uris.add(url + "/*");
        client.put("redirectUris", uris);
        keycloak().adminPut("/clients/" + client.get("id"), client).then().statusCode(204);
    }

    /** On Keycloak's own login page (its URL, its form ids), signs in as {@code username}. */
    private static void keycloakLogin(WebDriver browser, String username) {
        new WebDriverWait(browser, BROWSER_WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("kc-login")));
        assertTrue(browser.getCurrentUrl().startsWith(keycloak().issuer() + "/protocol/openid-connect/auth"),
                "the browser was sent to Keycloak's login page: " + browser.getCurrentUrl());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(KeycloakServer.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
    }

    /** Waits until the page's script has drawn {@code month}; on time-out says where the browser is and what it shows. */
    private static void loaded(WebDriver browser, String month) {
        try {
            new WebDriverWait(browser, BROWSER_WAIT).until(d -> {
                var body = d.findElements(By.tagName("body"));
                return !body.isEmpty() && month.equals(body.get(0).getAttribute("data-loaded"));
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            String source = browser.getPageSource();
            throw new AssertionError("the dashboard did not show " + month + " at " + browser.getCurrentUrl() + ": "
                    + source.substring(0, Math.min(3000, source.length())), e);
        }
    }

    /** The figures a chart writes next to itself ({@code data-values}: [label, value] pairs). */
    private static JsonNode values(WebDriver browser, String chart) throws IOException {
        return JSON.readTree(browser.findElement(By.cssSelector("section[data-chart=\"" + chart + "\"]"))
                .getAttribute("data-values"));
    }

    private static Map<String, Long> pairs(JsonNode values) {
        Map<String, Long> out = new LinkedHashMap<>();
        values.forEach(p -> out.put(p.get(0).asText(), p.get(1).isNull() ? null : p.get(1).asLong()));
        return out;
    }

    /** The month's prefill records in the trail, counted in the gateway's zone. */
    private static long prefillsIn(String month) throws SQLException {
        try (Connection c = PostgresResource.server().getPostgresDatabase().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM audit_record WHERE operation = 'PREFILL'"
                     + " AND to_char(at AT TIME ZONE ?, 'YYYY-MM') = ?")) {
            q.setString(1, ZONE.getId());
            q.setString(2, month);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static List<Recorded> usageReportReads() throws SQLException {
        try (Connection c = PostgresResource.server().getPostgresDatabase().getConnection();
             PreparedStatement q = c.prepareStatement(
                     "SELECT outcome, officer, agency, client_id FROM audit_record WHERE operation = 'USAGE_REPORT' ORDER BY seq")) {
            List<Recorded> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    rows.add(new Recorded(r.getInt(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return rows;
        }
    }

    /** The token with another {@code kid} in its header (the signature no longer matters: the key is unknown). */
    private static String withKid(String token, String kid) {
        String[] parts = token.split("\\.");
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + "." + parts[2];
    }

    private static JsonNode claims(String token) {
        return part(token, 1);
    }

    private static JsonNode header(String token) {
        return part(token, 0);
    }

    private static JsonNode part(String token, int index) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[index]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
