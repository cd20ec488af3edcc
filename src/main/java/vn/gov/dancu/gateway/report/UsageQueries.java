package vn.gov.dancu.gateway.report;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The report's reads of the audit trail and the outbox: read-only, one snapshot, blocking. Every
 * aggregate is computed by PostgreSQL in one scan of the month (found through
 * {@code audit_record_at_idx}), grouped by grouping sets into the few rows the report needs, so a
 * month of a million records is counted without moving them to the gateway.
 */
@ApplicationScoped
public class UsageQueries {

    /** Operations whose granted parties are citizens served (auditors' and report reads are not). */
    static final List<String> SERVING_OPERATIONS = List.of("PREFILL", "IDENTITY_VERIFICATION",
            "CLAIM_VERIFICATION", "NEWBORN_PERSONAL_ID", "CIVIL_STATUS_EVENT");

    /** The record's outcome class: COMPLETE/PARTIAL from its parties (a party released nothing), refusals from the status. */
    private static final String CLASS = """
            CASE WHEN outcome >= 400 THEN
                   CASE WHEN outcome = 503 AND operation = 'PREFILL'
                             AND NOT issue_codes ??| array['AUDIT_UNAVAILABLE', 'VNEID_UNAVAILABLE']
                        THEN 'NPD_UNAVAILABLE' ELSE 'REFUSED' END
                 WHEN operation <> 'PREFILL' THEN 'OK'
                 WHEN jsonb_path_exists(parties, '$[*] ? (@.releasedFields.size() == 0)') THEN 'PARTIAL'
                 ELSE 'COMPLETE' END""";

    /** Per record: its day (gateway zone), keys, outcome class and the counts it adds. Parameters: zone, offset, from, to. */
    private static final String DERIVED = """
            SELECT ((at AT TIME ZONE ?) + make_interval(secs => ?))::date AS day, agency, operation,
                   procedure, %s AS class,
                   CASE WHEN operation = 'PREFILL'
                        THEN jsonb_path_query_array(parties, '$[*].role')::text END AS roles,
                   CASE WHEN operation = 'PREFILL'
                        THEN jsonb_array_length(jsonb_path_query_array(parties, '$[*].releasedFields[*]'))
                        ELSE 0 END AS released,
                   jsonb_array_length(jsonb_path_query_array(upstream_calls,
                        '$[*] ? (@.upstream == "NPD")')) AS npd_calls,
                   jsonb_array_length(jsonb_path_query_array(upstream_calls,
                        '$[*] ? (@.upstream == "NPD" && (@.status == 0 || @.status == 429 || @.status >= 500))'))
                        AS npd_failures,
                   jsonb_array_length(jsonb_path_query_array(upstream_calls,
                        '$[*] ? (@.upstream == "NPD_CACHE")')) AS cache_hits
            FROM audit_record WHERE at >= ? AND at < ?""".formatted(CLASS);

    private static final String GROUPING_SETS = """
            GROUP BY GROUPING SETS ((operation, procedure, class), (agency, operation, class), (day, operation),
                                    (procedure, roles, class))""";

    /** The month's figures from the trail itself, for the part the roll-up has not reached. */
    private static final String LIVE_AGGREGATES = """
            SELECT GROUPING(day, agency, procedure, roles) AS g, day, agency, operation, procedure, roles, class,
                   count(*) AS n, sum(released) AS released, sum(npd_calls) AS npd_calls,
                   sum(npd_failures) AS npd_failures, sum(cache_hits) AS cache_hits
            FROM (%s) r
            %s""".formatted(DERIVED, GROUPING_SETS);

    /** The same figures from the daily roll-up. Parameters: first day, day after the last. */
    private static final String ROLLED_AGGREGATES = """
            SELECT GROUPING(day, agency, procedure, roles) AS g, day, agency, operation, procedure, roles, class,
                   sum(records) AS n, sum(released) AS released, sum(npd_calls) AS npd_calls,
                   sum(npd_failures) AS npd_failures, sum(cache_hits) AS cache_hits
            FROM (SELECT day, agency, operation, procedure, outcome_class AS class, roles, records, released,
                         npd_calls, npd_failures, cache_hits
                  FROM usage_day WHERE day >= ? AND day < ?) r
            %s""".formatted(GROUPING_SETS);

