package vn.gov.dancu.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * The caller's claims must have their documented shape before they are used (spec §1): a signed
 * token can still carry an agency that is an object, CRLF or 8 KB of text, and such a value would
 * go to the NPD as a header (which the NPD refuses, opening the circuit breaker for everyone) and
 * into the audit trail. Each odd shape is refused before any lookup and never stored.
 */
@QuarkusTest
class TokenClaimsTest extends GatewayTest {

    private static final String BIRTH = Prefills.path("birth-registration");
    private static final List<String> CIVIL_STATUS = List.of(Roles.CIVIL_STATUS_OFFICER);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    static Stream<Arguments> oddAgencies() {
        return Stream.of(
                Arguments.of("an object", Map.of("code", Officers.AGENCY)),
                Arguments.of("a list of two", List.of(Officers.AGENCY, "UBND-P-KHAC")),
                Arguments.of("an empty list", List.of()),
                Arguments.of("a number", 25195),
                Arguments.of("CRLF text", Officers.AGENCY + "\r\nX-Evil: 1"),
                Arguments.of("8 KB of text", "A".repeat(8 * 1024)),
                Arguments.of("a zero-width space", Officers.AGENCY + "\u200b"),
                Arguments.of("blank", " "),
                Arguments.of("a list of an object", List.of(Map.of("code", Officers.AGENCY))));
    }

    @ParameterizedTest(name = "agency_code as {0}")
    @MethodSource("oddAgencies")
    void refusesAnAgencyOfAnyOtherShapeWith403AgencyRequiredAndStoresNoneOfIt(String what, Object agency) {
        String requestId = "claims-" + UUID.randomUUID();

        Response response = prefill(Officers.withClaims("odd.agency", Map.of("groups", CIVIL_STATUS,
                Callers.AGENCY_CLAIM, agency)), requestId);

        Problems.assertProblem(response, 403, "AGENCY_REQUIRED");
        npd.verify(0, NpdMock.anyLookupRequest());
        AuditTables.Row row = AuditTables.awaitOnlyRecord(dataSource, writer, requestId);
        assertNull(row.agency(), () -> "never stored mangled: " + what);
        assertEquals("odd.agency", row.officer());
    }

    @Test
    void acceptsAOneElementListAsKeycloakMultivaluedMappersSendIt() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));

        Response response = prefill(Officers.withClaims("kc.multi", Map.of("groups", CIVIL_STATUS,
                Callers.AGENCY_CLAIM, List.of("25195"))), "claims-" + UUID.randomUUID());

        assertEquals(200, response.statusCode(), response::asString);
        npd.verify(1, NpdMock.lookupRequest(Citizens.MOTHER).withHeader("X-Agency-Code", equalTo("25195")));
    }

    static Stream<Arguments> oddOfficers() {
        return Stream.of(
                Arguments.of("preferred_username with a space", Map.of("preferred_username", "cs officer")),
                Arguments.of("preferred_username with CRLF", Map.of("preferred_username", "cs\r\nX-Evil: 1")),
                Arguments.of("preferred_username of 200 characters", Map.of("preferred_username", "a".repeat(200))),
                Arguments.of("azp with CRLF", Map.of("azp", "counter-app\r\nX-Evil: 1")),
                Arguments.of("azp as an object", Map.of("azp", Map.of("id", "counter-app"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddOfficers")
    void refusesAnOfficerOrClientIdOfAnyOtherShapeWith403(String what, Map<String, Object> claims) {
        Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put("groups", CIVIL_STATUS);
        all.put(Callers.AGENCY_CLAIM, Officers.AGENCY);

        Response response = prefill(Officers.withClaims("cs.officer", all), "claims-" + UUID.randomUUID());

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    static Stream<Arguments> oddRoles() {
        return Stream.of(
                Arguments.of("realm_access as a string", Map.of("realm_access", Roles.CIVIL_STATUS_OFFICER)),
                Arguments.of("realm_access.roles as numbers", Map.of("realm_access", Map.of("roles", List.of(1, 2)))),
                Arguments.of("realm_access as a list", Map.of("realm_access", List.of(Roles.CIVIL_STATUS_OFFICER))),
                // (groups or preferred_username of another type: smallrye-jwt-build refuses to mint them)
                Arguments.of("realm_access.roles as a string",
                        Map.of("realm_access", Map.of("roles", Roles.CIVIL_STATUS_OFFICER))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddRoles")
    void grantsNoRoleFromClaimsOfAnOddShape(String what, Map<String, Object> roles) {
        Map<String, Object> all = new java.util.HashMap<>(roles);
        all.put(Callers.AGENCY_CLAIM, Officers.AGENCY);

        Response response = prefill(Officers.withClaims("odd.roles", all), "claims-" + UUID.randomUUID());

        Problems.assertProblem(response, 403, "FORBIDDEN");
        npd.verify(0, NpdMock.anyLookupRequest());
    }

    private static Response prefill(String token, String requestId) {
        return as(token).filter(OpenApiValidation.responseFilter()).header("X-Request-Id", requestId)
                .contentType("application/json").body(Prefills.body("mother", Citizens.MOTHER)).post(BIRTH);
    }
}
