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
        assertEquals(3, accessLog(Map.of("caseId", "HS-1")).getList("items").size());
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

        JsonPath first = accessLog(Map.of("size", "2"));
        JsonPath second = accessLog(Map.of("size", "2", "page", "1"));
        JsonPath last = accessLog(Map.of("size", "2", "page", "2"));

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
