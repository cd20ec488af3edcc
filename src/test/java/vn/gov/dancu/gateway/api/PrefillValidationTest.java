package vn.gov.dancu.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.BRIDE;
import static vn.gov.dancu.gateway.testing.Citizens.FATHER;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Year;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Every malformed prefill request is refused before the NPD is asked anything, as a 4xx
 * problem with a stable code (spec §1, §4) — never a 500, a stack trace or a bare HTML page.
 */
@QuarkusTest
class PrefillValidationTest extends GatewayTest {

    private static final String BIRTH = Prefills.path("birth-registration");
    private static final String MARRIAGE = Prefills.path("marriage-registration");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** Whatever was wrong with the request, the NPD (and its access log) never heard of it. */
    @AfterEach
    void neverAsksTheNpd() {
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    // ---------------------------------------------------------------- personal identification numbers

    static Stream<Arguments> badNumbers() {
        int nextYear = Year.now(ZoneId.of("Asia/Ho_Chi_Minh")).getValue() + 1;
        // Century digit 3 = female born 2000–2099; the year digits point past this year.
        String futureBirth = String.format("0703%02d000001", nextYear % 100);
        return Stream.of(
                Arguments.of("", "BLANK"),
                Arguments.of("   ", "BLANK"),
                Arguments.of("07019000452A", "NOT_DIGITS"),
                Arguments.of("070-190-004-521", "NOT_DIGITS"),
                Arguments.of("123456789", "OLD_ID_CARD"),
                Arguments.of("07019000452", "WRONG_LENGTH"),
                Arguments.of("0701900045210", "WRONG_LENGTH"),
                Arguments.of("003190004521", "UNKNOWN_PROVINCE"),
                Arguments.of("070490004521", "INVALID_CENTURY_DIGIT"),
                Arguments.of(futureBirth, "FUTURE_BIRTH_YEAR"));
    }

    @ParameterizedTest(name = "{1}: \"{0}\"")
    @MethodSource("badNumbers")
    void refusesStructurallyInvalidNumbersNamingTheParty(String number, String problem) {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.body("mother", MOTHER, "father", number)),
                400, "VALIDATION_FAILED");

