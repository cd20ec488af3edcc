package vn.gov.dancu.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.OpenApiValidation;

/**
 * Signed checkpoints: what only a key kept outside the database can expose. Someone who can write
 * the tables can recompute every hash after a change and move the head, or cut the tail and move
 * the head back; the chain then verifies on its own, but no longer passes through the head a
 * checkpoint signed earlier.
 *
 * <p>The one test profile of the audit tests: it sets the key, and stops the scheduler so that no
 * checkpoint is taken behind a test's back (the tests take them through {@link AuditMaintenance}).
 */
@QuarkusTest
@TestProfile(AuditCheckpointTest.CheckpointKey.class)
class AuditCheckpointTest extends GatewayTest {

    static final String KEY = "test-checkpoint-key-kept-outside-the-database";

    public static class CheckpointKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.audit.checkpoint-key", KEY, "quarkus.scheduler.enabled", "false");
        }
    }

    private static final int RECORDS = 6;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    AuditAppender store;

    @Inject
    AuditChainReader chain;

    @Inject
    AuditMaintenance maintenance;

    private List<AuditEntry> entries;

    @BeforeEach
    void writeAChainAndCheckpointIt() throws SQLException {
        AuditTables.reset(dataSource, writer);
        entries = new ArrayList<>();
        for (int i = 1; i <= RECORDS; i++) {
            entries.add(AuditTables.entry("officer-" + i, Instant.now()));
        }
        store.append(entries);
        maintenance.checkpoint();
    }

    @Test
    void checkpointSignsTheHeadWithTheKey() {
        ChainPoint head = head();
        assertEquals(RECORDS, head.seq());
        assertEquals(1, AuditTables.number(dataSource, "SELECT count(*) FROM audit_checkpoint"));
        assertEquals(1, AuditTables.number(dataSource,
                "SELECT count(*) FROM audit_checkpoint WHERE seq = ? AND hash = ? AND signature = ?", head.seq(),
                head.hash(), AuditChain.sign(KEY.getBytes(StandardCharsets.UTF_8), head.seq(), head.hash())));
        JsonPath result = verification();
        assertEquals(true, result.getBoolean("valid"));
        assertEquals(RECORDS, result.getLong("checked"));
    }

    @Test
    void chainRecomputedAfterAChangeIsACheckpointMismatch() {
        // Change record 3, then recompute 3..6 and the head as a forger who knows the algorithm would.
        String previous = AuditTables.all(dataSource).get(1).hash();
        List<String> updates = new ArrayList<>();
        for (int seq = 3; seq <= RECORDS; seq++) {
            AuditEntry e = entries.get(seq - 1);
            if (seq == 3) {
                e = new AuditEntry(e.id(), e.at(), e.requestId(), "someone.else", e.agency(), e.clientId(),
                        e.operation(), e.procedure(), e.caseId(), e.legalBasis(), e.parties(), e.outcome(),
                        e.issueCodes(), e.upstreamCalls());
                updates.add("UPDATE audit_record SET officer = 'someone.else' WHERE seq = 3");
            }
            String hash = AuditChain.hash(previous, seq, e);
            updates.add("UPDATE audit_record SET prev_hash = '" + previous + "', hash = '" + hash + "' WHERE seq = "
                    + seq);
            previous = hash;
        }
        updates.add("UPDATE audit_chain_head SET hash = '" + previous + "'");
        AuditTables.execute(dataSource, updates.toArray(String[]::new));

        JsonPath result = verification();
        assertAll(result.prettify(),
                () -> assertEquals(false, result.getBoolean("valid")),
                () -> assertEquals("CHECKPOINT_MISMATCH", result.getString("reason")),
                () -> assertEquals(RECORDS, result.getLong("firstInvalidSeq"), "where the signed head was"),
                () -> assertEquals(entries.get(RECORDS - 1).id().toString(), result.getString("firstInvalidId")),
                () -> assertEquals(RECORDS - 1, result.getLong("checked")));
    }

    @Test
    void tailCutWithTheHeadMovedBackIsTailMissing() {
        String hash4 = AuditTables.all(dataSource).get(3).hash();
        AuditTables.execute(dataSource, "DELETE FROM audit_record WHERE seq > 4",
                "UPDATE audit_chain_head SET seq = 4, hash = '" + hash4 + "'");

        JsonPath result = verification();
        assertAll(result.prettify(),
                () -> assertEquals(false, result.getBoolean("valid")),
                () -> assertEquals("TAIL_MISSING", result.getString("reason")),
                () -> assertEquals(5, result.getLong("firstInvalidSeq")),
                () -> assertNull(result.get("firstInvalidId")),
                () -> assertEquals(4, result.getLong("checked")));
    }

    @Test
    void checkpointNotSignedWithTheKeyIsACheckpointMismatch() {
        String hash2 = AuditTables.all(dataSource).get(1).hash();
        AuditTables.execute(dataSource, "INSERT INTO audit_checkpoint (seq, hash, signature, at) VALUES (2, '"
                + hash2 + "', '" + AuditChain.sign("another key".getBytes(StandardCharsets.UTF_8), 2, hash2)
                + "', now())");

        JsonPath result = verification();
        assertAll(result.prettify(),
                () -> assertEquals(false, result.getBoolean("valid")),
                () -> assertEquals("CHECKPOINT_MISMATCH", result.getString("reason")),
                () -> assertEquals(2, result.getLong("firstInvalidSeq")),
                () -> assertEquals(entries.get(1).id().toString(), result.getString("firstInvalidId")));
    }

    private ChainPoint head() {
        try {
            return chain.head();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonPath verification() {
        return as(AuditTables.auditor()).filter(OpenApiValidation.filter())
                .get("/api/v1/audit/verification")
                .then().statusCode(200).extract().jsonPath();
    }
}
