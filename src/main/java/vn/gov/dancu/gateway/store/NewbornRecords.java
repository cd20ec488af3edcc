package vn.gov.dancu.gateway.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's idempotency record of newborns' numbers (table {@code newborn_personal_id}, spec
 * §5.4), keyed by agency and the caller's {@code Idempotency-Key}.
 *
 * <p>The row is committed PENDING before the NPD is asked, then the NPD call happens while this
 * transaction holds the row's lock ({@code SELECT ... FOR UPDATE}), and ISSUED is written in the
 * same transaction. So two requests with one key are serialised on the row: the second waits for
 * the first and then reads its number, and the NPD is never asked twice at once for one birth.
 * If the gateway dies between the NPD's answer and the commit, the row is still PENDING and the
 * client's retry asks the NPD again with the same (derived) key, which answers the same number.
 * The lock is held at most for the request's deadline (3 s); {@code lock_timeout} bounds the wait
 * of a second request likewise.
 */
@ApplicationScoped
public class NewbornRecords {

    /** PostgreSQL: lock_not_available, raised when lock_timeout passes. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @Inject
    AgroalDataSource dataSource;

    /** The record as it stands, read under its lock. */
    public record Row(String state, String requestHash, String personalId, Instant issuedAt) {
        public boolean issued() {
            return "ISSUED".equals(state);
        }
    }

    /** Work done while the row is locked; {@link Issue#issued} writes the number in the same transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Row row, Issue issue);
    }

    @FunctionalInterface
    public interface Issue {
        void issued(String personalId, Instant at);
    }

    /**
     * Makes sure the record exists (PENDING, committed), then runs {@code work} holding its lock.
     *
     * @param lockWait the longest this request waits for another holding the same record
     * @throws StoreBusyException        when the lock was not free within {@code lockWait}
     * @throws StoreUnavailableException when PostgreSQL cannot be used
     */
    public <T> T locked(String agency, String key, String requestHash, String caseId, Instant now,
            Duration lockWait, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lockTimeout(c, lockWait);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO newborn_personal_id"
                        + " (agency, idempotency_key, request_hash, case_id, state, created_at)"
                        + " VALUES (?, ?, ?, ?, 'PENDING', ?) ON CONFLICT (agency, idempotency_key) DO NOTHING")) {
                    insert.setString(1, agency);
                    insert.setString(2, key);
                    insert.setString(3, requestHash);
                    insert.setString(4, caseId);
                    insert.setTimestamp(5, Timestamp.from(now));
                    insert.executeUpdate();
                }
                c.commit(); // PENDING is durable before any NPD call
                lockTimeout(c, lockWait);
                Row row;
                try (PreparedStatement select = c.prepareStatement("SELECT state, request_hash, personal_id, issued_at"
                        + " FROM newborn_personal_id WHERE agency = ? AND idempotency_key = ? FOR UPDATE")) {
                    select.setString(1, agency);
                    select.setString(2, key);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        Timestamp issuedAt = rs.getTimestamp(4);
                        row = new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                                issuedAt == null ? null : issuedAt.toInstant());
                    }
                }
                T result = work.run(row, (personalId, at) -> issue(c, agency, key, personalId, at));
                c.commit();
                return result;
            } catch (RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw new StoreBusyException();
            }
            throw new StoreUnavailableException("newborn record not usable", e.getSQLState());
        }
    }

    private static void issue(Connection c, String agency, String key, String personalId, Instant at) {
        try (PreparedStatement update = c.prepareStatement("UPDATE newborn_personal_id SET state = 'ISSUED',"
                + " personal_id = ?, issued_at = ? WHERE agency = ? AND idempotency_key = ?")) {
            update.setString(1, personalId);
            update.setTimestamp(2, Timestamp.from(at));
            update.setString(3, agency);
            update.setString(4, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("newborn record not writable", e.getSQLState());
        }
    }

    private static void lockTimeout(Connection c, Duration wait) throws SQLException {
        try (Statement s = c.createStatement()) {
            // SET LOCAL lasts until the end of the transaction; the value cannot be a bind parameter.
            s.execute("SET LOCAL lock_timeout = '" + Math.max(1, wait.toMillis()) + "ms'");
        }
    }
}
