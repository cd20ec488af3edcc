package vn.gov.dancu.gateway.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;

/** Retention: the oldest stretch of the chain moved to the archive (or deleted), the anchor moved with it. Blocks. */
@ApplicationScoped
public class AuditRetention {

    @Inject
    AgroalDataSource dataSource;

    /**
     * Removes records at or before {@code upToSeq}. The anchor moves to the last removed record in
     * the same transaction, so verification of what remains starts from a hash it can trust; with
     * {@code archive} the rows are copied to audit_record_archive first.
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
                    // the archive is LIKE audit_record: the same columns in the same order
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_record_archive ("
                            + AuditRows.COLUMNS + ") " + AuditRows.SELECT + " FROM audit_record WHERE seq <= ?")) {
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
    public OptionalLong lastSeqBefore(Instant cutoff) throws SQLException {
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
                return none || seq <= anchor ? OptionalLong.empty() : OptionalLong.of(seq);
            }
        }
    }
}
