package vn.gov.dancu.sandbox.idp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox identity provider's authorization-code flow for the dashboard (issue 9): the login
 * page, a wrong password shown the form again, a one-time code bound to its client and redirect
 * URI, and the ID token a web-app tenant verifies.
 */
class IdentityProviderLoginTest {

    private static final String BACK = "http://localhost:8080/dashboard";
    private static IdentityProviderSimulator idp;

    @BeforeAll
    static void start() {
        idp = new IdentityProviderSimulator().start(0);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static Response login(String username, String password) {
        return given().redirects().follow(false).formParam("client_id", IdentityProviderSimulator.DASHBOARD_CLIENT)
                .formParam("redirect_uri", BACK).formParam("state", "s-1").formParam("username", username)
                .formParam("password", password).post(idp.authorizationEndpoint());
    }

    private static String code(Response redirect) {
        String location = redirect.getHeader("Location");
        assertTrue(location.startsWith(BACK + "?code="), location);
        assertTrue(location.endsWith("&state=s-1"), location);
        String query = URI.create(location).getQuery();
        return query.substring("code=".length(), query.indexOf('&'));
    }

    private static Response exchange(String code, String secret, String redirectUri) {
        String basic = Base64.getEncoder().encodeToString((IdentityProviderSimulator.DASHBOARD_CLIENT + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return given().header("Authorization", "Basic " + basic).formParam("grant_type", "authorization_code")
                .formParam("code", code).formParam("redirect_uri", redirectUri).post(idp.tokenEndpoint());
    }

    @Test
    void discoveryNamesTheLoginPageAndTheCodeGrant() {
        given().get(idp.issuer() + "/.well-known/openid-configuration").then().statusCode(200)
                .body("authorization_endpoint", equalTo(idp.authorizationEndpoint()))
                .body("grant_types_supported", org.hamcrest.Matchers.hasItem("authorization_code"));
    }

    @Test
    void showsALoginFormCarryingTheRequestOn() {
        given().queryParam("response_type", "code").queryParam("client_id", IdentityProviderSimulator.DASHBOARD_CLIENT)
                .queryParam("redirect_uri", BACK).queryParam("state", "<s>")
                .get(idp.authorizationEndpoint()).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("id=\"kc-form-login\"")).body(containsString("value=\"&lt;s&gt;\""));
        given().queryParam("response_type", "code").queryParam("client_id", "someone-else")
                .queryParam("redirect_uri", BACK).get(idp.authorizationEndpoint()).then().statusCode(400);
    }

    @Test
    void aWrongPasswordShowsTheFormAgain() {
        login("reporter", "wrong").then().statusCode(401).body(containsString("kc-form-login"))
                .body(containsString("role=\"alert\""));
    }

    @Test
    void theCodeGivesAnIdTokenForTheDashboardAndWorksOnce() {
        String code = code(login("reporter", IdentityProviderSimulator.PASSWORD).then().statusCode(302).extract()
                .response());
        JsonPath tokens = exchange(code, IdentityProviderSimulator.DASHBOARD_SECRET, BACK).then().statusCode(200)
                .extract().jsonPath();
        String[] id = tokens.getString("id_token").split("\\.");
        JsonPath claims = new JsonPath(new String(Base64.getUrlDecoder().decode(id[1]), StandardCharsets.UTF_8));
        assertEquals(IdentityProviderSimulator.DASHBOARD_CLIENT, claims.getString("aud"));
        assertEquals("reporter", claims.getString("preferred_username"));
        assertEquals("STP-DONGNAI", claims.getString("agency_code"));
        assertEquals(idp.issuer(), claims.getString("iss"));
        exchange(code, IdentityProviderSimulator.DASHBOARD_SECRET, BACK).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void theCodeNeedsTheClientSecretAndTheSameRedirect() {
        String code = code(login("auditor", IdentityProviderSimulator.PASSWORD));
        exchange(code, "not-the-secret", BACK).then().statusCode(401).body("error", equalTo("invalid_client"));
        exchange(code, IdentityProviderSimulator.DASHBOARD_SECRET, "http://evil.example/dashboard").then()
                .statusCode(400).body("error", equalTo("invalid_grant"));
    }
}
