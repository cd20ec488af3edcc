package vn.gov.dancu.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.BRIDE;
import static vn.gov.dancu.gateway.testing.Citizens.FATHER;
import static vn.gov.dancu.gateway.testing.Citizens.GROOM;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * The access log for auditors and the citizen's own export (spec §5): filters, paging newest
 * first, validation, the {@code auditor} role, and that a citizen sees only what concerns them.
 * Every answer is checked against {@code openapi.yaml}. The records are written straight into the
 * chain, so each test knows exactly what is there.
 */
@QuarkusTest
class AccessLogApiTest extends GatewayTest {

    private static final String ACCESS_LOG = "/api/v1/audit/access-log";
    private static final String CITIZEN_EXPORT = "/api/v1/audit/citizen-export";
    private static final String SEARCH = "/api/v1/audit/access-log/search";
    private static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");
    private static final List<String> NAME_AND_BIRTH = List.of("fullName", "dateOfBirth");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    AuditAppender store;

    @BeforeEach
    void emptyTrail() {
        AuditTables.reset(dataSource, writer);
    }

    @Test
    void findsEveryEntryOfACitizenInAnyRoleNewestFirst() {
        AuditEntry birth = record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER, "father", FATHER));
        record(T0.plusSeconds(60), "cs.one", "UBND-A", "KH-2", Map.of("bride", BRIDE, "groom", GROOM));
        AuditEntry declared = record(T0.plusSeconds(120), "cs.two", "UBND-B", "HS-3", Map.of("declarant", MOTHER));

        JsonPath page = accessLog(Map.of("personalId", MOTHER));

        assertEquals(List.of(declared.id().toString(), birth.id().toString()), page.getList("items.id"));
        assertEquals(false, page.getBoolean("hasNext"));
        // the entry as recorded, every field
        assertAll(
                () -> assertEquals("cs.two", page.getString("items[0].officer")),
                () -> assertEquals("UBND-B", page.getString("items[0].agency")),
                () -> assertEquals("HS-3", page.getString("items[0].caseId")),
                () -> assertEquals(declared.requestId(), page.getString("items[0].requestId")),
                () -> assertEquals("counter-app", page.getString("items[0].clientId")),
                () -> assertEquals("PREFILL", page.getString("items[0].operation")),
                () -> assertEquals("BIRTH_REGISTRATION", page.getString("items[0].procedure")),
                () -> assertEquals(200, page.getInt("items[0].outcome")),
                () -> assertEquals(T0.plusSeconds(120), Instant.parse(page.getString("items[0].at"))),
                () -> assertEquals(List.of(Map.of("role", "declarant", "personalId", MOTHER,
                        "releasedFields", NAME_AND_BIRTH)), page.getList("items[0].parties")));
    }

    @Test
    void filtersByCaseOfficerAndAgencyTogether() {
        AuditEntry match = record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER));
        record(T0, "cs.one", "UBND-A", "HS-2", Map.of("mother", MOTHER));
        record(T0, "cs.two", "UBND-A", "HS-1", Map.of("mother", MOTHER));
        record(T0, "cs.one", "UBND-B", "HS-1", Map.of("mother", MOTHER));

        assertEquals(List.of(match.id().toString()),
                accessLog(Map.of("caseId", "HS-1", "officer", "cs.one", "agency", "UBND-A")).getList("items.id"));
        // the first search is recorded under the case id it searched for: an auditor's look counts
        assertEquals(List.of("ACCESS_LOG_SEARCH", "PREFILL", "PREFILL", "PREFILL"),
                accessLog(Map.of("caseId", "HS-1")).getList("items.operation"));
        assertEquals(1, accessLog(Map.of("officer", "cs.two")).getList("items").size());
        assertEquals(3, accessLog(Map.of("agency", "UBND-A")).getList("items").size());
    }

    @Test
    void timeRangeIncludesFromAndExcludesTo() {
        record(T0.minusMillis(1), "cs.one", "UBND-A", "HS-0", Map.of("mother", MOTHER));
        AuditEntry first = record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER));
        AuditEntry second = record(T0.plus(1, ChronoUnit.HOURS).minusMillis(1), "cs.one", "UBND-A", "HS-2",
                Map.of("mother", MOTHER));
        record(T0.plus(1, ChronoUnit.HOURS), "cs.one", "UBND-A", "HS-3", Map.of("mother", MOTHER));

        JsonPath page = accessLog(Map.of("from", T0.toString(), "to", T0.plus(1, ChronoUnit.HOURS).toString()));

        assertEquals(List.of(second.id().toString(), first.id().toString()), page.getList("items.id"));
    }

    @Test
    void pagesNewestFirstAndSaysWhetherMoreFollow() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(0, record(T0.plusSeconds(i), "cs.one", "UBND-A", "HS-" + i, Map.of("mother", MOTHER)).id()
                    .toString());
        }

        // by officer: each search adds a record of its own, by the auditor, at the top of the log
        JsonPath first = accessLog(Map.of("officer", "cs.one", "size", "2"));
        JsonPath second = accessLog(Map.of("officer", "cs.one", "size", "2", "page", "1"));
        JsonPath last = accessLog(Map.of("officer", "cs.one", "size", "2", "page", "2"));

        assertAll(
                () -> assertEquals(ids.subList(0, 2), first.getList("items.id")),
                () -> assertEquals(true, first.getBoolean("hasNext")),
                () -> assertEquals(0, first.getInt("page")),
                () -> assertEquals(2, first.getInt("size")),
                () -> assertEquals(ids.subList(2, 4), second.getList("items.id")),
                () -> assertEquals(true, second.getBoolean("hasNext")),
                () -> assertEquals(ids.subList(4, 5), last.getList("items.id")),
                () -> assertEquals(false, last.getBoolean("hasNext")),
                () -> assertEquals(50, accessLog(Map.of()).getInt("size"), "default page size"));
    }

    @Test
    void invalidFiltersAreRefusedWithEveryViolation() {
        Response response = as(AuditTables.auditor()).filter(OpenApiValidation.responseFilter())
                .queryParam("personalId", "07019000452")
                .queryParam("size", "201")
                .queryParam("from", "yesterday")
                .queryParam("to", "2026-11-31T00:00:00Z")
                .queryParam("page", "-1")
                .get(ACCESS_LOG);

        JsonPath problem = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(Set.of("personalId", "size", "from", "to", "page"), Set.copyOf(problem.getList("violations.field")));
        assertTrue(Problems.violationMessage(problem, "size").contains("200"), "says the limit");
    }

    @Test
    void civilStatusOfficerMayNotReadTheAuditTrail() {
        Problems.assertProblem(asCivilStatusOfficer().filter(OpenApiValidation.filter()).get(ACCESS_LOG), 403,
                "FORBIDDEN");
        Problems.assertProblem(asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .contentType("application/json").body("{\"personalId\":\"" + MOTHER + "\"}")
                .post(CITIZEN_EXPORT), 403, "FORBIDDEN");
        Problems.assertProblem(asCivilStatusOfficer().filter(OpenApiValidation.filter())
                .get("/api/v1/audit/verification"), 403, "FORBIDDEN");
        Problems.assertProblem(as(Officers.token(AuditTables.AUDITOR, null, Roles.AUDITOR))
                .filter(OpenApiValidation.filter()).get(ACCESS_LOG), 403, "AGENCY_REQUIRED");
    }

    @Test
    void citizenExportShowsOnlyWhatConcernsTheCitizen() {
        record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER, "father", FATHER, "declarant", MOTHER));
        record(T0.plusSeconds(60), "cs.two", "UBND-B", "KH-2", Map.of("bride", BRIDE, "groom", GROOM));

        Response response = citizenExport(FATHER);
        JsonPath export = response.jsonPath();
        String body = response.asString();

        assertAll(body,
                () -> assertEquals(FATHER, export.getString("personalId")),
                () -> assertEquals(List.of(Map.of("at", T0.toString(), "agency", "UBND-A",
                        "procedure", "BIRTH_REGISTRATION", "caseId", "HS-1",
                        "legalBasis", AuditTables.entry("x", T0).legalBasis(), "role", "father",
                        "releasedFields", NAME_AND_BIRTH, "outcome", 200)), export.getList("accesses")),
                () -> assertFalse(body.contains(MOTHER), "the other parties' numbers"),
                () -> assertFalse(body.contains(BRIDE) || body.contains(GROOM), "other dossiers"),
                () -> assertFalse(body.contains("cs.one"), "the officer's name"));
    }

    @Test
    void citizenExportListsACitizenOncePerRoleNewestFirst() {
        record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER, "declarant", MOTHER));
        record(T0.plusSeconds(60), "cs.two", "UBND-B", "HS-9", Map.of("declarant", MOTHER));

        JsonPath export = citizenExport(MOTHER).jsonPath();

        assertEquals(List.of("HS-9", "HS-1", "HS-1"), export.getList("accesses.caseId"));
        assertEquals(List.of("declarant", "mother", "declarant"), export.getList("accesses.role"));
    }

    @Test
    void citizenExportTakesTheNumberFromTheBodyOnly() {
        record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER));

        Response fromQuery = as(AuditTables.auditor()).filter(OpenApiValidation.responseFilter())
                .queryParam("personalId", MOTHER)
                .contentType("application/json").body("{}")
                .post(CITIZEN_EXPORT);
        Response oldIdCard = as(AuditTables.auditor()).filter(OpenApiValidation.responseFilter())
                .contentType("application/json").body("{\"personalId\":\"070190004\"}")
                .post(CITIZEN_EXPORT);

        Problems.violationMessage(Problems.assertProblem(fromQuery, 400, "VALIDATION_FAILED"), "personalId");
        assertTrue(Problems.violationMessage(Problems.assertProblem(oldIdCard, 400, "VALIDATION_FAILED"), "personalId")
                .contains("12"), "says to use the 12-digit number");
    }

    @Test
    void citizenWithNoAccessesGetsAnEmptyExport() {
        record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER));

        assertEquals(List.of(), citizenExport(GROOM).jsonPath().getList("accesses"));
    }

    @Test
    void postSearchFindsWhatTheGetFindsWithTheFiltersInTheBody() {
        record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER, "father", FATHER));
        record(T0.plusSeconds(60), "cs.one", "UBND-A", "HS-2", Map.of("mother", MOTHER));
        record(T0.plusSeconds(120), "cs.two", "UBND-B", "HS-3", Map.of("father", FATHER));

        JsonPath byUrl = accessLog(Map.of("personalId", MOTHER, "officer", "cs.one", "size", "1"));
        JsonPath byBody = search("{\"personalId\":\"" + MOTHER + "\",\"officer\":\"cs.one\",\"size\":1}")
                .then().statusCode(200).extract().jsonPath();

        assertEquals(byUrl.getList("items.id"), byBody.getList("items.id"));
        assertEquals(true, byBody.getBoolean("hasNext"));
        assertEquals(1, byBody.getInt("size"));
        assertEquals("HS-2", byBody.getString("items[0].caseId"));
    }

    @Test
    void entriesShowTheUpstreamCallsTheRecordHolds() throws SQLException {
        AuditEntry granted = AuditTables.entry("cs.one", T0);
        store.append(List.of(granted));

        JsonPath page = accessLog(Map.of("officer", "cs.one"));

        AuditEntry.UpstreamCall call = granted.upstreamCalls().get(0);
        assertEquals(List.of(Map.of("system", "NPD", "operation", "CITIZEN_LOOKUP", "personalId", MOTHER,
                "fields", call.fields(), "status", 200)), page.getList("items[0].upstreamCalls"));
    }

    @Test
    void auditorsOwnReadsAreRecordedWithWhoSearchedForWhom() {
        record(T0, "cs.one", "UBND-A", "HS-1", Map.of("mother", MOTHER));
        String get = "read-" + UUID.randomUUID();
        String post = "read-" + UUID.randomUUID();
        String export = "read-" + UUID.randomUUID();
        String verify = "read-" + UUID.randomUUID();

        as(AuditTables.auditor()).header("X-Request-Id", get).queryParam("personalId", MOTHER).get(ACCESS_LOG)
                .then().statusCode(200);
        as(AuditTables.auditor()).header("X-Request-Id", post).contentType("application/json")
                .body("{\"personalId\":\"" + FATHER + "\",\"caseId\":\"HS-1\"}").post(SEARCH).then().statusCode(200);
        as(AuditTables.auditor()).header("X-Request-Id", export).contentType("application/json")
                .body("{\"personalId\":\"" + GROOM + "\"}").post(CITIZEN_EXPORT).then().statusCode(200);
        as(AuditTables.auditor()).header("X-Request-Id", verify).get("/api/v1/audit/verification")
                .then().statusCode(200);

        AuditTables.Row byGet = AuditTables.awaitOnlyRecord(dataSource, writer, get);
        AuditTables.Row byPost = AuditTables.awaitOnlyRecord(dataSource, writer, post);
        AuditTables.Row byExport = AuditTables.awaitOnlyRecord(dataSource, writer, export);
        AuditTables.Row byVerify = AuditTables.awaitOnlyRecord(dataSource, writer, verify);
        assertAll(
                () -> assertEquals("ACCESS_LOG_SEARCH", byGet.operation()),
                () -> assertEquals(AuditTables.AUDITOR, byGet.officer(), "who searched"),
                () -> assertEquals(Officers.AGENCY, byGet.agency()),
                () -> assertEquals(MOTHER, byGet.party("searched").path("personalId").asText(), "for whom"),
                () -> assertEquals(200, byGet.outcome()),
                () -> assertEquals("ACCESS_LOG_SEARCH", byPost.operation()),
                () -> assertEquals(FATHER, byPost.party("searched").path("personalId").asText()),
                () -> assertEquals("HS-1", byPost.caseId(), "the dossier searched for"),
                () -> assertEquals("CITIZEN_EXPORT", byExport.operation()),
                () -> assertEquals(GROOM, byExport.party("searched").path("personalId").asText()),
                () -> assertEquals("AUDIT_VERIFICATION", byVerify.operation()),
                () -> assertEquals(0, byVerify.parties().size()));
    }

    @Test
    void refusedAuditorSearchIsRecordedWithWhatWasAskedFor() {
        String requestId = "read-" + UUID.randomUUID();

        as(AuditTables.auditor()).header("X-Request-Id", requestId).contentType("application/json")
                .body("{\"personalId\":\"" + MOTHER + "\",\"page\":-1}").post(SEARCH).then().statusCode(400);

        AuditTables.Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertEquals("ACCESS_LOG_SEARCH", row.operation());
        assertEquals(400, row.outcome());
        assertEquals(MOTHER, row.party("searched").path("personalId").asText());
        assertEquals(List.of("VALIDATION_FAILED"), row.issueCodeList());
    }

    @Test
    void unstorableTextOutOfRangeInstantsAndNonIntegerPagesAreRefusedNamingEachParameter() {
        Response response = as(AuditTables.auditor()).filter(OpenApiValidation.responseFilter())
                .queryParam("caseId", "HS-\u00001")
                .queryParam("officer", "cs\u0000one")
                .queryParam("agency", "UBND-\u0000")
                .queryParam("from", "+300000-01-01T00:00:00Z")
                .queryParam("to", "2026-11-01T00:00:00\u0000Z")
                .queryParam("page", "first")
                .queryParam("size", "1.5")
                .get(ACCESS_LOG);

        JsonPath problem = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(Set.of("caseId", "officer", "agency", "from", "to", "page", "size"),
                Set.copyOf(problem.getList("violations.field")));
        assertTrue(Problems.violationMessage(problem, "from").contains("9999"), "says the range, in Vietnamese");
    }

    @Test
    void postSearchRefusesWrongTypesUnknownFiltersAndUnstorableTextInEnglishOnRequest() {
        Response response = as(AuditTables.auditor()).filter(OpenApiValidation.responseFilter())
                .header("Accept-Language", "en").contentType("application/json")
                .body("{\"caseId\":\"HS-\\u00001\",\"officer\":7,\"from\":\"+300000-01-01T00:00:00Z\","
                        + "\"page\":\"2\",\"size\":1.5,\"personalID\":\"" + MOTHER + "\"}")
                .post(SEARCH);

        JsonPath problem = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(Set.of("caseId", "officer", "from", "page", "size", "personalID"),
                Set.copyOf(problem.getList("violations.field")));
        assertEquals("The instant must lie between the years 0001 and 9999.",
                Problems.violationMessage(problem, "from"));
        assertTrue(Problems.violationMessage(problem, "caseId").contains("U+0000"));
        assertTrue(Problems.violationMessage(problem, "personalID").contains("personalId"), "names the real filters");
        assertFalse(response.asString().contains(MOTHER), "the number is not echoed");
    }

    private Response search(String body) {
        return as(AuditTables.auditor()).filter(OpenApiValidation.filter()).contentType("application/json")
                .body(body).post(SEARCH);
    }

    private JsonPath accessLog(Map<String, String> query) {
        return as(AuditTables.auditor()).filter(OpenApiValidation.filter())
                .queryParams(query)
                .get(ACCESS_LOG)
                .then().statusCode(200).extract().jsonPath();
    }

    private Response citizenExport(String personalId) {
        Response response = as(AuditTables.auditor()).filter(OpenApiValidation.filter())
                .contentType("application/json").body("{\"personalId\":\"" + personalId + "\"}")
                .post(CITIZEN_EXPORT);
        response.then().statusCode(200);
        return response;
    }

    /** Appends one granted prefill with these parties (role → number), each released name and birth date. */
    private AuditEntry record(Instant at, String officer, String agency, String caseId, Map<String, String> parties) {
        List<AuditEntry.Party> list = new ArrayList<>();
        // mother, father, declarant, bride, groom: a stable order whatever the map's
        new LinkedHashMap<>(parties).entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(
                        List.of("mother", "father", "declarant", "bride", "groom")::indexOf)))
                .forEach(e -> list.add(new AuditEntry.Party(e.getKey(), e.getValue(), NAME_AND_BIRTH)));
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), at, "req-" + UUID.randomUUID(), officer, agency,
                "counter-app", "PREFILL", "BIRTH_REGISTRATION", caseId, AuditTables.entry("x", at).legalBasis(),
                list, 200, List.of(), List.of());
        try {
            store.append(List.of(entry));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return entry;
    }
}
