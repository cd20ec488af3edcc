package vn.gov.dancu.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

/**
 * The layout of an {@code audit_record} row, in one place: its columns, how an
 * {@link AuditEntry} is bound into them and read back. Appending, searching, verifying and
 * retention all go through here, so a column added once is written, read and hashed alike.
 */
public final class AuditRows {

    private static final ObjectMapper JSON = AuditChain.json();

    /** Every column, in the order {@link #INSERT} binds them. */
    static final String COLUMNS = "seq, id, at, request_id, officer, agency, client_id, operation, procedure,"
            + " case_id, legal_basis, parties, outcome, issue_codes, upstream_calls, prev_hash, hash, identity";

    static final String INSERT = "INSERT INTO audit_record (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb)";

    /** {@code SELECT} of every column, for a query to complete with its FROM and WHERE. */
    static final String SELECT = "SELECT " + COLUMNS;

    private AuditRows() {
    }

    /**
     * Writes one row exactly as given, outside the chain's bookkeeping (no head lock, no hashing).
     * Only tests use it, to write as someone with database access would; keeping it here keeps
     * the row layout in one place.
     */
    public static void insertRow(Connection c, long seq, AuditEntry e, String prev, String hash)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            bind(insert, seq, e, prev, hash);
            insert.executeUpdate();
        }
    }

    static void bind(PreparedStatement s, long seq, AuditEntry e, String prev, String hash) throws SQLException {
        s.setLong(1, seq);
        s.setObject(2, e.id());
        s.setTimestamp(3, Timestamp.from(e.at()));
        s.setString(4, e.requestId());
        s.setString(5, e.officer());
        s.setString(6, e.agency());
        s.setString(7, e.clientId());
        s.setString(8, e.operation());
        s.setString(9, e.procedure());
        s.setString(10, e.caseId());
        s.setString(11, e.legalBasis());
        s.setString(12, write(e.parties()));
        s.setInt(13, e.outcome());
        s.setString(14, write(e.issueCodes()));
        s.setString(15, write(e.upstreamCalls()));
        s.setString(16, prev);
        s.setString(17, hash);
        s.setString(18, e.identity() == null ? null : write(e.identity()));
    }

    /** A row whose JSON columns no longer parse comes back with a null entry: the verifier reports it. */
    static AuditRow read(ResultSet rs) throws SQLException {
        AuditEntry entry;
        try {
            entry = entry(rs);
        } catch (SQLException | RuntimeException unreadable) {
            entry = null;
        }
        UUID id;
        try {
            id = rs.getObject("id", UUID.class);
        } catch (SQLException unreadable) {
            id = null;
        }
        return new AuditRow(rs.getLong("seq"), id, entry, rs.getString("prev_hash"), rs.getString("hash"));
    }

    /** The JSON a party filter must be contained in ({@code parties @> ?::jsonb}). */
    static String partyWithPersonalId(String personalId) {
        return "[{\"personalId\":" + JSON.valueToTree(personalId) + "}]";
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getObject("id", UUID.class), rs.getTimestamp("at").toInstant(),
                rs.getString("request_id"), rs.getString("officer"), rs.getString("agency"),
                rs.getString("client_id"), rs.getString("operation"), rs.getString("procedure"),
                rs.getString("case_id"), rs.getString("legal_basis"),
                readJson(rs.getString("parties"), new TypeReference<List<AuditEntry.Party>>() {
                }), rs.getInt("outcome"),
                readJson(rs.getString("issue_codes"), new TypeReference<List<String>>() {
                }),
                readJson(rs.getString("upstream_calls"), new TypeReference<List<AuditEntry.UpstreamCall>>() {
                }),
                rs.getString("identity") == null ? null
                        : readJson(rs.getString("identity"), new TypeReference<AuditEntry.Identity>() {
                        }));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T readJson(String text, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable audit JSON", e);
        }
    }
}
