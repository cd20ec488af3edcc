package vn.gov.dancu.sandbox.npd;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.npdToken;
import static vn.gov.dancu.sandbox.npd.SandboxPersonas.*;

import java.util.List;
import java.util.Map;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.testing.ManualClock;
import vn.gov.dancu.sandbox.npd.CitizenRecord.LifeStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.MaritalStatus;

class NpdSimulatorWritesTest {

    private static final String NEWBORN = """
            {"fullName": "Trần Gia Khang", "dateOfBirth": "2026-11-20", "gender": "MALE",
             "birthRegistrationPlace": {"countryCode": "VN", "provinceCode": "75", "provinceName": "Đồng Nai",
                                        "wardCode": "25195", "wardName": "Phường Bình Phước"},
             "motherPersonalId": "%s", "fatherPersonalId": "%s",
             "ethnicity": {"code": "01", "name": "Kinh"}, "nationality": {"code": "VN", "name": "Việt Nam"},
             "birthRegistrationNumber": "%s"}
            """;

    private static NpdSimulator npd;
    private static String token;

    @BeforeAll
    static void start() {
        npd = SandboxFixtures.startNpd(new ManualClock(SandboxFixtures.T0));
        token = npdToken(npd);
    }

    @AfterAll
    static void stop() {
        npd.close();
    }

    @AfterEach
    void reset() {
        npd.reset();
    }

    @Test
    void issuesANewbornANumberThatTheNpdThenKnows() {
        String number = write("/api/v1/personal-ids", "key-newborn-1", NEWBORN.formatted(MOTHER, FATHER, "12/2026"))
                .then().statusCode(201).extract().path("personalId");
        PersonalId parsed = PersonalId.parse(number);
        // Registered in new Đồng Nai (075), a boy born in the 2000s (digit 2), in 2026.
        assertEquals("075226", number.substring(0, 6));
        assertEquals(2026, parsed.birthYear());
        CitizenRecord child = npd.citizen(number).orElseThrow();
        assertEquals(MOTHER, child.mother().personalId());
        assertEquals(FATHER, child.father().personalId());
        SandboxFixtures.npdRequest(npd, token).get("/api/v1/citizens/" + number + "?fields=fullName,mother")
                .then().statusCode(200).body("fullName", equalTo("Trần Gia Khang"))
                .body("mother.personalId", equalTo(MOTHER));
    }

    @Test
    void answersARepeatOfTheSameRequestWithTheSameNumber() {
        String body = NEWBORN.formatted(MOTHER, FATHER, "13/2026");
        String first = write("/api/v1/personal-ids", "key-newborn-2", body).then().statusCode(201)
                .extract().path("personalId");
        write("/api/v1/personal-ids", "key-newborn-2", body).then().statusCode(200)
                .body("personalId", equalTo(first));
    }

    @Test
    void refusesAReusedKeyWithAnotherBodyWith409() {
        write("/api/v1/personal-ids", "key-newborn-3", NEWBORN.formatted(MOTHER, FATHER, "14/2026"))
                .then().statusCode(201);
        write("/api/v1/personal-ids", "key-newborn-3", NEWBORN.formatted(MOTHER, FATHER, "15/2026"))
                .then().statusCode(409).body("errorCode", equalTo("IDEMPOTENCY_CONFLICT"));
    }

    @Test
    void requiresAnIdempotencyKeyAndTheCaseHeaders() {
        RestAssured.given().baseUri(npd.baseUrl()).header("Authorization", "Bearer " + token)
                .header("X-Case-Id", "HS-1").header("X-Officer-Id", "o").header("X-Agency-Code", "a")
                .contentType("application/json").body(NEWBORN.formatted(MOTHER, FATHER, "16/2026"))
                .post("/api/v1/personal-ids")
                .then().statusCode(400).body("errorCode", equalTo("INVALID_REQUEST"));
        RestAssured.given().baseUri(npd.baseUrl()).header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", "key-newborn-4")
                .contentType("application/json").body(NEWBORN.formatted(MOTHER, FATHER, "16/2026"))
                .post("/api/v1/personal-ids")
                .then().statusCode(400).body("errorCode", equalTo("PURPOSE_REQUIRED"));
    }

    @Test
    void refusesANewbornWithAnUnknownMother() {
        write("/api/v1/personal-ids", "key-newborn-5", NEWBORN.formatted(NOT_IN_NPD, FATHER, "17/2026"))
                .then().statusCode(400).body("errorCode", equalTo("INVALID_REQUEST"));
    }

