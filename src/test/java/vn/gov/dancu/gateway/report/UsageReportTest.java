package vn.gov.dancu.gateway.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.audit.AuditRows;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * The monthly report (spec §5.7) on a known data set: prefills of each outcome through the real
 * API by three agencies, outbox and newborn rows written as the writes code would, and the
 * report's figures checked against that set and against the audit trail read back with plain SQL —
 * including the small-cell merge, the p95 and the CSV. Every answer is checked against openapi.yaml.
 */
@QuarkusTest
class UsageReportTest extends GatewayTest {

    private static final String USAGE = "/api/v1/reports/usage";
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String AGENCY_B = "UBND-X-BINHLOC";
    private static final String AGENCY_C = "UBND-X-CAMMY";
    private static final String APPLICANT = Citizens.personalId("MALE", 1986, "400777");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    PrefillLatencies latencies;

    @Inject
    ReportRollup rollup;

    @BeforeEach
    void emptyTables() {
        AuditTables.reset(dataSource, writer);
        latencies.flush();
        AuditTables.execute(dataSource, "TRUNCATE civil_status_event, newborn_personal_id, prefill_latency",
                "TRUNCATE usage_day, usage_citizen, usage_month", "UPDATE usage_rollup SET up_to = NULL");
    }

    private static String reporter() {
        return Officers.token("bc.reporter", Officers.AGENCY, Roles.REPORT_VIEWER);
    }

    private static void prefill(String token, String segment, String body, int status) {
        as(token).contentType("application/json").body(body).post(Prefills.path(segment)).then().statusCode(status);
    }