        assertEquals(List.of("parties.father"), fields(body), "only the bad number is named");
        assertTrue(Problems.violationMessage(body, "parties.father").length() > 10, problem);
    }

    @Test
    void givesEachKindOfBadNumberItsOwnMessage() {
        List<String> messages = badNumbers().map(a -> (String) a.get()[0]).distinct()
                .map(n -> Problems.violationMessage(
                        post(BIRTH, Prefills.body("mother", n)).jsonPath(), "parties.mother"))
                .distinct().toList();
        // Ten cases, seven kinds: BLANK, NOT_DIGITS and WRONG_LENGTH appear twice each.
        assertEquals(7, messages.size(), messages::toString);
    }

    @Test
    void refusesANullNumber() {
        Response response = post(BIRTH, "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":null}}");

        JsonPath body = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(List.of("parties.mother"), fields(body));
    }

    @Test
    void tellsTheOfficerToUseTheTwelveDigitNumberInsteadOfAnOldCardInVietnamese() {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.body("mother", "123456789")), 400,
                "VALIDATION_FAILED");

        String message = Problems.violationMessage(body, "parties.mother");
        assertTrue(message.contains("12 số") && message.contains("CMND"), message);
    }

    @Test
    void tellsTheOfficerToUseTheTwelveDigitNumberInsteadOfAnOldCardInEnglish() {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).header("Accept-Language", "en").contentType("application/json")
                .body(Prefills.body("mother", "123456789")).post(BIRTH);

        JsonPath body = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        String message = Problems.violationMessage(body, "parties.mother");
        assertTrue(message.contains("12-digit") && message.contains("9-digit"), message);
        assertEquals("Invalid request", body.getString("title"));
    }

    // ---------------------------------------------------------------- parties and roles

    @Test
    void refusesARoleTheProcedureDoesNotKnow() {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.body("mother", MOTHER, "uncle", FATHER)),
                400, "VALIDATION_FAILED");

        assertEquals(List.of("parties.uncle"), fields(body));
        String message = Problems.violationMessage(body, "parties.uncle");
        assertTrue(message.contains("mother") && message.contains("declarant"), "lists the valid roles: " + message);
    }

    @Test
    void refusesARoleOfAnotherProcedure() {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.body("mother", MOTHER, "groom", FATHER)),
                400, "VALIDATION_FAILED");

        assertEquals(List.of("parties.groom"), fields(body));
    }

    @Test
    void refusesAMarriageWithoutTheGroom() {
        JsonPath body = Problems.assertProblem(post(MARRIAGE, Prefills.body("bride", BRIDE)), 400,
                "VALIDATION_FAILED");

        assertEquals(List.of("parties.groom"), fields(body));
    }

    @Test
    void refusesABirthWithoutEitherParent() {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.body("declarant", MOTHER)), 400,
                "VALIDATION_FAILED");

        assertEquals(List.of("parties"), fields(body));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"caseId\":\"HS-1\"}", "{\"caseId\":\"HS-1\",\"parties\":{}}",
            "{\"caseId\":\"HS-1\",\"parties\":null}" })
    void refusesARequestWithoutParties(String json) {
        JsonPath body = Problems.assertProblem(post(BIRTH, json), 400, "VALIDATION_FAILED");

        assertEquals(List.of("parties"), fields(body));
    }

    @Test
    void refusesABrideWhoIsAlsoTheGroom() {
        JsonPath body = Problems.assertProblem(post(MARRIAGE, Prefills.body("bride", BRIDE, "groom", BRIDE)), 400,
                "VALIDATION_FAILED");

        assertEquals(List.of("parties.groom"), fields(body));
    }

    @Test
    void refusesAMotherWhoIsAlsoTheFather() {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.body("mother", MOTHER, "father", MOTHER)), 400,
                "VALIDATION_FAILED");

        assertEquals(List.of("parties.father"), fields(body));
    }

    @Test
    void listsEveryViolationAtOnce() {
        String json = Prefills.bodyWithCaseId("HS 1", "bride", "123", "uncle", BRIDE);

        JsonPath body = Problems.assertProblem(post(MARRIAGE, json), 400, "VALIDATION_FAILED");

        assertEquals(List.of("caseId", "parties.bride", "parties.groom", "parties.uncle"), fields(body));
    }

    // ---------------------------------------------------------------- case id and identity

    @ParameterizedTest
    @ValueSource(strings = { "", "HS 2026 1", "HS-2026-Đ1", "HS-2026;DROP", "HS\n1",
            "X12345678901234567890123456789012345678901234567890123456789012345" })
    void refusesAMalformedCaseId(String caseId) {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.bodyWithCaseId(caseId, "mother", MOTHER)), 400,
                "VALIDATION_FAILED");

        assertEquals(List.of("caseId"), fields(body));
    }

    @Test
    void refusesAMissingCaseId() {
        JsonPath body = Problems.assertProblem(post(BIRTH, Prefills.bodyWithCaseId(null, "mother", MOTHER)), 400,
                "VALIDATION_FAILED");

        assertEquals(List.of("caseId"), fields(body));
    }

    @Test
    void refusesAnUnknownIdentityMethod() {
        String json = "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"" + MOTHER + "\"},"
                + "\"identity\":{\"method\":\"SELFIE\"}}";

        JsonPath body = Problems.assertProblem(post(BIRTH, json), 400, "VALIDATION_FAILED");

        assertEquals(List.of("identity.method"), fields(body));
    }

    // ---------------------------------------------------------------- declared child (issue 10 item 10)

    private static String childBody(String childJson) {
        return "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"" + MOTHER + "\"},\"child\":" + childJson + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"dateOfBirth\":\"2026-02-30\"}", "{\"dateOfBirth\":\"20/11/2026\"}",
            "{\"dateOfBirth\":20261120}", "{\"dateOfBirth\":\"2026-1-20\"}" })
    void refusesABadChildDateOfBirth(String child) {
        JsonPath body = Problems.assertProblem(post(BIRTH, childBody(child)), 400, "VALIDATION_FAILED");

        assertEquals(List.of("child.dateOfBirth"), fields(body));
    }

    @Test
    void refusesAChildBornAfterTodayInVietnam() {
        String tomorrow = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();

        JsonPath body = Problems.assertProblem(post(BIRTH, childBody("{\"dateOfBirth\":\"" + tomorrow + "\"}")),
                400, "VALIDATION_FAILED");

        assertEquals(List.of("child.dateOfBirth"), fields(body));
    }

    @Test
    void refusesAnUnknownChildMember() {
        JsonPath body = Problems.assertProblem(post(BIRTH, childBody("{\"weight\":3200}")), 400,
                "VALIDATION_FAILED");

        assertEquals(List.of("child.weight"), fields(body));
    }

    @Test
    void refusesAChildOnAProcedureOtherThanBirth() {
        String json = "{\"caseId\":\"HS-1\",\"parties\":{\"bride\":\"" + BRIDE + "\",\"groom\":\"" + FATHER
                + "\"},\"child\":{\"dateOfBirth\":\"2026-11-20\"}}";

        JsonPath body = Problems.assertProblem(post(MARRIAGE, json), 400, "VALIDATION_FAILED");

        assertEquals(List.of("child"), fields(body));
    }

    // ---------------------------------------------------------------- the body as JSON

    @ParameterizedTest
    @ValueSource(strings = { "{\"caseId\":", "{caseId: 'HS-1'}", "not json", "{\"caseId\":\"HS-1\"}}",
            "{\"caseId\":\"HS-1\",,}" })
    void refusesMalformedJson(String json) {
        JsonPath body = Problems.assertProblem(post(BIRTH, json), 400, "MALFORMED_JSON");

        assertEquals(List.of("body"), fields(body));
    }

    @Test
    void pointsAtWhereTheJsonBreaks() {
        JsonPath body = Problems.assertProblem(post(BIRTH, "{\n  \"caseId\": \"HS-1\",\n  oops\n}"), 400,
                "MALFORMED_JSON");

        assertTrue(Problems.violationMessage(body, "body").contains("3"), "names line 3: " + body.prettify());
    }

    @Test
    void refusesARoleGivenTwiceAsMalformedJson() {
        // A lenient parser would silently keep the last mother; the officer must choose.
        String json = "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"" + MOTHER + "\",\"mother\":\""
                + FATHER + "\"}}";

        Problems.assertProblem(post(BIRTH, json), 400, "MALFORMED_JSON");
    }

    @Test
    void refusesPartiesGivenAsAnArray() {
        Response response = post(BIRTH, "{\"caseId\":\"HS-1\",\"parties\":[\"" + MOTHER + "\"]}");

        JsonPath body = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(List.of("parties"), fields(body));
    }

    @Test
    void refusesAPartyNumberGivenAsAnObject() {
        Response response = post(BIRTH, "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":{\"id\":\"" + MOTHER + "\"}}}");

        JsonPath body = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(List.of("parties.mother"), fields(body));
    }

    @ParameterizedTest
    @ValueSource(strings = { "[]", "\"HS-1\"", "42", "null" })
    void refusesABodyThatIsNotAnObject(String json) {
        Response response = post(BIRTH, json);

        JsonPath body = Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals(List.of("body"), fields(body));
    }

    @Test
    void refusesAnEmptyBody() {
        JsonPath body = Problems.assertProblem(post(BIRTH, ""), 400, "VALIDATION_FAILED");

        assertEquals(List.of("body"), fields(body));
    }

    // ---------------------------------------------------------------- HTTP-level refusals

    @Test
    void refusesAnotherContentTypeWith415() {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).contentType("text/plain").body(Prefills.body("mother", MOTHER))
                .post(BIRTH);

        Problems.assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void refusesAFormPostWith415() {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).contentType("application/x-www-form-urlencoded")
                .body("caseId=HS-1&mother=" + MOTHER).post(BIRTH);

        Problems.assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void refusesAnHtmlOnlyCallerWith406() {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).contentType("application/json").accept("text/html")
                .body(Prefills.body("mother", MOTHER)).post(BIRTH);

        Problems.assertProblem(response, 406, "NOT_ACCEPTABLE");
    }

    @Test
    void refusesABodyOver64KiBWith413() {
        Response response = post(BIRTH, oversizedBody());

        Problems.assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void refusesAChunkedBodyOver64KiBWith413() throws Exception {
        // No Content-Length: the limit must hold while the body streams in, not only when declared,
        // and the refusal is the same problem as for a declared length (BodyLimit).
        HttpResponse<String> response = sendChunked(oversizedBody());

        assertEquals(413, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "problem+json, not an empty body: " + response.headers().map());
        assertEquals("PAYLOAD_TOO_LARGE", JsonPath.from(response.body()).getString("code"));
    }

    @Test
    void readsAChunkedBodyUnderTheLimit() throws Exception {
        // Just under 64 KiB and streamed: read in full and validated like any other body.
        String json = Prefills.bodyWithCaseId("HS 1", "mother", MOTHER).replace("}}",
                "},\"padding\":\"" + "x".repeat(60 * 1024) + "\"}");

        HttpResponse<String> response = sendChunked(json);

        assertEquals(400, response.statusCode(), response::body);
        assertTrue(response.body().contains("\"field\":\"caseId\""), response::body);
    }

    @Test
    void refusesAnEmptyChunkedBody() throws Exception {
        HttpResponse<String> response = sendChunked("");

        assertEquals(400, response.statusCode(), response::body);
        assertTrue(response.body().contains("\"field\":\"body\""), response::body);
    }

    @Test
    void answersAnUnknownProcedureWith404() {
        Response response = post(Prefills.path("adoption"), Prefills.body("mother", MOTHER));

        JsonPath body = Problems.assertProblem(response, 404, "UNKNOWN_PROCEDURE");
        assertTrue(body.getString("detail").contains("adoption"), body.getString("detail"));
        assertEquals(Prefills.path("adoption"), body.getString("instance"));
    }

    @Test
    void answersAGetOnThePrefillPathWith405() {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).get(BIRTH);

        Problems.assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertTrue(response.header("Allow") != null && response.header("Allow").contains("POST"),
                () -> "Allow: " + response.header("Allow"));
    }

    @Test
    void keepsTheCallersRequestIdOnRefusals() {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).header("X-Request-Id", "counter-9").contentType("application/json")
                .body(Prefills.body("mother", "123")).post(BIRTH);

        Problems.assertProblem(response, 400, "VALIDATION_FAILED");
        assertEquals("counter-9", response.jsonPath().getString("requestId"));
        assertEquals(BIRTH, response.jsonPath().getString("instance"));
    }

    // ---------------------------------------------------------------- helpers

    private static Response post(String path, String json) {
        return asCivilStatusOfficer().filter(OpenApiValidation.responseFilter()).contentType("application/json").body(json).post(path);
    }

    /** Posts {@code json} as a civil-status officer without a Content-Length (chunked). */
    private HttpResponse<String> sendChunked(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + BIRTH))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + Officers.civilStatus())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request,
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(JsonPath problem) {
        return problem.<Map<String, Object>>getList("violations").stream().map(v -> (String) v.get("field"))
                .sorted().toList();
    }

    /** Valid JSON just over the 64 KiB limit, so only its size is wrong. */
    private static String oversizedBody() {
        return "{\"caseId\":\"HS-1\",\"parties\":{\"mother\":\"" + MOTHER + "\"},\"padding\":\""
                + "x".repeat(64 * 1024) + "\"}";
    }
}
