package vn.gov.dancu.gateway.packaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;
import vn.gov.dancu.gateway.contract.Contract;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.PostgresResource;
import vn.gov.dancu.sandbox.SandboxTestResource;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.SandboxPersonas;

/**
 * The key checks against what ships: the packaged {@code target/quarkus-app} started as a process
 * in its production profile, configured only through spec §2's settings, in front of the
 * simulated NPD and identity provider over real HTTP and a real PostgreSQL. The same artifact
 * is what {@code bin/sandbox} runs and what the container image holds.
 */
@QuarkusIntegrationTest
@WithTestResource(SandboxTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedGatewayIT {

    private static final String BIRTH = "{\"caseId\":\"HS-2026-000123\",\"parties\":{\"mother\":\""
            + SandboxPersonas.MOTHER + "\",\"father\":\"" + SandboxPersonas.FATHER + "\",\"declarant\":\""
            + SandboxPersonas.DECLARANT + "\"}}";

    @Test
    void prefillsFromTheNpdAndRecordsTheReleaseBeforeAnswering() throws SQLException {
        String requestId = "it-" + UUID.randomUUID();
        prefill(requestId).then().statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .body("parties.mother.fields.fullName.value", equalTo("Nguyễn Thị Lan"));
        // Audit before release: the record is committed by the time the answer arrives.
        assertEquals(List.of(200), outcomes(requestId));
    }

    @Test
    void everyDocumentedOperationRequiresAToken() {
        List<Executable> checks = new ArrayList<>();
        for (Contract.Op op : Contract.committed().apiOperations().values()) {
            checks.add(() -> {
                var request = given();
                op.exampleJsonBody().ifPresent(body -> request.contentType("application/json").body(body));
                request.request(op.method(), op.examplePath()).then()
                        .statusCode(401)
                        .contentType("application/problem+json")
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .body("code", equalTo("UNAUTHENTICATED"));
            });
        }
        assertFalse(checks.isEmpty());
        assertAll("operations answering without a token", checks);
    }

    @Test
    void releasesNothingWhileTheAuditTrailCannotBeWritten() throws SQLException {
        String requestId = "it-locked-" + UUID.randomUUID();
        Response refused;
        try (Connection locker = AuditTables.lockChainHead(database())) {
            refused = prefill(requestId);
            locker.rollback();
        }
        refused.then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("AUDIT_UNAVAILABLE"));
        String body = refused.asString();
        assertFalse(body.contains(SandboxPersonas.MOTHER) || body.contains("Nguyễn Thị Lan"),
                "no personal data in a refusal: " + body);
        // The writer commits in order: once a later release is recorded, the refused one had its
        // chance to be committed late. It must not have been.
        String later = "it-after-" + UUID.randomUUID();
        prefill(later).then().statusCode(200);
        assertEquals(List.of(200), outcomes(later));
        assertFalse(outcomes(requestId).contains(200), "a release recorded for an answer that released nothing");
    }

    /**
     * Last: everything the packaged gateway logged while the checks above ran (Quarkus writes the
     * process's output to {@code target/quarkus.log}) names no citizen of theirs.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void loggedNoPersonalNumberWhileServing() throws java.io.IOException {
        java.nio.file.Path log = java.nio.file.Path.of("target", "quarkus.log");
        assertTrue(java.nio.file.Files.isRegularFile(log), "the packaged gateway's log at " + log);
        String text = java.nio.file.Files.readString(log);
        assertTrue(text.contains("Profile prod activated"), "the log is the packaged gateway's, in production mode");
        for (String id : List.of(SandboxPersonas.MOTHER, SandboxPersonas.FATHER, SandboxPersonas.DECLARANT)) {
            assertFalse(text.contains(id), "the packaged gateway logged a personal number");
        }
        assertFalse(text.contains("Nguyễn Thị Lan"), "the packaged gateway logged a name");
    }

    private static Response prefill(String requestId) {
        return given().auth().oauth2(token("cs-officer")).header("X-Request-Id", requestId)
                .contentType("application/json").body(BIRTH).post("/api/v1/prefill/birth-registration");
    }

    private static String token(String username) {
        return given().formParam("grant_type", "password").formParam("client_id", "counter-app")
                .formParam("username", username).formParam("password", IdentityProviderSimulator.PASSWORD)
                .post(SandboxTestResource.current().idp().tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    private static DataSource database() {
        return PostgresResource.server().getPostgresDatabase();
    }

    private static List<Integer> outcomes(String requestId) throws SQLException {
        try (Connection c = database().getConnection();
             PreparedStatement q = c.prepareStatement("SELECT outcome FROM audit_record WHERE request_id = ? ORDER BY seq")) {
            q.setString(1, requestId);
            List<Integer> outcomes = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    outcomes.add(rows.getInt(1));
                }
            }
            return outcomes;
        }
    }
}