    @Test
    void figuresAgreeWithTheKnownDataSetAndTheAuditTrail() throws SQLException {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(WireMock.okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(WireMock.okJson(Citizens.father().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.GRANDMOTHER)
                .willReturn(WireMock.okJson(Citizens.grandmother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.UNKNOWN).willReturn(NpdMock.errorResponse(404, "CITIZEN_NOT_FOUND")));
        npd.stubFor(NpdMock.lookup(APPLICANT).willReturn(NpdMock.errorResponse(503, "MAINTENANCE")));
        String complete = Prefills.body("mother", Citizens.MOTHER, "father", Citizens.FATHER);
        String withDeclarant = Prefills.body("mother", Citizens.MOTHER, "father", Citizens.FATHER,
                "declarant", Citizens.GRANDMOTHER);
        String partial = Prefills.body("mother", Citizens.MOTHER, "father", Citizens.UNKNOWN);
        String invalid = Prefills.body("mother", "070190004");
        String a = Officers.civilStatus();
        String b = Officers.token("cs.b", AGENCY_B, Roles.CIVIL_STATUS_OFFICER);
        String bJudicial = Officers.token("jr.b", AGENCY_B, Roles.JUDICIAL_RECORD_OFFICER);
        String c = Officers.token("cs.c", AGENCY_C, Roles.CIVIL_STATUS_OFFICER);
        // Agency A (Officers.AGENCY): 6 complete, 5 partial, 5 refused — every count 0 or >= 5: shown.
        for (int i = 0; i < 6; i++) {
            prefill(a, "birth-registration", complete, 200);
        }
        for (int i = 0; i < 5; i++) {
            prefill(a, "birth-registration", partial, 200);
            prefill(a, "birth-registration", invalid, 400);
        }
        // Agency B: 2 complete (with the grandmother declaring), 1 NPD outage — small: merged.
        prefill(b, "birth-registration", withDeclarant, 200);
        prefill(b, "birth-registration", withDeclarant, 200);
        prefill(bJudicial, "judicial-record", Prefills.body("applicant", APPLICANT), 503);
        // Agency C: 3 complete, 4 refused — small: merged. B + C: 10 prefills, 5 complete, 5 refused.
        for (int i = 0; i < 3; i++) {
            prefill(c, "birth-registration", complete, 200);
        }
        for (int i = 0; i < 4; i++) {
            prefill(c, "birth-registration", invalid, 400);
        }
        AuditTables.awaitIdle(writer);
        latencies.flush();
        YearMonth month = YearMonth.now(ZONE);
        Instant now = Instant.now();
        Instant lastMonth = month.minusMonths(1).atDay(2).atStartOfDay(ZONE).toInstant();
        // The outbox: 3 accepted this month (delivered, rejected, pending), 1 accepted last month and
        // delivered this month; 2 newborn numbers issued, 1 still pending.
        event(Officers.AGENCY, "DELIVERED", now, now, now);
        event(Officers.AGENCY, "REJECTED", now, null, now);
        event(AGENCY_B, "PENDING", now, null, null);
        event(AGENCY_C, "DELIVERED", lastMonth, now, now);
        newborn("ISSUED", now);
        newborn("ISSUED", now);
        newborn("PENDING", null);

        Response response = as(reporter()).filter(OpenApiValidation.filter())
                .get(USAGE + "?month=" + month);
        response.then().statusCode(200).contentType("application/json");
        JsonPath r = response.jsonPath();

        List<AuditTables.Row> rows = AuditTables.all(dataSource).stream()
                .filter(row -> "PREFILL".equals(row.operation())).toList();
        assertEquals(26, rows.size(), "every prefill was recorded");
        long[] npd = new long[2]; // calls, failures: counted here from the trail's rows
        for (AuditTables.Row row : AuditTables.all(dataSource)) {
            for (JsonNode call : row.upstreamCalls()) {
                if ("NPD".equals(call.path("upstream").asText())) {
                    npd[0]++;
                    int status = call.path("status").asInt();
                    npd[1] += status == 0 || status == 429 || status >= 500 ? 1 : 0;
                }
            }
        }
        long npdCalls = npd[0];
        long npdFailures = npd[1];
        assertAll("totals",
                () -> assertEquals(month.toString(), r.getString("month")),
                () -> assertEquals(26, r.getInt("totals.prefills")),
                () -> assertEquals(11, r.getInt("totals.complete")),
                () -> assertEquals(5, r.getInt("totals.partial")),
                () -> assertEquals(10, r.getInt("totals.refused")),
                () -> assertEquals(1, r.getInt("totals.npdUnavailable")),
                // mother, father, grandmother: the unknown father was named but nothing was released about him
                () -> assertEquals(3, r.getInt("totals.citizensServed")),
                () -> assertEquals(npdCalls, r.getLong("totals.npdCalls")),
                () -> assertEquals(npdFailures, r.getLong("totals.npdFailures")),
                () -> assertTrue(npdFailures >= 1, "the outage's lookup failed"),
                () -> assertEquals(0, r.getInt("totals.cacheHits")),
                () -> assertEquals(2, r.getInt("totals.newbornIds")),
                () -> assertEquals(3, r.getInt("totals.eventsAccepted")),
                () -> assertEquals(2, r.getInt("totals.eventsDelivered")),
                () -> assertEquals(1, r.getInt("totals.eventsRejected")),
                () -> assertEquals(1, r.getInt("outbox.pending")),
                () -> assertNotNull(r.getString("outbox.oldestPendingSince")));

        // Procedures: all six in catalogue order; birth registration holds 25 of the prefills.
        assertEquals(List.of("BIRTH_REGISTRATION", "DEATH_REGISTRATION", "MARRIAGE_REGISTRATION", "JUDICIAL_RECORD",
                "BIRTH_RESIDENCE_INSURANCE", "DEATH_RESIDENCE_FUNERAL").size(), r.getList("byProcedure").size());
        Map<String, Object> birth = procedure(r, "BIRTH_REGISTRATION");
        Map<String, Object> judicial = procedure(r, "JUDICIAL_RECORD");
        long released = 0;
        for (AuditTables.Row row : rows) {
            for (JsonNode party : row.parties()) {
                released += party.path("releasedFields").size();
            }
        }
        long expectedReleased = released;
        assertAll("byProcedure",
                () -> assertEquals(25, birth.get("prefills")),
                () -> assertEquals(11, birth.get("complete")),
                () -> assertEquals(5, birth.get("partial")),
                () -> assertEquals(9, birth.get("refused")),
                () -> assertEquals((int) expectedReleased, birth.get("fieldsPrefilled")),
                () -> assertTrue((int) birth.get("fieldsDeclared") > (int) birth.get("fieldsPrefilled"),
                        "the unknown fathers' fields were declared and not prefilled"),
                () -> assertEquals(p95(month, "BIRTH_REGISTRATION"), ((Number) birth.get("p95Ms")).longValue()),
                () -> assertEquals(1, judicial.get("prefills")),
                () -> assertEquals(1, judicial.get("refused")));

        // Agencies: A shown; B (3 prefills) and C (7, but 3 complete and 4 refused) merged into other.
        List<Map<String, Object>> agencies = r.getList("byAgency");
        assertEquals(2, agencies.size(), agencies.toString());
        assertEquals(Map.of("agency", Officers.AGENCY, "prefills", 16, "complete", 6, "partial", 5, "refused", 5),
                agencies.get(0));
        assertEquals(Map.of("agency", "other", "merged", 2, "prefills", 10, "complete", 5, "partial", 0,
                "refused", 5), agencies.get(1));
        assertEquals(List.of(Map.of("date", LocalDate.now(ZONE).toString(), "prefills", 26)), r.getList("byDay"));

        // The same report as CSV, by Accept and by format: the same figures, one per line.
        String csv = as(reporter()).accept("text/csv").get(USAGE + "?month=" + month)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertEquals(csv.lines().toList().subList(1, csv.lines().toList().size()),
                as(reporter()).get(USAGE + "?format=csv&month=" + month).asString().lines().skip(1).toList());
        List<String> lines = csv.lines().toList();
        assertEquals("month,section,key,metric,value", lines.get(0));
        assertAll("csv",
                () -> assertTrue(lines.contains(month + ",totals,,prefills,26"), csv),
                () -> assertTrue(lines.contains(month + ",totals,,citizensServed,3"), csv),
                () -> assertTrue(lines.contains(month + "," + "agency," + Officers.AGENCY + ",refused,5"), csv),
                () -> assertTrue(lines.contains(month + ",agency,other,merged,2"), csv),
                () -> assertTrue(lines.contains(month + ",agency,other,prefills,10"), csv),
                () -> assertTrue(lines.contains(month + ",outbox,,pending,1"), csv),
                () -> assertTrue(lines.stream().noneMatch(l -> l.contains(AGENCY_B) || l.contains(AGENCY_C)),
                        "merged agencies are not named"));

        // Spec §5.9: the report's reads are counted under their operation, and no label names an agency.
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("gateway_requests_total{")
                && l.contains("operation=\"usageReport\"") && l.contains("status=\"200\"")), "usageReport counted");
        assertTrue(metrics.lines().filter(l -> !l.startsWith("#"))
                .noneMatch(l -> l.contains(AGENCY_B) || l.contains(AGENCY_C) || l.contains(Officers.AGENCY)),
                "no metric label names an agency");

        // The reads are recorded: who read the report, when.
        AuditTables.awaitIdle(writer);
        assertEquals(3, AuditTables.all(dataSource).stream().filter(row -> "USAGE_REPORT".equals(row.operation()))
                .filter(row -> "bc.reporter".equals(row.officer())).count());
    }