    @Test
    void recordsADeathAndWidowsTheSurvivingSpouse() {
        String wife = npd.citizen(MARRIED_MAN).orElseThrow().spouse().personalId();
        write("/api/v1/civil-status-events", "key-death-1", """
                {"type": "DEATH_REGISTERED", "registrationNumber": "45/2026", "registrationDate": "2026-11-28",
                 "registrationAuthority": "UBND-P-DONGXOAI", "subjects": {"deceased": "%s"},
                 "dateOfDeath": "2026-11-25"}
                """.formatted(MARRIED_MAN))
                .then().statusCode(202).body("eventId", startsWith("EV-"));
        CitizenRecord deceased = npd.citizen(MARRIED_MAN).orElseThrow();
        assertEquals(LifeStatus.DECEASED, deceased.lifeStatus());
        assertEquals("2026-11-25", deceased.dateOfDeath());
        CitizenRecord widow = npd.citizen(wife).orElseThrow();
        assertEquals(MaritalStatus.WIDOWED, widow.maritalStatus());
        assertNull(widow.spouse());
        List<NpdEvent> events = npd.events();
        assertEquals(1, events.size());
        assertEquals(Map.of("deceased", MARRIED_MAN), events.get(0).subjects());
    }

    @Test
    void refusesToRecordASecondDeathWith409DeceasedAlready() {
        write("/api/v1/civil-status-events", "key-death-2", """
                {"type": "DEATH_REGISTERED", "registrationNumber": "46/2026", "registrationDate": "2026-11-28",
                 "registrationAuthority": "UBND-P-DONGXOAI", "subjects": {"deceased": "%s"}}
                """.formatted(DECEASED))
                .then().statusCode(409).body("errorCode", equalTo("DECEASED_ALREADY"));
    }

    @Test
    void recordsAMarriageOnBothRecords() {
        String body = """
                {"type": "MARRIAGE_REGISTERED", "registrationNumber": "9/2026", "registrationDate": "2026-11-28",
                 "registrationAuthority": "UBND-P-DONGXOAI", "subjects": {"bride": "%s", "groom": "%s"}}
                """.formatted(SINGLE_WOMAN, SINGLE_MAN);
        String eventId = write("/api/v1/civil-status-events", "key-marriage-1", body).then().statusCode(202)
                .extract().path("eventId");
        assertEquals(SINGLE_MAN, npd.citizen(SINGLE_WOMAN).orElseThrow().spouse().personalId());
        assertEquals(MaritalStatus.MARRIED, npd.citizen(SINGLE_MAN).orElseThrow().maritalStatus());
        write("/api/v1/civil-status-events", "key-marriage-1", body).then().statusCode(202)
                .body("eventId", equalTo(eventId));
        assertEquals(1, npd.events().size(), "a replay is not a second event");
    }

    @Test
    void answers404ForAnEventAboutAnUnknownCitizen() {
        write("/api/v1/civil-status-events", "key-death-3", """
                {"type": "DEATH_REGISTERED", "registrationNumber": "47/2026", "registrationDate": "2026-11-28",
                 "registrationAuthority": "UBND-P-DONGXOAI", "subjects": {"deceased": "%s"}}
                """.formatted(NOT_IN_NPD))
                .then().statusCode(404).body("errorCode", equalTo("CITIZEN_NOT_FOUND"));
    }

    @Test
    void resetForgetsEveryWrite() {
        write("/api/v1/civil-status-events", "key-marriage-2", """
                {"type": "MARRIAGE_REGISTERED", "registrationNumber": "10/2026", "registrationDate": "2026-11-28",
                 "registrationAuthority": "UBND-P-DONGXOAI", "subjects": {"bride": "%s", "groom": "%s"}}
                """.formatted(SIBLING_SISTER, SINGLE_MAN)).then().statusCode(202);
        npd.reset();
        assertEquals(MaritalStatus.SINGLE, npd.citizen(SINGLE_MAN).orElseThrow().maritalStatus());
        assertTrue(npd.events().isEmpty());
        assertEquals(SandboxFixtures.POPULATION.find(SINGLE_MAN), npd.citizen(SINGLE_MAN));
    }

    private static io.restassured.response.Response write(String path, String idempotencyKey, String json) {
        RequestSpecification request = RestAssured.given().baseUri(npd.baseUrl())
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey)
                .header("X-Case-Id", SandboxFixtures.CASE_ID)
                .header("X-Officer-Id", SandboxFixtures.OFFICER)
                .header("X-Agency-Code", SandboxFixtures.AGENCY)
                .contentType("application/json; charset=UTF-8")
                .body(json);
        return request.post(path);
    }
}
