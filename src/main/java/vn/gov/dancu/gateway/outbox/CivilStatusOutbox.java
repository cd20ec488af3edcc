package vn.gov.dancu.gateway.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import vn.gov.dancu.gateway.store.StoreUnavailableException;

/**
 * The outbox table {@code civil_status_event}: accepting events (idempotent per agency and key),
 * reading them back, and the worker's claim–deliver–settle cycle. Every statement is its own
 * short transaction; nothing is held while the NPD is called.
 *
 * <p>Scheduling times ({@code next_attempt_at}, the lease) are the database's clock, the one
 * clock every instance shares; the recorded times (accepted, attempted, delivered) are the
 * gateway's injected clock, like every other timestamp it writes.
 */
@ApplicationScoped
public class CivilStatusOutbox {

    private static final String COLUMNS = "id, agency, type, case_id, status, attempts, accepted_at, last_attempt_at,"
            + " delivered_at, rejection_code, rejection_message, payload::text";

    @Inject
    AgroalDataSource dataSource;

    /** The result of accepting: the event's id, whether it was already there, its current status. */
    public record Accepted(UUID eventId, boolean replay, String status) {
    }

    /** The same key of the same agency with another body. */
    public static final class KeyReused extends RuntimeException {
        public KeyReused() {
            super("idempotency key reused with another body", null, false, false);
        }
    }

    /** An event claimed for delivery, with the token every settling update must present. */
    public record Claimed(UUID id, String agency, String caseId, String officer, String payload, int attempts,
            UUID token) {
    }

    /** Backlog figures: pending events and the oldest one's acceptance. */
    public record Backlog(long pending, Optional<Instant> oldestAcceptedAt) {
    }

    /**
     * Commits the event PENDING, due at once, or finds the one accepted earlier under the key.
     *
     * @throws KeyReused when the key was used for another body
     */
    public Accepted accept(UUID id, String agency, String key, String requestHash, String type, String caseId,
            String officer, String payload, Instant acceptedAt) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO civil_status_event (id, agency,"
                    + " idempotency_key, request_hash, type, case_id, officer, payload, status, accepted_at,"
                    + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'PENDING', ?, clock_timestamp())"
                    + " ON CONFLICT (agency, idempotency_key) DO NOTHING")) {
                insert.setObject(1, id);
                insert.setString(2, agency);
                insert.setString(3, key);
                insert.setString(4, requestHash);
                insert.setString(5, type);
                insert.setString(6, caseId);
                insert.setString(7, officer);
                insert.setString(8, payload);
                insert.setTimestamp(9, Timestamp.from(acceptedAt));
                if (insert.executeUpdate() == 1) {
                    return new Accepted(id, false, "PENDING");
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT id, request_hash, status FROM civil_status_event"
                    + " WHERE agency = ? AND idempotency_key = ?")) {
                select.setString(1, agency);
                select.setString(2, key);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    if (!requestHash.equals(rs.getString(2))) {
                        throw new KeyReused();
                    }
                    return new Accepted(rs.getObject(1, UUID.class), true, rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** One event, whoever submitted it (the caller decides who may see it). */
    public Optional<OutboxEvent> find(UUID id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM civil_status_event WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * One page, newest first; one row more than {@code size} when a further page exists.
     *
     * @param agency null for every agency (auditors)
     */
    public List<OutboxEvent> list(String agency, String status, Instant from, Instant to, int page, int size) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM civil_status_event WHERE true");
        List<Object> args = new ArrayList<>();
        if (agency != null) {
            sql.append(" AND agency = ?");
            args.add(agency);
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (from != null) {
            sql.append(" AND accepted_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND accepted_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY accepted_at DESC, id LIMIT ? OFFSET ?");
        args.add(size + 1);
        args.add((long) page * size);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                List<OutboxEvent> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Claims up to {@code limit} due events in one short transaction: {@code FOR UPDATE SKIP LOCKED}
     * lets instances claim side by side without waiting for or taking each other's rows, and
     * pushing {@code next_attempt_at} one lease ahead keeps them this instance's after the commit
     * until the lease ends. A killed instance's claims simply become due again then.
     */
    public List<Claimed> claim(int limit, Duration lease, Instant now) {
        UUID token = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE civil_status_event SET claim_token = ?,"
                     + " attempts = attempts + 1, last_attempt_at = ?,"
                     + " next_attempt_at = clock_timestamp() + ? * interval '1 millisecond'"
                     + " WHERE id IN (SELECT id FROM civil_status_event WHERE status = 'PENDING'"
                     + " AND next_attempt_at <= clock_timestamp() ORDER BY next_attempt_at LIMIT ?"
                     + " FOR UPDATE SKIP LOCKED)"
                     + " RETURNING id, agency, case_id, officer, payload::text, attempts")) {
            s.setObject(1, token);
            s.setTimestamp(2, Timestamp.from(now));
            s.setLong(3, lease.toMillis());
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                List<Claimed> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), token));
                }
                return out;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The NPD took it. False when the claim was no longer ours (nothing changed). */
    public boolean delivered(Claimed event, Instant at, String npdEventId) {
        return settle(event, "status = 'DELIVERED', delivered_at = ?, npd_event_id = ?, claim_token = NULL",
                Timestamp.from(at), npdEventId);
    }

    /** The NPD refused it for good: parked, never retried. */
    public boolean rejected(Claimed event, String code, String message) {
        return settle(event, "status = 'REJECTED', rejection_code = ?, rejection_message = ?, claim_token = NULL",
                code, message);
    }

    /**
     * Due again after {@code delay}. {@code sent} false: no request left for the NPD (held back
     * by a Retry-After, the breaker or the quota), so the claim does not count as an attempt.
     */
    public boolean retry(Claimed event, Duration delay, boolean sent) {
        return settle(event, "next_attempt_at = clock_timestamp() + ? * interval '1 millisecond', claim_token = NULL"
                + (sent ? "" : ", attempts = attempts - 1"), delay.toMillis());
    }

    /** Pending events and the oldest one's acceptance: metrics and readiness data. */
    public Backlog backlog() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*), min(accepted_at) FROM civil_status_event"
                     + " WHERE status = 'PENDING'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp oldest = rs.getTimestamp(2);
            return new Backlog(rs.getLong(1), Optional.ofNullable(oldest).map(Timestamp::toInstant));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private boolean settle(Claimed event, String set, Object... args) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE civil_status_event SET " + set
                     + " WHERE id = ? AND claim_token = ? AND status = 'PENDING'")) {
            int i = 1;
            for (Object arg : args) {
                s.setObject(i++, arg);
            }
            s.setObject(i++, event.id());
            s.setObject(i, event.token());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static OutboxEvent read(ResultSet rs) throws SQLException {
        return new OutboxEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getInt(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)), rs.getString(10), rs.getString(11), rs.getString(12));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static StoreUnavailableException unavailable(SQLException e) {
        return new StoreUnavailableException("outbox not usable", e.getSQLState());
    }
}