    @Test
    void smallDaysAreMergedAndThePercentileIsThatOfTheDurations() throws SQLException {
        // October 2026: day 1 has 6 prefills, day 2 has 2, day 3 has 1. 2 + 1 is below 5: day 1 joins.
        // November: day 1 has 7, day 2 has 5, day 3 has 2, day 4 has 3: days 3 and 4 make "other" (5).
        long seq = 1_000_000;
        int[][] days = {{2026, 10, 1, 6}, {2026, 10, 2, 2}, {2026, 10, 3, 1},
            {2026, 11, 1, 7}, {2026, 11, 2, 5}, {2026, 11, 3, 2}, {2026, 11, 4, 3}};
        try (Connection conn = dataSource.getConnection()) {
            for (int[] d : days) {
                Instant at = LocalDate.of(d[0], d[1], d[2]).atTime(9, 0).atZone(ZONE).toInstant();
                for (int i = 0; i < d[3]; i++) {
                    AuditRows.insertRow(conn, seq++, AuditTables.entry("cs.officer", at.plusSeconds(i)),
                            "0".repeat(64), "0".repeat(64));
                }
            }
            // 20 prefill durations in November, 10 ms to 200 ms: the 95th percentile is the 19th, 190 ms.
            for (int i = 1; i <= 20; i++) {
                try (PreparedStatement s = conn.prepareStatement(
                        "INSERT INTO prefill_latency (at, procedure, status, duration_ms) VALUES (?, ?, 200, ?)")) {
                    s.setTimestamp(1, Timestamp.from(LocalDate.of(2026, 11, 5).atStartOfDay(ZONE).toInstant()));
                    s.setString(2, "BIRTH_REGISTRATION");
                    s.setInt(3, i * 10);
                    s.executeUpdate();
                }
            }
        }
        JsonPath october = as(reporter()).filter(OpenApiValidation.filter()).get(USAGE + "?month=2026-10")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(Map.of("date", "other", "merged", 3, "prefills", 9)), october.getList("byDay"));
        assertEquals(9, october.getInt("totals.prefills"));
        // One agency only, and it is too small some days but not over the month: shown.
        assertEquals(List.of(Map.of("agency", Officers.AGENCY, "prefills", 9, "complete", 9, "partial", 0,
                "refused", 0)), october.getList("byAgency"));