    private static final String ROLL_UP_DAY = """
            INSERT INTO usage_day (day, agency, operation, procedure, outcome_class, roles, records, released,
                                   npd_calls, npd_failures, cache_hits)
            SELECT day, agency, operation, procedure, class, roles, count(*), sum(released), sum(npd_calls),
                   sum(npd_failures), sum(cache_hits)
            FROM (%s) r
            GROUP BY day, agency, operation, procedure, class, roles""".formatted(DERIVED);

    /** The served citizens' numbers of a range. Parameters: from, to, operations. */
    private static final String SERVED = """
            SELECT sha256(convert_to(p ->> 'personalId', 'UTF8')) AS citizen
            FROM audit_record r CROSS JOIN LATERAL jsonb_array_elements(r.parties) p
            WHERE r.at >= ? AND r.at < ? AND r.outcome < 400 AND r.operation = ANY (?)
              AND p ->> 'role' <> 'searched' AND p ->> 'personalId' IS NOT NULL
              -- a prefill serves the citizens it released data about, not a number that was not found
              AND (r.operation <> 'PREFILL' OR jsonb_array_length(p -> 'releasedFields') > 0)""";

    /** Distinct citizens: those the roll-up kept for the month, and those of the part it has not reached. */
    private static final String CITIZENS = """
            SELECT count(*) FROM (SELECT citizen FROM usage_citizen WHERE month = ?
                                  UNION
                                  %s) c""".formatted(SERVED);

    private static final String P95 = """
            SELECT procedure, percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms)
            FROM prefill_latency WHERE at >= ? AND at < ? GROUP BY procedure
            """;

    private static final String WRITES = """
            SELECT (SELECT count(*) FROM newborn_personal_id
                     WHERE state = 'ISSUED' AND issued_at >= ? AND issued_at < ?),
                   (SELECT count(*) FROM civil_status_event WHERE accepted_at >= ? AND accepted_at < ?),
                   (SELECT count(*) FROM civil_status_event
                     WHERE status = 'DELIVERED' AND delivered_at >= ? AND delivered_at < ?),
                   (SELECT count(*) FROM civil_status_event
                     WHERE status = 'REJECTED' AND last_attempt_at >= ? AND last_attempt_at < ?),
                   (SELECT count(*) FROM civil_status_event WHERE status = 'PENDING'),
                   (SELECT min(accepted_at) FROM civil_status_event WHERE status = 'PENDING')
            """;

    /**
     * The first instant of each month with a record, jumping from month to month through the
     * index on {@code at}: a handful of index probes however many records there are.
     */
    private static final String MONTHS = """
            WITH RECURSIVE m(at) AS (
                SELECT min(%2$s) FROM %1$s
                UNION ALL
                SELECT (SELECT min(%2$s) FROM %1$s
                         WHERE %2$s >= (date_trunc('month', (m.at AT TIME ZONE ?) + make_interval(secs => ?))
                                        + interval '1 month' - make_interval(secs => ?)) AT TIME ZONE ?)
                FROM m WHERE m.at IS NOT NULL)
            SELECT to_char((at AT TIME ZONE ?) + make_interval(secs => ?), 'YYYY-MM') FROM m WHERE at IS NOT NULL
            """;

    /** The months the roll-up holds (the trail's own records may have gone to retention since). */
    private static final String ROLLED_MONTHS = """
            WITH RECURSIVE m(day) AS (
                SELECT min(day) FROM usage_day
                UNION ALL
                SELECT (SELECT min(day) FROM usage_day WHERE day >= (date_trunc('month', m.day) + interval '1 month')::date)
                FROM m WHERE m.day IS NOT NULL)
            SELECT to_char(day, 'YYYY-MM') FROM m WHERE day IS NOT NULL""";

    @Inject
    AgroalDataSource dataSource;

    /** One row of the month's grouping sets; the columns a set does not group by are null. */
    public record Aggregate(GroupingSet set, String day, String agency, String operation, String procedure,
            String roles, String outcomeClass, long records, long released, long npdCalls, long npdFailures,
            long cacheHits) {
    }

    public enum GroupingSet { PROCEDURE, AGENCY, DAY, ROLES }

    /** The outbox and the newborn numbers in the month, and the outbox backlog now. */
    public record Writes(long newbornIds, long eventsAccepted, long eventsDelivered, long eventsRejected,
            long pending, Instant oldestPendingSince) {
    }

