package vn.gov.dancu.sandbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SandboxTest {

    @Test
    void startsBothSimulatorsOnEphemeralPortsAndTellsTheGatewayWhereTheyAre() {
        try (Sandbox sandbox = Sandbox.start(0, 0)) {
            Map<String, String> config = sandbox.config();
            assertEquals(Set.of("NPD_URL", "NPD_CLIENT_ID", "NPD_CLIENT_SECRET", "quarkus.oidc.auth-server-url",
                    "quarkus.oidc.client-id", "VNEID_URL", "VNEID_CLIENT_ID", "VNEID_CLIENT_SECRET",
                    "VNEID_ID_TOKEN_AUDIENCE", "quarkus.oidc.dashboard.credentials.secret"), config.keySet());
            // VNeID (identity, issue 8): its issuer is its URL, as the gateway expects by default.
            given().get(config.get("VNEID_URL") + "/.well-known/openid-configuration")
                    .then().statusCode(200).body("issuer", equalTo(config.get("VNEID_URL")));
            assertEquals("http://localhost:" + sandbox.npd().port(), config.get("NPD_URL"));
            assertEquals("dancu-gateway", config.get("quarkus.oidc.client-id"));
            given().get(config.get("NPD_URL") + "/health").then().statusCode(200).body("status", equalTo("UP"));
            given().formParam("grant_type", "client_credentials")
                    .formParam("client_id", config.get("NPD_CLIENT_ID"))
                    .formParam("client_secret", config.get("NPD_CLIENT_SECRET"))
                    .post(config.get("NPD_URL") + "/oauth2/token").then().statusCode(200);
            String authServer = config.get("quarkus.oidc.auth-server-url");
            given().get(authServer + "/.well-known/openid-configuration")
                    .then().statusCode(200).body("issuer", equalTo(authServer));
            assertFalse(sandbox.officerToken("cs-officer").isBlank());
            assertTrue(sandbox.population().size() >= 10_000);
        }
    }

    @Test
    void stopsListeningWhenClosed() {
        Sandbox sandbox = Sandbox.start(0, 0);
        int npdPort = sandbox.npd().port();
        int idpPort = sandbox.idp().port();
        sandbox.close();
        sandbox.close();
        assertThrows(ConnectException.class, () -> connect(npdPort));
        assertThrows(ConnectException.class, () -> connect(idpPort));
    }

    @Test
    void releasesTheFirstPortWhenTheSecondCannotBeBound() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThrows(RuntimeException.class, () -> Sandbox.start(0, taken.getLocalPort()));
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(0);
        }
    }
}