        JsonPath november = as(reporter()).filter(OpenApiValidation.filter()).get(USAGE + "?month=2026-11")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(Map.of("date", "2026-11-01", "prefills", 7), Map.of("date", "2026-11-02", "prefills", 5),
                Map.of("date", "other", "merged", 2, "prefills", 5)), november.getList("byDay"));
        assertEquals(190, ((Number) procedure(november, "BIRTH_REGISTRATION").get("p95Ms")).intValue());
        assertEquals(null, procedure(november, "DEATH_REGISTRATION").get("p95Ms"));

        // Rolled up (every whole day up to today), the months read from usage_day report the same
        // figures: October closed (its distinct citizens kept in usage_month), November too.
        String octoberLive = figures(october);
        String novemberLive = figures(november);
        assertTrue(rollup.rollUp(Instant.now()) >= 60, "every day from 1 October on was rolled up");
        assertEquals(0, rollup.rollUp(Instant.now()), "each day once");
        AuditTables.execute(dataSource, "DELETE FROM audit_record WHERE at < '2026-12-01 00:00+07'");
        assertEquals(octoberLive, figures(as(reporter()).get(USAGE + "?month=2026-10").then().statusCode(200)
                .extract().jsonPath()), "read from the roll-up alone: the trail's October is gone");
        assertEquals(novemberLive, figures(as(reporter()).get(USAGE + "?month=2026-11").then().statusCode(200)
                .extract().jsonPath()));
        assertEquals(1, october.getInt("totals.citizensServed"));

        // The months with data, oldest first (the report reads themselves are recorded this month);
        // October and November are known from the roll-up alone now.
        List<String> months = as(reporter()).filter(OpenApiValidation.filter()).get(USAGE + "/months")
                .then().statusCode(200).extract().jsonPath().getList("months");
        assertEquals(List.of("2026-10", "2026-11"), months.subList(0, 2));
        assertEquals(YearMonth.now(ZONE).toString(), months.get(months.size() - 1));
    }

    @Test
    void aMonthWithoutDataIsAnEmptyReport() {
        JsonPath r = as(reporter()).filter(OpenApiValidation.filter()).get(USAGE + "?month=2025-02")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(0, r.getInt("totals.prefills"));
        assertEquals(List.of(), r.getList("byAgency"));
        assertEquals(List.of(), r.getList("byDay"));
    }

    @Test
    void badMonthsFormatsAndRolesAreProblems() {
        JsonPath bad = Problems.assertProblem(as(reporter()).filter(OpenApiValidation.responseFilter())
                .get(USAGE + "?month=2026-13&format=xml"), 400, "VALIDATION_FAILED");
        Set<String> fields = new HashSet<>(bad.getList("violations.field"));
        assertEquals(Set.of("month", "format"), fields);
        JsonPath english = Problems.assertProblem(as(reporter()).header("Accept-Language", "en")
                .get(USAGE), 400, "VALIDATION_FAILED");
        assertEquals("The month must be YYYY-MM, e.g. 2026-11.", Problems.violationMessage(english, "month"));
        Problems.assertProblem(as(reporter()).filter(OpenApiValidation.filter())
                .get(USAGE + "?month=" + YearMonth.now(ZONE).plusMonths(1)), 404, "NOT_FOUND");
        Problems.assertProblem(asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .get(USAGE + "?month=2026-11"), 403, "FORBIDDEN");
        Problems.assertProblem(as(AuditTables.auditor()).filter(OpenApiValidation.filter())
                .get(USAGE + "/months"), 403, "FORBIDDEN");
    }

    /** Everything but the generation time. */
    private static String figures(JsonPath report) {
        Map<String, Object> all = new java.util.TreeMap<>(report.getMap(""));
        all.remove("generatedAt");
        return all.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> procedure(JsonPath r, String code) {
        List<Map<String, Object>> rows = r.getList("byProcedure");
        return rows.stream().filter(p -> code.equals(p.get("procedure"))).findFirst()
                .orElseThrow(() -> new AssertionError(code + " missing in " + rows));
    }

    /** percentile_disc(0.95) computed here from the stored durations: the smallest value with 95% at or below it. */
    private long p95(YearMonth month, String procedure) throws SQLException {
        List<Integer> durations = new ArrayList<>();
        try (Connection conn = dataSource.getConnection();
                PreparedStatement s = conn.prepareStatement(
                        "SELECT duration_ms FROM prefill_latency WHERE procedure = ? ORDER BY duration_ms")) {
            s.setString(1, procedure);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    durations.add(rs.getInt(1));
                }
            }
        }
        assertEquals(25, durations.size(), "one duration per birth-registration prefill answered");
        return durations.get((int) Math.ceil(0.95 * durations.size()) - 1);
    }

    private void event(String agency, String status, Instant accepted, Instant delivered, Instant lastAttempt)
            throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement s = conn.prepareStatement(
                "INSERT INTO civil_status_event (id, agency, idempotency_key, request_hash, type, case_id, officer,"
                        + " payload, status, attempts, accepted_at, next_attempt_at, last_attempt_at, delivered_at,"
                        + " rejection_code) VALUES (?, ?, ?, ?, 'BIRTH', 'HS-1', 'cs.officer', '{}'::jsonb, ?, 1, ?, ?,"
                        + " ?, ?, ?)")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, agency);
            s.setString(3, UUID.randomUUID().toString());
            s.setString(4, "0".repeat(64));
            s.setString(5, status);
            s.setTimestamp(6, Timestamp.from(accepted));
            s.setTimestamp(7, Timestamp.from(accepted));
            s.setTimestamp(8, lastAttempt == null ? null : Timestamp.from(lastAttempt));
            s.setTimestamp(9, delivered == null ? null : Timestamp.from(delivered));
            s.setString(10, "REJECTED".equals(status) ? "INVALID_EVENT" : null);
            s.executeUpdate();
        }
    }

    private void newborn(String state, Instant issued) throws SQLException {
        try (Connection conn = dataSource.getConnection(); PreparedStatement s = conn.prepareStatement(
                "INSERT INTO newborn_personal_id (agency, idempotency_key, request_hash, case_id, state, personal_id,"
                        + " created_at, issued_at) VALUES (?, ?, ?, 'HS-1', ?, ?, now(), ?)")) {
            s.setString(1, Officers.AGENCY);
            s.setString(2, UUID.randomUUID().toString());
            s.setString(3, "0".repeat(64));
            s.setString(4, state);
            s.setString(5, issued == null ? null : "070226000001");
            s.setTimestamp(6, issued == null ? null : Timestamp.from(issued));
            s.executeUpdate();
        }
    }

}
