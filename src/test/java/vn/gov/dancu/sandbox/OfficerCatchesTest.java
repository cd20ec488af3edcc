package vn.gov.dancu.sandbox;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.sandbox.npd.SandboxPersonas.*;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.upstream.npd.NpdResilience;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.NpdCall;

/**
 * Issue 10, against the sandbox end to end: what an officer would catch, each on the personas
 * made for it. Every answer is checked against {@code openapi.yaml}.
 */
@QuarkusTest
@WithTestResource(SandboxTestResource.class)
class OfficerCatchesTest {

    @Inject
    NpdResilience resilience;

    @Inject
    DataSource dataSource;

    @Inject
    AuditWriter auditWriter;

    private Sandbox sandbox;
    private int cases;

    @BeforeEach
    void fresh() {
        sandbox = SandboxTestResource.current();
        sandbox.npd().maintenance(false);
        sandbox.npd().clearCalls();
        resilience.reset();
    }

    private String token(String username) {
        return RestAssured.given()
                .formParam("grant_type", "password").formParam("client_id", "counter-app")
                .formParam("username", username).formParam("password", IdentityProviderSimulator.PASSWORD)
                .post(sandbox.idp().tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    private JsonPath prefill(String procedure, Map<String, String> parties) {
        return prefill(procedure, parties, "vi");
    }

    /** A fresh dossier per call, so the per-case cache never answers for another test. */
    private JsonPath prefill(String procedure, Map<String, String> parties, String language) {
        String body = parties.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .collect(Collectors.joining(",", "{\"caseId\":\"HS-OC-" + System.identityHashCode(this) + "-"
                        + (++cases) + "\",\"parties\":{", "}}"));
        String officer = procedure.equals("judicial-record") ? "jr-officer" : "cs-officer";
        return RestAssured.given().filter(OpenApiValidation.responseFilter()).auth().oauth2(token(officer))
                .header("Accept-Language", language).contentType("application/json").body(body)
                .post("/api/v1/prefill/" + procedure)
                .then().statusCode(200).extract().jsonPath();
    }

    /** A birth prefill with mother and father and, when given, the declared {@code child}. */
    private JsonPath birthWithChild(String procedure, String childJson, String language) {
        String body = "{\"caseId\":\"HS-OC-" + System.identityHashCode(this) + "-" + (++cases)
                + "\",\"parties\":{\"mother\":\"" + MOTHER + "\",\"father\":\"" + FATHER + "\"}"
                + (childJson == null ? "" : ",\"child\":" + childJson) + "}";
        return RestAssured.given().filter(OpenApiValidation.responseFilter()).auth().oauth2(token("cs-officer"))
                .header("Accept-Language", language).contentType("application/json").body(body)
                .post("/api/v1/prefill/" + procedure)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String bornDaysAgo(long days) {
        return "{\"dateOfBirth\":\"" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(days)
                + "\"}";
    }

    // Issue 10 item 10: the declared child's age ---------------------------------------------------

    @Test
    void aNewbornInTheBirthGroupIsUnderSixAndInTime() {
        JsonPath answer = birthWithChild("birth-residence-insurance", bornDaysAgo(12), "vi");

        assertTrue(codes(answer).contains("CHILD_UNDER_SIX"), answer.prettify());
        assertEquals("INFO", issue(answer, "CHILD_UNDER_SIX").get("severity"));
        assertTrue(((String) issue(answer, "CHILD_UNDER_SIX").get("message")).contains("Nghị định 63/2024"));
        assertTrue(!codes(answer).contains("LATE_BIRTH_REGISTRATION") && !codes(answer).contains("CHILD_AGE_NOT_CHECKED"));
        assertEquals(true, answer.getBoolean("canProceed"));
    }

    @Test
    void aBirthRegisteredAfterSixtyDaysIsLateButNotBlocked() {
        JsonPath answer = birthWithChild("birth-registration", bornDaysAgo(61), "en");

        Map<String, Object> late = issue(answer, "LATE_BIRTH_REGISTRATION");
        assertEquals("WARNING", late.get("severity"));
        assertEquals("mother", late.get("party"));
        assertTrue(((String) late.get("message")).contains("Law on Civil Status 2014"), late.toString());
        assertTrue(((String) late.get("message")).contains("61 days"), late.toString());
        assertTrue(!codes(answer).contains("CHILD_UNDER_SIX"), "plain birth registration has no insurance part");
        assertEquals(true, answer.getBoolean("canProceed"));
    }

    @Test
    void sixtyDaysAfterBirthIsStillInTime() {
        JsonPath answer = birthWithChild("birth-registration", bornDaysAgo(60), "vi");

        assertTrue(!codes(answer).contains("LATE_BIRTH_REGISTRATION"), answer.prettify());
    }

    @Test
    void aSixYearOldInTheBirthGroupIsLateAndNotUnderSix() {
        long days = java.time.temporal.ChronoUnit.DAYS.between(
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusYears(6),
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        JsonPath answer = birthWithChild("birth-residence-insurance", bornDaysAgo(days), "vi");

        assertTrue(codes(answer).contains("LATE_BIRTH_REGISTRATION"), answer.prettify());
        assertTrue(!codes(answer).contains("CHILD_UNDER_SIX"), answer.prettify());
    }

    @Test
    void withoutADeclaredDateOfBirthSaysTheAgeWasNotChecked() {
        JsonPath answer = birthWithChild("birth-residence-insurance", null, "vi");

        assertEquals("INFO", issue(answer, "CHILD_AGE_NOT_CHECKED").get("severity"));
        assertTrue(!codes(answer).contains("CHILD_UNDER_SIX") && !codes(answer).contains("LATE_BIRTH_REGISTRATION"));
        assertEquals(true, answer.getBoolean("canProceed"));
    }

    private static List<String> codes(JsonPath answer) {
        return answer.getList("issues.code");
    }

    private static Map<String, Object> issue(JsonPath answer, String code) {
        return answer.getList("issues", Map.class).stream().filter(i -> code.equals(i.get("code")))
                .map(i -> (Map<String, Object>) i).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + answer.prettify()));
    }

    // 1. Place of birth -------------------------------------------------------------------------

    @Test
    void judicialRecordLeavesThePlaceOfBirthDeclaredAndNeverAsksForTheRegistrationPlace() {
        JsonPath answer = prefill("judicial-record", Map.of("applicant", SINGLE_WOMAN));
        assertNull((Object) answer.get("parties.applicant.fields.birthRegistrationPlace"));
        List<NpdCall> lookups = lookups();
        assertTrue(lookups.stream().noneMatch(c -> c.fields().contains("birthRegistrationPlace")), lookups.toString());
        RestAssured.given().filter(OpenApiValidation.responseFilter()).auth().oauth2(token("jr-officer"))
                .get("/api/v1/procedures").then().statusCode(200)
                .body("procedures.find { it.code == 'JUDICIAL_RECORD' }.formFields.find { it.label == 'Nơi sinh' }.fill",
                        equalTo("DECLARED"))
                .body("procedures.find { it.code == 'JUDICIAL_RECORD' }.formFields.npdField",
                        not(hasItem("birthRegistrationPlace")));
    }

    // 2. Residence -------------------------------------------------------------------------------

    @Test
    void residenceIsPermanentElseTemporaryElseCurrentAndSaysWhich() {
        JsonPath answer = prefill("birth-registration", Map.of("mother", MOTHER, "declarant", TEMPORARY_RESIDENT));
        assertEquals("permanentResidence", answer.get("parties.mother.residenceFrom"));
        assertEquals("temporaryResidence", answer.get("parties.declarant.residenceFrom"));
        assertNull((Object) answer.get("parties.declarant.fields.permanentResidence.value"));
        assertEquals("Phường Trấn Biên", answer.get("parties.declarant.fields.temporaryResidence.value.wardName"));
    }

    // 3. Nationality ------------------------------------------------------------------------------

    @Test
    void oneVietnameseAndOneForeignParentNeedTheParentsWrittenAgreement() {
        JsonPath vi = prefill("birth-registration", Map.of("mother", MOTHER_WITH_FOREIGN_SPOUSE));
        Map<String, Object> nationality = vi.getList("suggestions", Map.class).stream()
                .filter(s -> "child.nationality".equals(s.get("target"))).findFirst().orElseThrow();
        assertEquals("VN", ((Map<?, ?>) nationality.get("value")).get("code"));
        assertTrue(((String) nationality.get("basis")).contains("khoản 2 Điều 16"), nationality.toString());
        assertTrue(((String) nationality.get("basis")).contains("Hàn Quốc"), nationality.toString());
        JsonPath en = prefill("birth-registration", Map.of("mother", MOTHER_WITH_FOREIGN_SPOUSE), "en");
        assertTrue(en.getList("suggestions.basis", String.class).stream()
                .anyMatch(b -> b.contains("written agreement") && b.contains("Art. 16(2)")), en.prettify());
        assertTrue(en.getList("suggestions.findAll { it.target == 'child.nationality' }.basis", String.class).stream()
                .noneMatch(b -> b.contains("Only one parent")), "not \"only one parent is known\"");
    }

    // 4 and 10. The birth group ---------------------------------------------------------------------

    @Test
    void birthGroupProposesTheHouseholdItsAddressAndTheChildsRelationshipToTheHead() {
        JsonPath answer = prefill("birth-residence-insurance",
                Map.of("mother", MOTHER, "father", FATHER, "declarant", DECLARANT));
        List<Map> suggestions = answer.getList("suggestions", Map.class);
        List<Map> households = suggestions.stream().filter(s -> s.get("target").equals("residence.household")).toList();
        assertEquals(1, households.size(), "one household: the parents live together");
        Map<?, ?> address = suggestions.stream().filter(s -> s.get("target").equals("residence.address"))
                .map(s -> (Map<?, ?>) s.get("value")).findFirst().orElseThrow();
        assertEquals("25195", address.get("wardCode"));
        assertEquals("Con", suggestions.stream().filter(s -> s.get("target").equals("residence.relationshipToHead"))
                .map(s -> s.get("value")).findFirst().orElseThrow(), "the mother is the head's wife");
        assertTrue(!codes(answer).contains("INTERLINKED_CHECK"), answer.prettify());
        assertEquals(true, answer.get("canProceed"));
    }

    @Test
    void birthGroupOffersBothHouseholdsWhenTheParentsLiveApartAndFlagsThePaternity() {
        JsonPath answer = prefill("birth-residence-insurance", Map.of("mother", UNMARRIED_MOTHER, "father", SINGLE_MAN));
        List<Map> households = answer.getList("suggestions", Map.class).stream()
                .filter(s -> s.get("target").equals("residence.household")).toList();
        assertEquals(2, households.size(), answer.prettify());
        assertEquals(2, answer.getList("suggestions.target").stream().filter("residence.address"::equals).count());
        assertEquals("INFO", issue(answer, "INTERLINKED_CHECK").get("severity"));
        Map<String, Object> paternity = issue(answer, "PATERNITY_RECOGNITION_NEEDED");
        assertEquals("WARNING", paternity.get("severity"));
        assertEquals("father", paternity.get("party"));
        assertTrue(((String) paternity.get("message")).contains("Điều 88"));
        assertEquals(true, answer.get("canProceed"), "warnings do not block");
    }

    // 5. Marital status is a hint ---------------------------------------------------------------------

    @Test
    void aStaleSpouseLinkOfADivorcedPersonIsAWarningAndAMarriedOneStillAnError() {
        JsonPath stale = prefill("marriage-registration", Map.of("bride", SINGLE_WOMAN, "groom", DIVORCED_WITH_STALE_LINK));
        Map<String, Object> married = issue(stale, "ALREADY_MARRIED");
        assertEquals("WARNING", married.get("severity"));
        assertEquals("spouse", married.get("field"));
        assertTrue(((String) married.get("message")).contains("ly hôn"), married.toString());
        assertEquals(true, stale.get("canProceed"));
        JsonPath real = prefill("marriage-registration", Map.of("bride", SINGLE_WOMAN, "groom", MARRIED_MAN));
        assertEquals("ERROR", issue(real, "ALREADY_MARRIED").get("severity"));
        assertTrue(((String) issue(real, "ALREADY_MARRIED").get("message")).contains("Sổ hộ tịch"));
        assertEquals("COMPLETE", real.get("status"));
        assertEquals(false, real.get("canProceed"), "COMPLETE, and still not to go ahead");
    }

    // 6. Kinship ------------------------------------------------------------------------------------

    @Test
    void findsFirstCousinsThroughTheirParentsAndAuditsEveryExtraLookup() {
        JsonPath answer = prefill("marriage-registration", Map.of("bride", KIN_COUSIN_WOMAN, "groom", KIN_COUSIN_MAN));
        Map<String, Object> kinship = issue(answer, "KINSHIP_PROHIBITED");
        assertEquals("ERROR", kinship.get("severity"));
        assertEquals("FIRST_COUSINS", kinship.get("relation"));
        assertTrue(((String) kinship.get("message")).contains("nuôi con nuôi"), "adoptive bars cannot be checked");
        assertEquals(false, answer.get("canProceed"));
        // Two parties and their four parents: the parents only for their father/mother links.
        List<NpdCall> lookups = lookups();
        assertEquals(6, lookups.size(), lookups.toString());
        List<NpdCall> relatives = lookups.stream().filter(c -> !c.path().endsWith(KIN_COUSIN_WOMAN)
                && !c.path().endsWith(KIN_COUSIN_MAN)).toList();
        assertEquals(4, relatives.size());
        relatives.forEach(c -> {
            assertEquals(Set.of("father", "mother"), Set.copyOf(c.fields()), c.toString());
            assertEquals("MARRIAGE_REGISTRATION", c.purpose());
        });
        AuditTables.Row record = AuditTables.awaitOnlyRecord(dataSource, auditWriter, answer.getString("requestId"));
        assertEquals(6, record.upstreamCalls().size(), record.toString());
        for (String role : List.of("bride.father", "bride.mother", "groom.father", "groom.mother")) {
            assertTrue(record.party(role) != null, role + " in " + record);
            assertEquals(0, record.party(role).path("releasedFields").size(), "nothing released about " + role);
        }
    }

    @Test
    void namesEachProhibitedRelation() {
        assertEquals("UNCLE_AUNT_NIECE_NEPHEW", relation(KIN_COUSIN_WOMAN, KIN_UNCLE));
        assertEquals("GRANDPARENT_GRANDCHILD", relation(KIN_COUSIN_WOMAN, KIN_GRANDFATHER));
        assertEquals("PARENT_CHILD", relation(KIN_MOTHER, KIN_GRANDFATHER));
        assertEquals("HALF_SIBLINGS", relation(SIBLING_SISTER, SIBLING_BROTHER));
    }

    @Test
    void saysWhatCouldNotBeCheckedWhenParentsAreMissingFromTheNpd() {
        JsonPath answer = prefill("marriage-registration", Map.of("bride", SINGLE_WOMAN, "groom", SINGLE_MAN), "en");
        assertTrue(!codes(answer).contains("KINSHIP_PROHIBITED"));
        assertTrue(codes(answer).contains("KINSHIP_NOT_VERIFIABLE"), answer.prettify());
        assertEquals(List.of("INFO"), answer.getList("issues.findAll { it.code == 'KINSHIP_NOT_VERIFIABLE' }.severity")
                .stream().distinct().toList());
        assertTrue(((String) issue(answer, "KINSHIP_NOT_VERIFIABLE").get("message")).contains("in-law"));
        assertEquals(true, answer.get("canProceed"));
    }

    private String relation(String bride, String groom) {
        return (String) issue(prefill("marriage-registration", Map.of("bride", bride, "groom", groom)),
                "KINSHIP_PROHIBITED").get("relation");
    }

    // 7. Paternity ----------------------------------------------------------------------------------

    @Test
    void aFatherWhoIsNotTheMothersSpouseNeedsARecognitionAndHerHusbandDoesNot() {
        JsonPath other = prefill("birth-registration", Map.of("mother", MOTHER, "father", MIXED_ETHNICITY_FATHER));
        assertTrue(((String) issue(other, "PATERNITY_RECOGNITION_NEEDED").get("message")).contains("người khác"));
        JsonPath husband = prefill("birth-registration", Map.of("mother", MOTHER, "father", FATHER));
        assertTrue(!codes(husband).contains("PATERNITY_RECOGNITION_NEEDED"), husband.prettify());
    }

    // 8. Missing persons ------------------------------------------------------------------------------

    @Test
    void aMissingDeclarantBlocksAndAMissingFatherIsAWarning() {
        JsonPath declarant = prefill("birth-registration", Map.of("mother", MOTHER, "declarant", MISSING));
        assertEquals("ERROR", issue(declarant, "PARTY_MISSING").get("severity"));
        assertEquals(false, declarant.get("canProceed"));
        JsonPath father = prefill("birth-registration", Map.of("father", MISSING));
        assertEquals("WARNING", issue(father, "PARTY_MISSING").get("severity"));
        assertEquals(true, father.get("canProceed"));
    }

    // 9 and 10. Death ---------------------------------------------------------------------------------

    @Test
    void aRecordedDeathBeforeBirthIsInvalid() {
        JsonPath answer = prefill("death-registration", Map.of("deceased", DEATH_BEFORE_BIRTH, "declarant", DECLARANT));
        Map<String, Object> invalid = issue(answer, "DATE_OF_DEATH_INVALID");
        assertEquals("ERROR", invalid.get("severity"));
        assertEquals("dateOfDeath", invalid.get("field"));
        assertTrue(((String) invalid.get("message")).contains("1949-01-01"));
        assertEquals(false, answer.get("canProceed"));
        JsonPath plausible = prefill("death-registration", Map.of("deceased", DECEASED, "declarant", DECLARANT));
        assertTrue(!codes(plausible).contains("DATE_OF_DEATH_INVALID"));
    }

    @Test
    void deathGroupFlagsADeceasedHouseholdHeadAndProposesTheFuneralAllowanceRecipients() {
        JsonPath answer = prefill("death-residence-funeral", Map.of("deceased", HOUSEHOLD_HEAD, "declarant", DECLARANT));
        assertEquals("WARNING", issue(answer, "HOUSEHOLD_HEAD_DECEASED").get("severity"));
        List<Map> recipients = answer.getList("suggestions", Map.class).stream()
                .filter(s -> s.get("target").equals("benefit.recipient")).toList();
        assertEquals(List.of(DECLARANT, "070147010501"),
                recipients.stream().map(r -> ((Map<?, ?>) r.get("value")).get("personalId")).toList());
        JsonPath plain = prefill("death-registration", Map.of("deceased", HOUSEHOLD_HEAD, "declarant", DECLARANT));
        assertTrue(!codes(plain).contains("HOUSEHOLD_HEAD_DECEASED"), "only the interlinked group deletes residence");
    }

    // 11. Administrative units after 2025 ------------------------------------------------------------

    @Test
    void aBinhPhuocAddressCarriesItsWardInTheNewDongNaiAndTheNumberKeepsItsDigits() {
        JsonPath answer = prefill("birth-registration", Map.of("mother", MOTHER));
        String residence = "parties.mother.fields.permanentResidence.";
        assertEquals("70", answer.get(residence + "value.provinceCode"), "the recorded value is kept");
        assertEquals("Phường Tân Phú", answer.get(residence + "value.wardName"));
        assertEquals("25195", answer.get(residence + "currentUnits.ward.code"));
        assertEquals("Phường Bình Phước", answer.get(residence + "currentUnits.ward.name"));
        assertEquals("75", answer.get(residence + "currentUnits.province.code"));
        assertEquals("Tỉnh Đồng Nai", answer.get(residence + "currentUnits.province.name"));
        assertTrue(answer.getString(residence + "currentUnits.basis").contains("202/2025/QH15"));
        assertEquals(MOTHER, answer.get("parties.mother.personalId"), "070 stays 070");
        assertTrue(answer.getList("issues.findAll { it.code == 'ADDRESS_IN_FORMER_UNITS' }.field")
                .contains("permanentResidence"), answer.prettify());
        assertEquals("INFO", issue(answer, "ADDRESS_IN_FORMER_UNITS").get("severity"));
        JsonPath current = prefill("birth-registration", Map.of("mother", MOTHER, "declarant", DECLARANT));
        assertNull((Object) current.get("parties.declarant.fields.permanentResidence.currentUnits"),
                "an address already in today's units");
    }

    @Test
    void aSplitWardListsItsCandidatesAndTheOfficerChooses() {
        JsonPath answer = prefill("judicial-record", Map.of("applicant", SPLIT_WARD_RESIDENT));
        String units = "parties.applicant.fields.permanentResidence.currentUnits.";
        assertEquals(List.of("26446", "26359"), answer.getList(units + "candidates.code"));
        assertEquals(true, answer.get(units + "mustChoose"));
        assertNull((Object) answer.get(units + "ward"));
        assertTrue(answer.getList("issues.message", String.class).stream()
                .anyMatch(m -> m.contains("Xã Xuân Hòa / Xã Xuân Đông") && m.contains("đã được chia")), answer.prettify());
    }

    // 12. The catalogue ----------------------------------------------------------------------------

    @Test
    void catalogueGivesEachFormsPrefilledShareCountingOnlyFieldsOfTheOfficialForm() {
        JsonPath catalogue = RestAssured.given().filter(OpenApiValidation.responseFilter()).auth()
                .oauth2(token("cs-officer")).header("Accept-Language", "en").get("/api/v1/procedures")
                .then().statusCode(200).extract().jsonPath();
        String marriage = "procedures.find { it.code == 'MARRIAGE_REGISTRATION' }.";
        assertEquals("Marriage registration", catalogue.get(marriage + "name"));
        List<String> keys = catalogue.getList(marriage + "formFields.key");
        assertTrue(keys.contains("bride.marriageNumber") && !keys.contains("bride.maritalStatus"), keys.toString());
        List<String> fills = catalogue.getList(marriage + "formFields.fill");
        double expected = Math.round(100.0 * fills.stream().filter("PREFILLED"::equals).count() / fills.size()) / 100.0;
        assertEquals(expected, catalogue.getDouble(marriage + "prefilledShare"), 1e-9);
        assertEquals(0.8, catalogue.getDouble(marriage + "prefilledShare"), 1e-9, "12 of 15 fields");
        assertTrue(catalogue.getList("procedures.prefilledShare", Float.class).stream().allMatch(s -> s > 0 && s < 1));
    }

    private List<NpdCall> lookups() {
        return sandbox.npd().calls().stream().filter(c -> c.path().startsWith("/api/v1/citizens/")).toList();
    }
}
