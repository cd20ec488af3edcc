package vn.gov.dancu.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.AuditTables.Row;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * Tampering with the audit table directly in SQL, as someone with database access would, and
 * what {@code GET /api/v1/audit/verification} then says: the first bad record and why. Each test
 * starts from its own chain of six records (written in two batches, as the group commit does).
 *
 * <p>What a keyless verifier cannot see — a chain recomputed from the change onwards with the head
 * moved along — is the signed checkpoints' job ({@link AuditCheckpointTest}).
 */
@QuarkusTest
class AuditChainTamperingTest extends GatewayTest {

    private static final int RECORDS = 6;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    AuditAppender store;

    /** The records as written, by sequence number (index 0 is seq 1). */
    private List<Row> written;

    @BeforeEach
    void writeAChain() throws SQLException {
        AuditTables.reset(dataSource, writer);
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= RECORDS; i++) {
            entries.add(AuditTables.entry("officer-" + i, Instant.now()));
        }
        store.append(entries.subList(0, 3));
        store.append(entries.subList(3, RECORDS));
        written = AuditTables.all(dataSource);
        assertEquals(RECORDS, written.size());
    }

    @Test
    void intactChainIsValidWithEveryRecordChecked() {
        JsonPath result = verification();
        assertEquals(true, result.getBoolean("valid"));
        assertEquals(RECORDS, result.getLong("checked"));
        assertNull(result.get("reason"));
    }

    @Test
    void chainWrittenByRequestsIsValidWithEveryRecordChecked() {
        AuditTables.reset(dataSource, writer);
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString())));
        for (int i = 0; i < 3; i++) {
            asCivilStatusOfficer().contentType("application/json")
                    .body(Prefills.bodyWithCaseId("HS-CHAIN-" + UUID.randomUUID().toString().substring(0, 8),
                            "mother", MOTHER))
                    .post(Prefills.path("birth-registration")).then().statusCode(200);
        }
        asCivilStatusOfficer().contentType("application/json").body(Prefills.body("mother", "123"))
                .post(Prefills.path("birth-registration")).then().statusCode(400);
        AuditTables.awaitIdle(writer);

        JsonPath result = verification();
        assertEquals(true, result.getBoolean("valid"));
        assertEquals(4, result.getLong("checked"), "three grants and one refusal");
        // the verification is recorded too, after it read the chain
        assertEquals(4, AuditTables.number(dataSource, "SELECT count(*) FROM audit_record WHERE operation = 'PREFILL'"));
    }

    @Test
    void modifiedColumnIsAHashMismatchAtThatRecord() {
        AuditTables.execute(dataSource, "UPDATE audit_record SET officer = 'someone.else' WHERE seq = 3");

        assertInvalid(verification(), AuditVerifier.Reason.HASH_MISMATCH, 3, written.get(2).id(), 2);
    }

    @Test
    void modifiedReleasedFieldsAreAHashMismatchAtThatRecord() {
        // hide what was released about the mother
        AuditTables.execute(dataSource,
                "UPDATE audit_record SET parties = jsonb_set(parties, '{0,releasedFields}', '[\"fullName\"]')"
                        + " WHERE seq = 4");

        assertInvalid(verification(), AuditVerifier.Reason.HASH_MISMATCH, 4, written.get(3).id(), 3);
    }

    @Test
    void modifiedTimeIsAHashMismatchAtThatRecord() {
        AuditTables.execute(dataSource, "UPDATE audit_record SET at = at - interval '1 day' WHERE seq = 1");

        assertInvalid(verification(), AuditVerifier.Reason.HASH_MISMATCH, 1, written.get(0).id(), 0);
    }

    @Test
    void recordWhoseContentNoLongerParsesIsUnreadable() {
        AuditTables.execute(dataSource, "UPDATE audit_record SET parties = '{\"gone\": true}' WHERE seq = 2");

        assertInvalid(verification(), AuditVerifier.Reason.UNREADABLE_RECORD, 2, written.get(1).id(), 1);
    }

    @Test
    void deletedRecordIsASequenceGapAtTheNext() {
        AuditTables.execute(dataSource, "DELETE FROM audit_record WHERE seq = 3");

        assertInvalid(verification(), AuditVerifier.Reason.SEQUENCE_GAP, 4, written.get(3).id(), 2);
    }

    @Test
    void deletedFirstRecordIsASequenceGapAtTheSecond() {
        AuditTables.execute(dataSource, "DELETE FROM audit_record WHERE seq = 1");

        assertInvalid(verification(), AuditVerifier.Reason.SEQUENCE_GAP, 2, written.get(1).id(), 0);
    }

    @Test
    void insertedRecordWithAForgedHashIsAHashMismatchAtTheForgery() {
        // Seqs 4.. move up one; the forgery at 4 claims the right predecessor but cannot know
        // what hash the writers would have given it without recomputing.
        String forgedId = UUID.randomUUID().toString();
        shiftUpFrom(4);
        AuditTables.execute(dataSource, "INSERT INTO audit_record SELECT 4, '" + forgedId + "', at, request_id,"
                + " 'forger', agency, client_id, operation, procedure, case_id, legal_basis, parties, outcome,"
                + " issue_codes, upstream_calls, hash, repeat('a', 64) FROM audit_record WHERE seq = 3");

        assertInvalid(verification(), AuditVerifier.Reason.HASH_MISMATCH, 4, forgedId, 3);
    }

    @Test
    void insertedRecordWithARecomputedHashIsExposedByItsSuccessor() {
        // A forger who knows the algorithm: the forgery itself verifies, but the record after it
        // was chained to the genuine record 3, not to the forgery.
        AuditEntry forged = AuditTables.entry("forger", Instant.now());
        String hash3 = written.get(2).hash();
        shiftUpFrom(4);
        AuditTables.insert(dataSource, 4, forged, hash3, AuditChain.hash(hash3, 4, forged));
        AuditTables.execute(dataSource, "UPDATE audit_chain_head SET seq = seq + 1");

        assertInvalid(verification(), AuditVerifier.Reason.PREVIOUS_HASH_MISMATCH, 5, written.get(3).id(), 4);
    }

    @Test
    void recordAppendedBehindTheHeadIsBeyondTheHead() {
        // Perfectly chained to the last record; but writers move the head as they append.
        AuditEntry forged = AuditTables.entry("forger", Instant.now());
        String last = written.get(RECORDS - 1).hash();
        AuditTables.insert(dataSource, RECORDS + 1, forged, last, AuditChain.hash(last, RECORDS + 1, forged));

        assertInvalid(verification(), AuditVerifier.Reason.BEYOND_HEAD, RECORDS + 1, forged.id().toString(), RECORDS);
    }

    @Test
    void swappedRecordsAreAPreviousHashMismatchAtTheFirstSwapped() {
        AuditTables.execute(dataSource,
                "UPDATE audit_record SET seq = CASE seq WHEN 3 THEN -4 ELSE -3 END WHERE seq IN (3, 4)",
                "UPDATE audit_record SET seq = -seq WHERE seq < 0");

        // seq 3 now holds the record written fourth, chained to the one written third
        assertInvalid(verification(), AuditVerifier.Reason.PREVIOUS_HASH_MISMATCH, 3, written.get(3).id(), 2);
    }

    @Test
    void cutOffTailIsTailMissingWhereItStarts() {
        AuditTables.execute(dataSource, "DELETE FROM audit_record WHERE seq >= 5");

        JsonPath result = verification();
        assertAll(
                () -> assertEquals(false, result.getBoolean("valid")),
                () -> assertEquals("TAIL_MISSING", result.getString("reason")),
                () -> assertEquals(5, result.getLong("firstInvalidSeq")),
                () -> assertNull(result.get("firstInvalidId"), "no record to name"),
                () -> assertEquals(4, result.getLong("checked")));
    }

    private JsonPath verification() {
        return as(AuditTables.auditor()).filter(OpenApiValidation.filter())
                .get("/api/v1/audit/verification")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void assertInvalid(JsonPath result, AuditVerifier.Reason reason, long seq, String id, long checked) {
        assertAll(result.prettify(),
                () -> assertEquals(false, result.getBoolean("valid")),
                () -> assertEquals(reason.name(), result.getString("reason")),
                () -> assertEquals(seq, result.getLong("firstInvalidSeq")),
                () -> assertEquals(id, result.getString("firstInvalidId")),
                () -> assertEquals(checked, result.getLong("checked")));
    }

    /** Moves records {@code from}.. up one sequence number, making room (the key forbids overlaps midway). */
    private void shiftUpFrom(long from) {
        AuditTables.execute(dataSource,
                "UPDATE audit_record SET seq = -(seq + 1) WHERE seq >= " + from,
                "UPDATE audit_record SET seq = -seq WHERE seq < 0");
    }
}
