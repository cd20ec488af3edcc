package vn.gov.dancu.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.LogCapture;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * Who may do what (spec §1): the whole negative matrix for a prefill and the catalogue, and the
 * proof that a refused caller never causes a single NPD lookup (the NPD logs every one).
 */
@QuarkusTest
class AuthorizationMatrixTest extends GatewayTest {

    private static final String BIRTH = Prefills.path("birth-registration");
    private static final String JUDICIAL = Prefills.path("judicial-record");
    private static final String CATALOGUE_PATH = "/api/v1/procedures";

    /** The operations of the matrix: one that reaches the NPD and one that does not. */
    enum Operation {
        PREFILL_BIRTH, CATALOGUE;

        Response call(RequestSpecification request) {
            // Refusals are wrong requests by design: only the gateway's answer is held to the contract.
            request.filter(OpenApiValidation.responseFilter());
            return switch (this) {
                case PREFILL_BIRTH -> request.contentType("application/json")
                        .body(Prefills.body("mother", Citizens.MOTHER)).post(BIRTH);
                case CATALOGUE -> request.get(CATALOGUE_PATH);
            };
        }
    }

    // ---------------------------------------------------------------- 401: no valid token

    @ParameterizedTest
    @EnumSource(Operation.class)
    void refusesACallWithoutATokenWithABearerChallenge(Operation operation) {
        Response response = operation.call(RestAssured.given());

        Problems.assertProblem(response, 401, "UNAUTHENTICATED");
        assertTrue(response.header("WWW-Authenticate") != null
                && response.header("WWW-Authenticate").startsWith("Bearer"),
                () -> "WWW-Authenticate: " + response.header("WWW-Authenticate"));
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    static Stream<Arguments> invalidTokens() {
        Stream<Arguments> tokens = Stream.of(
                Arguments.of("expired", (Supplier<String>) Officers::expired),
                Arguments.of("wrong issuer", (Supplier<String>) Officers::wrongIssuer),
                Arguments.of("wrong audience", (Supplier<String>) Officers::wrongAudience),
                Arguments.of("forged signature", (Supplier<String>) Officers::forged),
                Arguments.of("not a JWT", (Supplier<String>) () -> "not-a-token"));
        return tokens.flatMap(t -> Stream.of(Operation.values())
                .map(op -> Arguments.of(t.get()[0], t.get()[1], op)));
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("invalidTokens")
    void refusesAnInvalidTokenWith401(String what, Supplier<String> token, Operation operation) {
        Response response = operation.call(as(token.get()));

        Problems.assertProblem(response, 401, "UNAUTHENTICATED");
        assertTrue(response.header("WWW-Authenticate") != null
                && response.header("WWW-Authenticate").startsWith("Bearer"), what);
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    static Stream<Arguments> dotTokens() {
        return Stream.of(".", "..", "...", "....").flatMap(t -> Stream.of(Operation.values())
                .map(op -> Arguments.of(t, op)));
    }

    @ParameterizedTest(name = "\"{0}\" on {1}")
    @MethodSource("dotTokens")
    void refusesATokenOfOnlyDotsWith401LoggedInOneShortLine(String token, Operation operation) {
        String requestId = "dots-" + java.util.UUID.randomUUID();
        Response response;
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start(org.jboss.logmanager.Level.DEBUG, "io.quarkus.oidc",
                "io.quarkus.security", "io.quarkus.vertx.http.runtime.security")) {
            response = operation.call(as(token).header("X-Request-Id", requestId));
            lines = capture.lines().stream().filter(l -> l.text().contains(requestId)).toList();
        }

        Problems.assertProblem(response, 401, "UNAUTHENTICATED");
        assertEquals("Bearer realm=\"dancu-gateway\", error=\"invalid_token\"", response.header("WWW-Authenticate"));
        // Even with the security categories at DEBUG, nothing logs a stack trace for it ...
        lines.forEach(l -> assertFalse(l.text().contains("thrown:"), () -> "no stack trace: " + l));
        // ... and what an operator sees at the production level is one short line.
        List<LogCapture.Line> shown = lines.stream().filter(l -> !List.of("DEBUG", "TRACE").contains(l.level()))
                .toList();
        assertEquals(1, shown.size(), () -> "one line for the refusal: " + shown);
        assertEquals("INFO", shown.get(0).level(), shown::toString);
        assertTrue(shown.get(0).text().length() < 400, () -> "short: " + shown);
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    static Stream<Arguments> requestsWithoutABearerToken() {
        return Stream.of(
                Arguments.of("no Authorization header", (Supplier<RequestSpecification>) RestAssured::given),
                Arguments.of("Basic credentials", (Supplier<RequestSpecification>) () -> RestAssured.given()
                        .header("Authorization", "Basic Y3Mub2ZmaWNlcjpzYW5kYm94")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsWithoutABearerToken")
    void challengesWithoutAnErrorCodeWhenNoBearerTokenWasSent(String what, Supplier<RequestSpecification> request) {
        Response response = Operation.CATALOGUE.call(request.get());

        Problems.assertProblem(response, 401, "UNAUTHENTICATED");
        // RFC 6750 §3: a request that lacks authentication information gets no error code.
        assertEquals("Bearer realm=\"dancu-gateway\"", response.header("WWW-Authenticate"), what);
    }

    // ---------------------------------------------------------------- 403: valid token, not allowed

    @ParameterizedTest
    @EnumSource(Operation.class)
    void refusesATokenWithoutAgencyWith403AgencyRequired(Operation operation) {
        Response response = operation.call(as(Officers.withoutAgency()));

        Problems.assertProblem(response, 403, "AGENCY_REQUIRED");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @Test
    void refusesACivilStatusOfficerOnTheJudicialRecord() {
        Response response = asCivilStatusOfficer().filter(OpenApiValidation.responseFilter())
                .contentType("application/json")
                .body(Prefills.body("applicant", Citizens.FATHER)).post(JUDICIAL);

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @Test
    void refusesAJudicialRecordOfficerOnBirthRegistration() {
        Response response = Operation.PREFILL_BIRTH.call(as(Officers.judicialRecord()));

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @Test
    void refusesAnAuditorOnPrefill() {
        Response response = Operation.PREFILL_BIRTH.call(as(Officers.token("auditor1", Officers.AGENCY,
                Roles.AUDITOR)));

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @Test
    void refusesAnOfficerWithoutAnyRoleOnPrefill() {
        Response response = Operation.PREFILL_BIRTH.call(as(Officers.token("nobody", Officers.AGENCY)));

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @Test
    void refusesAnUnauthorisedOfficerBeforeLookingAtTheBody() {
        // A judicial-record officer learns nothing about birth-registration rules from a bad body.
        Response response = as(Officers.judicialRecord()).filter(OpenApiValidation.responseFilter())
                .contentType("application/json")
                .body("{\"parties\":{\"uncle\":\"1\"}}").post(BIRTH);

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    // ---------------------------------------------------------------- allowed

    @Test
    void letsAJudicialRecordOfficerPrefillTheJudicialRecord() {
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(okJson(Citizens.father().toString())));

        as(Officers.judicialRecord()).filter(OpenApiValidation.filter()).contentType("application/json")
                .body(Prefills.body("applicant", Citizens.FATHER)).post(JUDICIAL)
                .then().statusCode(200);

        npd.verify(1, NpdMock.lookupRequest(Citizens.FATHER)
                .withHeader("X-Officer-Id", equalTo(
                        Officers.JUDICIAL_OFFICER)));
    }

    @Test
    void takesRolesFromTheGroupsClaim() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));

        Response response = Operation.PREFILL_BIRTH.call(asCivilStatusOfficer()); // Officers mints `groups`

        assertEquals(200, response.statusCode(), response::asString);
    }

    @Test
    void takesRolesFromKeycloaksRealmAccessClaim() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        String keycloakToken = Officers.keycloak("kc.officer", Officers.AGENCY, Roles.CIVIL_STATUS_OFFICER);

        Response response = Operation.PREFILL_BIRTH.call(as(keycloakToken));

        assertEquals(200, response.statusCode(), response::asString);
        // The officer and agency the NPD logs come from the token, not from anything the body says.
        npd.verify(1, NpdMock.lookupRequest(Citizens.MOTHER)
                .withHeader("X-Officer-Id", equalTo("kc.officer"))
                .withHeader("X-Agency-Code", equalTo(
                        Officers.AGENCY)));
    }

    @Test
    void refusesAKeycloakTokenWithTheWrongRealmRole() {
        String keycloakToken = Officers.keycloak("kc.judicial", Officers.AGENCY, Roles.JUDICIAL_RECORD_OFFICER);

        Response response = Operation.PREFILL_BIRTH.call(as(keycloakToken));

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    @ParameterizedTest
    @MethodSource("officersWithAnAgency")
    void showsTheCatalogueToAnyOfficerWithAnAgency(String who, Supplier<String> token) {
        Response response = Operation.CATALOGUE.call(as(token.get()));

        assertEquals(200, response.statusCode(), () -> who + ": " + response.asString());
        assertEquals(6, response.jsonPath().getList("procedures").size());
    }

    static Stream<Arguments> officersWithAnAgency() {
        return Stream.of(
                Arguments.of("civil-status officer", (Supplier<String>) Officers::civilStatus),
                Arguments.of("judicial-record officer", (Supplier<String>) Officers::judicialRecord),
                Arguments.of("keycloak-shaped token", (Supplier<String>) () -> Officers.keycloak("kc", Officers.AGENCY,
                        Roles.CIVIL_STATUS_OFFICER)));
    }
}
