package vn.gov.dancu.gateway.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.List;
import vn.gov.dancu.gateway.time.Deadline;

/**
 * Appends records to the chain: the only writer of {@code audit_record} and
 * {@code audit_chain_head}. Blocks: call it from a worker thread (the {@link AuditWriter}).
 */
@ApplicationScoped
public class AuditAppender {

    /** SQL state PostgreSQL gives a statement cancelled by {@code statement_timeout}; used for our own cut too. */
    static final String QUERY_CANCELED = "57014";

    @Inject
    AgroalDataSource dataSource;

    /**
     * Appends {@code entries} in one transaction and returns their sequence numbers. The head row
     * is locked for the transaction, so writers on every instance take turns and each record's
     * previous hash is the one written just before it.
     */
    public List<Long> append(List<AuditEntry> entries) throws SQLException {
        return append(entries, null);
    }

    /**
     * As {@link #append(List)}, but never commits after {@code deadline}: the head lock and every
     * statement are bounded by what is left of it, and the commit is issued only while some is
     * left. A writer stuck behind a lock would otherwise commit records long after their callers
     * were answered 503 AUDIT_UNAVAILABLE, and the trail would claim releases that never happened.
     *
     * @param deadline the earliest deadline of the callers waiting for these entries, or
     *                 {@code null} for the database's own limits
     * @throws SQLTimeoutException (SQL state 57014) when the deadline passed before the commit
     */
    public List<Long> append(List<AuditEntry> entries, Deadline deadline) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                bound(c, deadline);
                ChainPoint head = lockHead(c);
                long seq = head.seq();
                String prev = head.hash();
                List<Long> seqs = new ArrayList<>(entries.size());
                bound(c, deadline); // the lock took its share: the inserts get only what is left
                try (PreparedStatement insert = c.prepareStatement(AuditRows.INSERT)) {
                    for (AuditEntry e : entries) {
                        seq++;
                        String hash = AuditChain.hash(prev, seq, e);
                        AuditRows.bind(insert, seq, e, prev, hash);
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
                if (deadline != null && deadline.passed()) {
                    // A caller whose time is up is being answered 503 this very moment.
                    throw new SQLTimeoutException("deadline passed before the commit", QUERY_CANCELED);
                }
                c.commit();
                return seqs;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Bounds the head lock and each statement of this transaction by what is left of {@code deadline}. */
    private static void bound(Connection c, Deadline deadline) throws SQLException {
        if (deadline == null) {
            return;
        }
        long left = deadline.remaining().toMillis();
        if (left < 1) {
            throw new SQLTimeoutException("deadline passed before the commit", QUERY_CANCELED);
        }
        String millis = Long.toString(left);
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
}
