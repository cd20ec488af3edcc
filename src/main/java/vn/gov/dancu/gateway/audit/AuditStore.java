package vn.gov.dancu.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The audit trail's tables (see {@code db/migration}). All SQL lives here; callers work with
 * {@link AuditEntry} and {@link AuditRow}. Every method blocks: call it from a worker thread.
 */
@ApplicationScoped
public class AuditStore {

    /** A stored record with its place in the chain; {@code entry} is null when its content no longer parses. */
    public record AuditRow(long seq, UUID id, AuditEntry entry, String prevHash, String hash) {
    }

    /** The chain's head or anchor: a sequence number and the hash of the record there. */
    public record ChainPoint(long seq, String hash) {
    }

    private static final ObjectMapper JSON = AuditChain.json();
    private static final String COLUMNS = "seq, id, at, request_id, officer, agency, client_id, operation, procedure,"
            + " case_id, legal_basis, parties, outcome, issue_codes, upstream_calls, prev_hash, hash";
    private static final String INSERT = "INSERT INTO audit_record (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?, ?)";

    @Inject
    AgroalDataSource dataSource;

    /**
     * Appends {@code entries} to the chain in one transaction and returns their sequence numbers.
     * The head row is locked for the transaction, so writers on every instance take turns and
     * each record's previous hash is the one written just before it.
     */
    public List<Long> append(List<AuditEntry> entries) throws SQLException {
        return append(entries, null);
    }

