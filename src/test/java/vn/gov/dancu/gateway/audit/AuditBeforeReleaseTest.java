package vn.gov.dancu.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Audit before release (issue 3): personal data leaves only after its record is committed. The
 * database is made unwritable for real — the chain head renamed away, or locked by another
 * session for longer than {@code gateway.audit.write-timeout} (2 s) — and always restored.
 */
@QuarkusTest
class AuditBeforeReleaseTest extends GatewayTest {

    /** The default {@code gateway.audit.write-timeout}: how long a request waits for its commit. */
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Test
    void answers503WithoutPersonalDataWhenTheAuditStoreCannotBeWritten() {
        stubMother();
        String requestId = "release-" + UUID.randomUUID();
        AuditTables.execute(dataSource, "ALTER TABLE audit_chain_head RENAME TO audit_chain_head_away");
        Response refused;
        try {
            refused = prefill(requestId);
        } finally {
            AuditTables.execute(dataSource, "ALTER TABLE audit_chain_head_away RENAME TO audit_chain_head");
        }

        assertNoDataReleased(refused);
        // The data was fetched — it is the missing record, not the NPD, that held it back.
        npd.verify(1, NpdMock.lookupRequest(MOTHER));
        AuditTables.awaitIdle(writer);
        assertTrue(AuditTables.byRequestId(dataSource, requestId).stream().noneMatch(r -> r.outcome() == 200),
                "no release recorded for an answer that released nothing");
        assertNextPrefillSucceedsAndIsRecorded();
    }

    @Test
    void answers503InTimeWhenTheAuditStoreIsLockedAndCommitsNothingLate() throws SQLException {
        stubMother();
        // Before: released and recorded (and the client side warmed up, so the timing below is the server's).
        assertNextPrefillSucceedsAndIsRecorded();
        String requestId = "release-" + UUID.randomUUID();
        Response refused;
        long took;
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.execute("LOCK TABLE audit_chain_head IN ACCESS EXCLUSIVE MODE");
            }
            try {
                long start = System.nanoTime();
                refused = prefill(requestId);
                took = Duration.ofNanos(System.nanoTime() - start).toMillis();
                // Keep the lock until the writer gave up on everything it held: a writer that
                // waits on would commit, after the lock goes, a release the caller never got.
                AuditTables.awaitIdle(writer);
            } finally {
                locker.rollback();
            }
        }

        assertNoDataReleased(refused);
        // Bounded by the write timeout, not by the lock, which is held until after the answer
        // (generous above: a loaded two-core CI machine, and the point is "not forever").
        assertTrue(took >= WRITE_TIMEOUT.toMillis() && took < WRITE_TIMEOUT.toMillis() + 8000,
                () -> "answered after " + took + " ms; the write timeout is " + WRITE_TIMEOUT);
        AuditTables.awaitIdle(writer);
        assertTrue(AuditTables.byRequestId(dataSource, requestId).stream().noneMatch(r -> r.outcome() == 200),
                "the abandoned release was not committed once the lock went away");
        assertNextPrefillSucceedsAndIsRecorded();
    }

    @Test
    void auditorGets503WhenTheAuditStoreCannotBeRead() {
        AuditTables.execute(dataSource, "ALTER TABLE audit_chain_head RENAME TO audit_chain_head_away");
        Response refused;
        try {
            refused = as(AuditTables.auditor()).filter(OpenApiValidation.filter())
                    .get("/api/v1/audit/verification");
        } finally {
            AuditTables.execute(dataSource, "ALTER TABLE audit_chain_head_away RENAME TO audit_chain_head");
        }

        Problems.assertProblem(refused, 503, "AUDIT_UNAVAILABLE");
        refused.then().header("Retry-After", matchesPattern("[1-9][0-9]*"));
    }

    private void stubMother() {
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString())));
    }

    private static Response prefill(String requestId) {
        return asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .header("X-Request-Id", requestId)
                .contentType("application/json")
                .body(Prefills.bodyWithCaseId("HS-RELEASE-" + UUID.randomUUID().toString().substring(0, 8),
                        "mother", MOTHER))
                .post(Prefills.path("birth-registration"));
    }

    private static void assertNoDataReleased(Response refused) {
        Problems.assertProblem(refused, 503, "AUDIT_UNAVAILABLE");
        refused.then().header("Retry-After", matchesPattern("[1-9][0-9]*"));
        String body = refused.asString();
        assertAll("no personal data in " + body,
                () -> assertFalse(body.contains(MOTHER), "the number"),
                () -> assertFalse(body.contains("Nguyễn Thị Lan"), "the name"),
                () -> assertFalse(body.contains("1990-05-12"), "the date of birth"),
                () -> assertFalse(body.contains("fields"), "any field"));
    }

    private void assertNextPrefillSucceedsAndIsRecorded() {
        String requestId = "release-" + UUID.randomUUID();
        prefill(requestId).then().statusCode(200);
        assertEquals(200, AuditTables.byRequestId(dataSource, requestId).get(0).outcome(),
                "recorded before the answer, once the store is back");
    }
}
