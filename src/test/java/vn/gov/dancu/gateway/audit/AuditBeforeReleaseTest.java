package vn.gov.dancu.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.awaitility.Awaitility.await;
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
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    /** The default {@code gateway.prefill.deadline}: the most a prefill takes, audit commit included. */
    private static final Duration PREFILL_DEADLINE = Duration.ofSeconds(3);

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
        try (Connection locker = AuditTables.lockChainHead(dataSource)) {
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

    /**
     * Issue 7: one deadline from request to commit. The NPD answers after 1.15 s of the 3 s budget
     * (just inside the 1.2 s attempt timeout); the chain head is locked until the caller has its
     * answer. The caller is refused 503 at its deadline, and the writer, working to that same
     * deadline, must not commit the grant once the lock goes: the trail holds what the caller saw,
     * a refusal at most. (A writer with a budget of its own, 2 s from the lookup's end, would
     * still be waiting for the lock when it goes, and commit a release nobody received.)
     */
    @Test
    void callerRefusedAtItsDeadlineLeavesNoGrantInTheTrailWhenTheLockGoesAfterwards() throws SQLException {
        stubMother();
        assertNextPrefillSucceedsAndIsRecorded(); // warmed up: the timing below is the server's
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString()).withFixedDelay(1150)));
        String requestId = "release-" + UUID.randomUUID();
        Response refused;
        long took;
        try (Connection locker = AuditTables.lockChainHead(dataSource)) {
            try {
                long start = System.nanoTime();
                refused = prefill(requestId);
                took = Duration.ofNanos(System.nanoTime() - start).toMillis();
            } finally {
                locker.rollback(); // the lock goes the moment the caller has its answer
            }
        }
        AuditTables.awaitIdle(writer);

        assertNoDataReleased(refused);
        List<AuditTables.Row> rows = AuditTables.byRequestId(dataSource, requestId);
        assertTrue(rows.stream().noneMatch(r -> r.outcome() == 200),
                () -> "a release the caller never got was committed: " + rows);
        assertTrue(rows.size() <= 1, () -> "one refusal record at most: " + rows);
        rows.forEach(r -> assertEquals(List.of("AUDIT_UNAVAILABLE"), r.issueCodeList(), "the refusal, as answered"));
        rows.forEach(r -> assertEquals(1, r.upstreamCalls().size(), "the NPD call that was made, recorded"));
        assertTrue(took < PREFILL_DEADLINE.toMillis() + 1500,
                () -> "answered after " + took + " ms; the deadline is " + PREFILL_DEADLINE);
        stubMother();
        assertNextPrefillSucceedsAndIsRecorded();
    }

    /**
     * The other side of the same deadline: a lock that goes while the caller still has time left
     * delays the commit but does not lose it; the caller gets its data and the trail exactly its
     * one record.
     */
    @Test
    void callerWhoseRecordCommitsBeforeItsDeadlineGetsItsDataAndExactlyItsRecord() throws Exception {
        stubMother();
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString()).withFixedDelay(1000)));
        String requestId = "release-" + UUID.randomUUID();
        CompletableFuture<Response> answer;
        try (Connection locker = AuditTables.lockChainHead(dataSource)) {
            try {
                answer = CompletableFuture.supplyAsync(() -> prefill(requestId));
                // the writer waits on the lock with the record: now let it through
                await().atMost(AuditTables.LANDING).until(() -> AuditTables.number(dataSource,
                        "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                                + " WHERE c.relname = 'audit_chain_head' AND NOT l.granted") > 0);
            } finally {
                locker.rollback();
            }
        }

        answer.get(10, TimeUnit.SECONDS).then().statusCode(200);
        AuditTables.awaitIdle(writer);
        List<AuditTables.Row> rows = AuditTables.byRequestId(dataSource, requestId);
        assertEquals(1, rows.size(), () -> "exactly its record: " + rows);
        assertEquals(200, rows.get(0).outcome());
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