    /**
     * As {@link #append(List)}, but gives up (and rolls back) when the head lock or a statement
     * takes longer than {@code bound}: a writer stuck behind a lock would otherwise commit records
     * long after their requests were answered 503 AUDIT_UNAVAILABLE, and the trail would claim
     * releases that never happened.
     *
     * @param bound the longest wait, or {@code null} for the database's own limits
     */
    public List<Long> append(List<AuditEntry> entries, Duration bound) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (bound != null) {
                    bound(c, bound);
                }
                ChainPoint head = lockHead(c);
                long seq = head.seq();
                String prev = head.hash();
                List<Long> seqs = new ArrayList<>(entries.size());
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    for (AuditEntry e : entries) {
                        seq++;
                        String hash = AuditChain.hash(prev, seq, e);
                        bind(insert, seq, e, prev, hash);
                        insert.addBatch();
                        seqs.add(seq);
                        prev = hash;
                    }
                    insert.executeBatch();
                }
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1")) {
                    update.setLong(1, seq);
                    update.setString(2, prev);
                    update.executeUpdate();
                }
                c.commit();
                return seqs;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void bound(Connection c, Duration bound) throws SQLException {
        String millis = Long.toString(Math.max(1, bound.toMillis()));
        try (PreparedStatement s = c.prepareStatement(
                "SELECT set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true)")) {
            s.setString(1, millis);
            s.setString(2, millis);
            s.execute();
        }
    }

    private static ChainPoint lockHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit_chain_head is missing: the schema was not migrated");
            }
            return new ChainPoint(rs.getLong(1), rs.getString(2));
        }
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

    private static void bind(PreparedStatement s, long seq, AuditEntry e, String prev, String hash)
            throws SQLException {
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
    }

    /** A signed checkpoint as stored: the head at {@code seq} and its signature. */
    public record Checkpoint(long seq, String hash, String signature) {
    }

    /** The chain as of one moment: bookkeeping rows and records read in the same snapshot. */
    public interface Snapshot {
        ChainPoint anchor() throws SQLException;

        ChainPoint head() throws SQLException;

        /** Checkpoints after {@code afterSeq}, in order. */
        List<Checkpoint> checkpoints(long afterSeq) throws SQLException;

        /** Streams every record after {@code afterSeq}, in chain order, without holding them all. */
        void scan(long afterSeq, Consumer<AuditRow> each) throws SQLException;
    }

    /** Work done on one {@link Snapshot}. */
    @FunctionalInterface
    public interface SnapshotWork<T> {
        T run(Snapshot snapshot) throws SQLException;
    }

    /**
     * Runs {@code work} in one read-only REPEATABLE READ transaction, so the anchor, the head, the
     * checkpoints and the records it reads all belong to the same moment. Read one by one, a
     * writer committing (or retention pruning) in between would make an intact chain look broken,
     * and a record appended behind the head's back could not be told from a legitimate one.
     */
    public <T> T inSnapshot(SnapshotWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return work.run(new Snapshot() {
                    @Override
                    public ChainPoint anchor() throws SQLException {
                        return point(c, "SELECT seq, hash FROM audit_chain_anchor WHERE id = 1");
                    }

                    @Override
                    public ChainPoint head() throws SQLException {
                        return point(c, "SELECT seq, hash FROM audit_chain_head WHERE id = 1");
                    }

                    @Override
                    public List<Checkpoint> checkpoints(long afterSeq) throws SQLException {
                        return AuditStore.checkpoints(c, afterSeq);
                    }

                    @Override
                    public void scan(long afterSeq, Consumer<AuditRow> each) throws SQLException {
                        AuditStore.scan(c, afterSeq, each);
                    }
                });
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        }
    }

    /** Streams every record from {@code afterSeq} on, in chain order, without holding them all. */
    public void scan(long afterSeq, Consumer<AuditRow> each) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor needs a transaction in PostgreSQL
            try {
                scan(c, afterSeq, each);
            } finally {
                c.rollback();
            }
        }
    }

    private static void scan(Connection c, long afterSeq, Consumer<AuditRow> each) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM audit_record WHERE seq > ? ORDER BY seq")) {
            s.setFetchSize(500);
            s.setLong(1, afterSeq);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(read(rs));
                }
            }
        }
    }

    public ChainPoint head() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return point(c, "SELECT seq, hash FROM audit_chain_head WHERE id = 1");
        }
    }

    public ChainPoint anchor() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return point(c, "SELECT seq, hash FROM audit_chain_anchor WHERE id = 1");
        }
    }

    private static ChainPoint point(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("chain bookkeeping row missing");
            }
            return new ChainPoint(rs.getLong(1), rs.getString(2));
        }
    }

    /** Filters of the access-log query; {@code null} means "any". */
    public record Query(String personalId, String caseId, String officer, String agency, java.time.Instant from,
            java.time.Instant to, int page, int size) {
    }

    /** Newest first, one page; also returns whether a further page exists. */
    public List<AuditRow> find(Query q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_record WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.personalId() != null) {
            sql.append(" AND parties @> ?::jsonb");
            args.add("[{\"personalId\":" + JSON.valueToTree(q.personalId()) + "}]");
        }
        if (q.caseId() != null) {
            sql.append(" AND case_id = ?");
            args.add(q.caseId());
        }
        if (q.officer() != null) {
            sql.append(" AND officer = ?");
            args.add(q.officer());
        }
        if (q.agency() != null) {
            sql.append(" AND agency = ?");
            args.add(q.agency());
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(q.to()));
        }
        sql.append(" ORDER BY seq DESC LIMIT ? OFFSET ?");
        args.add(q.size() + 1); // one more tells the caller whether there is a next page
        args.add((long) q.page() * q.size());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                List<AuditRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(read(rs));
                }
                return rows;
            }
        }
    }

    /**
     * Removes records at or before {@code upToSeq} (retention). The anchor moves to the last
     * removed record in the same transaction, so verification of what remains starts from a
     * hash it can trust; with {@code archive} the rows are copied to audit_record_archive first.
     *
     * @return how many records were removed
     */
    public int prune(long upToSeq, boolean archive) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String hash;
                try (PreparedStatement s = c.prepareStatement("SELECT hash FROM audit_record WHERE seq = ?")) {
                    s.setLong(1, upToSeq);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return 0;
                        }
                        hash = rs.getString(1);
                    }
                }
                if (archive) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO audit_record_archive SELECT * FROM audit_record WHERE seq <= ?")) {
                        s.setLong(1, upToSeq);
                        s.executeUpdate();
                    }
                }
                int removed;
                try (PreparedStatement s = c.prepareStatement("DELETE FROM audit_record WHERE seq <= ?")) {
                    s.setLong(1, upToSeq);
                    removed = s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE audit_chain_anchor SET seq = ?, hash = ?, moved_at = now() WHERE id = 1")) {
                    s.setLong(1, upToSeq);
                    s.setString(2, hash);
                    s.executeUpdate();
                }
                c.commit();
                return removed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * The end of the oldest stretch of the chain whose records were all written before
     * {@code cutoff}, or empty when there is none. Records are not in {@code at} order across
     * instances (clocks differ, queues delay), so "the newest record older than the cutoff" could
     * lie after young records, and pruning up to it would delete records still within retention;
     * a single record stamped by a clock set years back would wipe the trail. Stopping before the
     * first young record never removes one.
     */
    public java.util.OptionalLong lastSeqBefore(java.time.Instant cutoff) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                // the first young record in chain order: the primary key walks from the old end
                "SELECT coalesce((SELECT seq - 1 FROM audit_record WHERE at >= ? ORDER BY seq LIMIT 1),"
                        + " (SELECT max(seq) FROM audit_record)),"
                        + " (SELECT seq FROM audit_chain_anchor WHERE id = 1)")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long seq = rs.getLong(1);
                boolean none = rs.wasNull();
                long anchor = rs.getLong(2);
                return none || seq <= anchor ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(seq);
            }
        }
    }

    public void saveCheckpoint(ChainPoint point, String signature) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_checkpoint (seq, hash, signature, at) VALUES (?, ?, ?, now())"
                        + " ON CONFLICT (seq) DO NOTHING")) {
            s.setLong(1, point.seq());
            s.setString(2, point.hash());
            s.setString(3, signature);
            s.executeUpdate();
        }
    }

    /** Signed checkpoints after {@code afterSeq}, in order. */
    public List<Checkpoint> checkpoints(long afterSeq) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return checkpoints(c, afterSeq);
        }
    }

    private static List<Checkpoint> checkpoints(Connection c, long afterSeq) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT seq, hash, signature FROM audit_checkpoint WHERE seq > ? ORDER BY seq")) {
            s.setLong(1, afterSeq);
            try (ResultSet rs = s.executeQuery()) {
                List<Checkpoint> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
                return out;
            }
        }
    }

    /** A row whose JSON columns no longer parse comes back with a null entry: the verifier reports it. */
    private static AuditRow read(ResultSet rs) throws SQLException {
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
