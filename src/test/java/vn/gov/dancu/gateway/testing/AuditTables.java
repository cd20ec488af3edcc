package vn.gov.dancu.gateway.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.audit.AuditRows;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.procedure.Roles;

/**
 * The audit trail's tables as the tests see them: read with plain SQL (never through the code
 * under test), emptied between tests that need a chain of their own, and tampered with. Also
 * the auditor's token, and the wait for records that are written after the answer (refusals).
 */
public final class AuditTables {

    /** The inspector of the tests: role {@code auditor}, same agency as the officers. */
    public static final String AUDITOR = "au.inspector";

    /** How long a fire-and-forget record may take to land; far above the writer's normal milliseconds. */
    public static final Duration LANDING = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditTables() {
    }

    /** A token of an auditor of {@link Officers#AGENCY}. */
    public static String auditor() {
        return Officers.token(AUDITOR, Officers.AGENCY, Roles.AUDITOR);
    }

    /** One row of {@code audit_record}, JSON columns parsed, exactly as stored. */
    public record Row(long seq, String id, Instant at, String requestId, String officer, String agency,
            String clientId, String operation, String procedure, String caseId, String legalBasis, JsonNode parties,
            int outcome, JsonNode issueCodes, JsonNode upstreamCalls, String prevHash, String hash) {

        /** The party of {@code role}, failing when there is not exactly one. */
        public JsonNode party(String role) {
            List<JsonNode> found = new ArrayList<>();
            parties.forEach(p -> {
                if (role.equals(p.path("role").asText())) {
                    found.add(p);
                }
            });
            if (found.size() != 1) {
                throw new AssertionError("one party " + role + " expected in " + parties);
            }
            return found.get(0);
        }

        /** The upstream call about {@code personalId}, failing when there is not exactly one. */
        public JsonNode upstreamCall(String personalId) {
            List<JsonNode> found = new ArrayList<>();
            upstreamCalls.forEach(c -> {
                if (personalId.equals(c.path("personalId").asText())) {
                    found.add(c);
                }
            });
            if (found.size() != 1) {
                throw new AssertionError("one upstream call for a person expected in " + upstreamCalls);
            }
            return found.get(0);
        }

        public List<String> issueCodeList() {
            return texts(issueCodes);
        }
    }

    /**
     * An entry as a granted birth-registration prefill would give it, for tests that write the
     * chain directly: the mother found, her parent fields released.
     */
    public static AuditEntry entry(String officer, Instant at) {
        List<String> fields = List.of("fullName", "dateOfBirth", "gender", "ethnicity", "nationality", "hometown",
                "permanentResidence", "currentResidence", "spouse", "lifeStatus");
        return new AuditEntry(UUID.randomUUID(), at, "req-" + UUID.randomUUID(), officer, Officers.AGENCY,
                "counter-app", "PREFILL", "BIRTH_REGISTRATION", "HS-2026-000123",
                "Luật Hộ tịch 2014 (60/2014/QH13) Điều 13–16; Nghị định 123/2015/NĐ-CP",
                List.of(new AuditEntry.Party("mother", Citizens.MOTHER, fields)), 200, List.of(),
                List.of(new AuditEntry.UpstreamCall("NPD", Citizens.MOTHER, fields, 200)));
    }

    /** The texts of a JSON array, as a sorted set (for field lists, whose order is not the point). */
    public static Set<String> textSet(JsonNode array) {
        return new TreeSet<>(texts(array));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The records of one request (its X-Request-Id), in chain order. */
    public static List<Row> byRequestId(DataSource ds, String requestId) {
        return query(ds, "SELECT * FROM audit_record WHERE request_id = ? ORDER BY seq", requestId);
    }

    /** Every record, in chain order. */
    public static List<Row> all(DataSource ds) {
        return query(ds, "SELECT * FROM audit_record ORDER BY seq");
    }

    /** Every record moved to {@code audit_record_archive} by retention, in chain order. */
    public static List<Row> archived(DataSource ds) {
        return query(ds, "SELECT * FROM audit_record_archive ORDER BY seq");
    }

    /** The one record of a request written after its answer (a refusal): waits for it, then checks it is alone. */
    public static Row awaitOnlyRecord(DataSource ds, AuditWriter writer, String requestId) {
        await().atMost(LANDING).until(() -> !byRequestId(ds, requestId).isEmpty());
        awaitIdle(writer);
        List<Row> rows = byRequestId(ds, requestId);
        if (rows.size() != 1) {
            throw new AssertionError("exactly one record expected for request " + requestId + ", found " + rows.size());
        }
        return rows.get(0);
    }

    /** Waits until the writer has committed (or failed) everything it accepted. */
    public static void awaitIdle(AuditWriter writer) {
        await().atMost(LANDING).until(() -> writer.pending() == 0);
    }

    /**
     * An empty chain: no records, checkpoints or archive, head and anchor back at the genesis.
     * Waits for the writer first, so a refusal of an earlier test cannot land in this one.
     */
    public static void reset(DataSource ds, AuditWriter writer) {
        awaitIdle(writer);
        reset(ds);
    }

    /** An empty chain, for a test with no gateway running in its JVM that could still be writing. */
    public static void reset(DataSource ds) {
        execute(ds, "TRUNCATE audit_record, audit_record_archive, audit_checkpoint",
                "UPDATE audit_chain_head SET seq = 0, hash = repeat('0', 64) WHERE id = 1",
                "UPDATE audit_chain_anchor SET seq = 0, hash = repeat('0', 64), moved_at = now() WHERE id = 1");
    }

    /** Runs statements in one transaction (tampering, restoring). */
    /**
     * Holds the audit chain head (ACCESS EXCLUSIVE, in an open transaction) until the returned
     * connection rolls back or closes: the audit store is then unwritable for real.
     */
    public static Connection lockChainHead(DataSource ds) throws SQLException {
        Connection locker = ds.getConnection();
        locker.setAutoCommit(false);
        try (Statement s = locker.createStatement()) {
            s.execute("LOCK TABLE audit_chain_head IN ACCESS EXCLUSIVE MODE");
        }
        return locker;
    }

    public static void execute(DataSource ds, String... statements) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a row as someone with database access would, bypassing the gateway: the entry's
     * columns with the sequence number and hashes of their choosing.
     */
    public static void insert(DataSource ds, long seq, AuditEntry e, String prevHash, String hash) {
        try (Connection c = ds.getConnection()) {
            AuditRows.insertRow(c, seq, e, prevHash, hash);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A single number from a query, e.g. {@code SELECT count(*) FROM audit_record}. */
    public static long number(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Row> query(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new Row(rs.getLong("seq"), rs.getString("id"), rs.getTimestamp("at").toInstant(),
                            rs.getString("request_id"), rs.getString("officer"), rs.getString("agency"),
                            rs.getString("client_id"), rs.getString("operation"), rs.getString("procedure"),
                            rs.getString("case_id"), rs.getString("legal_basis"), json(rs.getString("parties")),
                            rs.getInt("outcome"), json(rs.getString("issue_codes")),
                            json(rs.getString("upstream_calls")), rs.getString("prev_hash"), rs.getString("hash")));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
