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

    private static final String MONTH_AGGREGATES = """
            SELECT GROUPING(day, agency, procedure, roles) AS g, day, agency, operation, procedure, roles, class,
                   count(*) AS n, sum(released) AS released, sum(npd_calls) AS npd_calls,
                   sum(npd_failures) AS npd_failures, sum(cache_hits) AS cache_hits
            FROM (SELECT ((at AT TIME ZONE ?) + make_interval(secs => ?))::date AS day, agency, operation,
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
                  FROM audit_record WHERE at >= ? AND at < ?) r
            GROUP BY GROUPING SETS ((operation, procedure, class), (agency, operation, class), (day, operation),
                                    (procedure, roles, class))
            """.formatted(CLASS);

    private static final String CITIZENS = """
            SELECT count(DISTINCT p ->> 'personalId')
            FROM audit_record r CROSS JOIN LATERAL jsonb_array_elements(r.parties) p
            WHERE r.at >= ? AND r.at < ? AND r.outcome < 400 AND r.operation = ANY (?)
              AND p ->> 'role' <> 'searched'
              -- a prefill serves the citizens it released data about, not a number that was not found
              AND (r.operation <> 'PREFILL' OR jsonb_array_length(p -> 'releasedFields') > 0)
            """;

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
            List<Aggregate> aggregates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(MONTH_AGGREGATES)) {
                s.setString(1, z.name());
                s.setLong(2, z.offsetSeconds());
                s.setTimestamp(3, Timestamp.from(from));
                s.setTimestamp(4, Timestamp.from(to));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        aggregates.add(new Aggregate(set(rs.getInt("g")), rs.getString("day"), rs.getString("agency"),
                                rs.getString("operation"), rs.getString("procedure"), rs.getString("roles"),
                                rs.getString("class"), rs.getLong("n"), rs.getLong("released"),
                                rs.getLong("npd_calls"), rs.getLong("npd_failures"), rs.getLong("cache_hits")));
                    }
                }
            }
            long citizens;
            try (PreparedStatement s = c.prepareStatement(CITIZENS)) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                s.setArray(3, c.createArrayOf("text", SERVING_OPERATIONS.toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    citizens = rs.getLong(1);
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

    /** The months (YYYY-MM, in {@code zone}) with an audit record or an accepted event, oldest first. */
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
