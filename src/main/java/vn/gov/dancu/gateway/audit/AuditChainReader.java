package vn.gov.dancu.gateway.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the chain as verification needs it: its anchor, head and checkpoints and every record
 * in chain order, all from one consistent snapshot. Read-only; blocks.
 */
@ApplicationScoped
public class AuditChainReader {

    @Inject
    AgroalDataSource dataSource;

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
                        return AuditCheckpoints.after(c, afterSeq);
                    }

                    @Override
                    public void scan(long afterSeq, Consumer<AuditRow> each) throws SQLException {
                        AuditChainReader.scan(c, afterSeq, each);
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

    private static void scan(Connection c, long afterSeq, Consumer<AuditRow> each) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(AuditRows.SELECT
                + " FROM audit_record WHERE seq > ? ORDER BY seq")) {
            s.setFetchSize(500);
            s.setLong(1, afterSeq);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    each.accept(AuditRows.read(rs));
                }
            }
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
}