    /** Everything a month's report is computed from, read in one snapshot. */
    public record MonthData(List<Aggregate> aggregates, long citizensServed, Map<String, Long> p95MsByProcedure,
            Writes writes) {
    }

    public MonthData month(YearMonth month, ZoneId zone) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Zone z = Zone.of(zone);
        try (Connection c = snapshot()) {
            Instant upTo = watermark(c);
            // [from, rolledTo) from the roll-up, [rolledTo, to) from the trail itself
            Instant rolledTo = upTo == null || upTo.isBefore(from) ? from : upTo.isAfter(to) ? to : upTo;
            List<Aggregate> aggregates = new ArrayList<>();
            if (rolledTo.isAfter(from)) {
                try (PreparedStatement s = c.prepareStatement(ROLLED_AGGREGATES)) {
                    s.setObject(1, month.atDay(1));
                    s.setObject(2, rolledTo.atZone(zone).toLocalDate());
                    readAggregates(s, aggregates);
                }
            }
            if (rolledTo.isBefore(to)) {
                try (PreparedStatement s = c.prepareStatement(LIVE_AGGREGATES)) {
                    s.setString(1, z.name());
                    s.setLong(2, z.offsetSeconds());
                    s.setTimestamp(3, Timestamp.from(rolledTo));
                    s.setTimestamp(4, Timestamp.from(to));
                    readAggregates(s, aggregates);
                }
            }
            long citizens = -1;
            if (!rolledTo.isBefore(to)) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT citizens_served FROM usage_month WHERE month = ?")) {
                    s.setObject(1, month.atDay(1));
                    try (ResultSet rs = s.executeQuery()) {
                        citizens = rs.next() ? rs.getLong(1) : -1;
                    }
                }
            }
            if (citizens < 0) {
                try (PreparedStatement s = c.prepareStatement(CITIZENS)) {
                    s.setObject(1, month.atDay(1));
                    s.setTimestamp(2, Timestamp.from(rolledTo));
                    s.setTimestamp(3, Timestamp.from(to));
                    s.setArray(4, c.createArrayOf("text", SERVING_OPERATIONS.toArray()));
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        citizens = rs.getLong(1);
                    }
                }
            }
            Map<String, Long> p95 = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement(P95)) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        p95.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            Writes writes;
            try (PreparedStatement s = c.prepareStatement(WRITES)) {
                for (int i = 0; i < 4; i++) {
                    s.setTimestamp(2 * i + 1, Timestamp.from(from));
                    s.setTimestamp(2 * i + 2, Timestamp.from(to));
                }
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    Timestamp oldest = rs.getTimestamp(6);
                    writes = new Writes(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            oldest == null ? null : oldest.toInstant());
                }
            }
            c.commit();
            return new MonthData(aggregates, citizens, p95, writes);
        } catch (SQLException e) {
            throw new ReportUnreadableException(e);
        }
    }

    /**
     * Adds the next whole day after the watermark to the roll-up, if it ended at or before
     * {@code until}: its figures, its served citizens (for the open month), the watermark moved to
     * its end, and when that closes a month, the month's citizen count kept and its hashes deleted.
     * One transaction holding the watermark's row, so instances never roll up a day twice.
     *
     * @return true when a day was rolled up (call again for the next)
     */
    public boolean rollUpNextDay(ZoneId zone, Instant until) {
        Zone z = Zone.of(zone);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant upTo;
                try (PreparedStatement s = c.prepareStatement("SELECT up_to FROM usage_rollup WHERE id = 1 FOR UPDATE");
                        ResultSet rs = s.executeQuery()) {
                    rs.next();
                    Timestamp t = rs.getTimestamp(1);
                    upTo = t == null ? null : t.toInstant();
                }
                if (upTo == null) {
                    try (PreparedStatement s = c.prepareStatement("SELECT min(at) FROM audit_record");
                            ResultSet rs = s.executeQuery()) {
                        rs.next();
                        Timestamp first = rs.getTimestamp(1);
                        if (first == null) {
                            c.rollback();
                            return false;
                        }
                        upTo = first.toInstant().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
                    }
                }
                java.time.LocalDate day = upTo.atZone(zone).toLocalDate();
                Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
                if (end.isAfter(until)) {
                    c.rollback();
                    return false;
                }
                try (PreparedStatement s = c.prepareStatement(ROLL_UP_DAY)) {
                    s.setString(1, z.name());
                    s.setLong(2, z.offsetSeconds());
                    s.setTimestamp(3, Timestamp.from(upTo));
                    s.setTimestamp(4, Timestamp.from(end));
                    s.executeUpdate();
                }
                java.time.LocalDate monthStart = day.withDayOfMonth(1);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_citizen (month, citizen)"
                        + " SELECT DISTINCT ?::date, citizen FROM (" + SERVED + ") x ON CONFLICT DO NOTHING")) {
                    s.setObject(1, monthStart);
                    s.setTimestamp(2, Timestamp.from(upTo));
                    s.setTimestamp(3, Timestamp.from(end));
                    s.setArray(4, c.createArrayOf("text", SERVING_OPERATIONS.toArray()));
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE usage_rollup SET up_to = ? WHERE id = 1")) {
                    s.setTimestamp(1, Timestamp.from(end));
                    s.executeUpdate();
                }
                if (day.plusDays(1).getDayOfMonth() == 1) {
                    try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_month (month, citizens_served)"
                            + " SELECT ?, count(*) FROM usage_citizen WHERE month = ?");
                            PreparedStatement d = c.prepareStatement("DELETE FROM usage_citizen WHERE month = ?")) {
                        s.setObject(1, monthStart);
                        s.setObject(2, monthStart);
                        s.executeUpdate();
                        d.setObject(1, monthStart);
                        d.executeUpdate();
                    }
                }
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ReportUnreadableException(e);
        }
    }

    private static Instant watermark(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT up_to FROM usage_rollup WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
            return t == null ? null : t.toInstant();
        }
    }

    private static void readAggregates(PreparedStatement s, List<Aggregate> out) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Aggregate(set(rs.getInt("g")), rs.getString("day"), rs.getString("agency"),
                        rs.getString("operation"), rs.getString("procedure"), rs.getString("roles"),
                        rs.getString("class"), rs.getLong("n"), rs.getLong("released"), rs.getLong("npd_calls"),
                        rs.getLong("npd_failures"), rs.getLong("cache_hits")));
            }
        }
    }

    /** The months (YYYY-MM, in {@code zone}) with an audit record, an accepted event or a rolled-up day, oldest first. */
    public List<String> months(ZoneId zone) {
        Zone z = Zone.of(zone);
        TreeSet<String> months = new TreeSet<>();
        try (Connection c = snapshot()) {
            for (String[] table : new String[][] {{"audit_record", "at"}, {"civil_status_event", "accepted_at"}}) {
                try (PreparedStatement s = c.prepareStatement(MONTHS.formatted(table[0], table[1]))) {
                    s.setString(1, z.name());
                    s.setLong(2, z.offsetSeconds());
                    s.setLong(3, z.offsetSeconds());
                    s.setString(4, z.name());
                    s.setString(5, z.name());
                    s.setLong(6, z.offsetSeconds());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            months.add(rs.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(ROLLED_MONTHS); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    months.add(rs.getString(1));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new ReportUnreadableException(e);
        }
        return List.copyOf(months);
    }

    /** A read-only transaction whose queries all see one snapshot, so the report's figures agree. */
    private Connection snapshot() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    private static GroupingSet set(int grouping) {
        // GROUPING(day, agency, procedure, roles): a bit is set for each column the set does NOT group by
        return switch (grouping) {
            case 0b1101 -> GroupingSet.PROCEDURE; // day, agency, roles absent
            case 0b1011 -> GroupingSet.AGENCY; // day, procedure, roles absent
            case 0b0111 -> GroupingSet.DAY; // agency, procedure, roles absent
            case 0b1100 -> GroupingSet.ROLES; // day, agency absent
            default -> throw new IllegalStateException("unexpected grouping " + grouping);
        };
    }

    /**
     * The zone as PostgreSQL reads it. A region id (Asia/Ho_Chi_Minh) is passed as is; a fixed
     * offset as UTC plus the offset in seconds, because PostgreSQL reads {@code '+07:00'} in POSIX
     * style, with the sign inverted.
     */
    record Zone(String name, long offsetSeconds) {
        static Zone of(ZoneId zone) {
            return zone.normalized() instanceof ZoneOffset offset ? new Zone("UTC", offset.getTotalSeconds())
                    : new Zone(zone.getId(), 0);
        }
    }
}
