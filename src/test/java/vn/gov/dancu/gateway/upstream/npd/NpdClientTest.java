package vn.gov.dancu.gateway.upstream.npd;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.citizen.PartialDate;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.procedure.PartySpec;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;

/**
 * {@link NpdClient} against the WireMock NPD, called directly. Call counts are the point of many
 * tests here; remember that {@code @Retry(maxRetries = 1)} makes one {@code lookup} up to two
 * HTTP attempts for the failures it retries (Unavailable, timeout) and exactly one for the rest.
 */
@QuarkusTest
class NpdClientTest extends GatewayTest {

    private static final NpdPurpose PURPOSE = new NpdPurpose("BIRTH_REGISTRATION", "HS-2026-000123",
            Officers.CIVIL_STATUS_OFFICER, Officers.AGENCY, "req-7f0c2a");
    private static final List<NpdField> NAME_AND_BIRTH = List.of(NpdField.FULL_NAME, NpdField.DATE_OF_BIRTH);
    private static final String TOKEN_PATH = "/oauth2/token";

    @Inject
    NpdClient client;

    @Inject
    NpdTokens tokens;

    @Inject
    NpdHealth health;

    /** Every test starts without a cached token, so token requests can be counted. */
    @BeforeEach
    void startWithoutToken() {
        tokens.forget();
    }

    /** Tokens issued by this class's scenarios must not reach the next test class. */
    @AfterEach
    void leaveNoTokenBehind() {
        tokens.forget();
    }

    // --- data minimisation ---------------------------------------------------------------------

    @Test
    void asksForExactlyTheFieldsOfEachRoleOfEachProcedure() {
        npd.stubFor(get(urlPathMatching("/api/v1/citizens/.*")).willReturn(okJson(Citizens.mother().toString())));
        int lookups = 0;
        for (Procedure procedure : Procedure.values()) {
            for (PartySpec spec : procedure.definition().parties()) {
                npd.resetRequests();
                NpdPurpose purpose = new NpdPurpose(procedure.code(), "HS-1", "officer", "agency", "req-1");
                lookup(purpose, Citizens.MOTHER, spec.fields());

                String label = procedure.code() + "/" + spec.role().key();
                List<LoggedRequest> sent = npd.findAll(getRequestedFor(citizenPath(Citizens.MOTHER)));
                assertEquals(1, sent.size(), label);
                String expected = spec.fields().stream().map(NpdField::jsonName).collect(Collectors.joining(","));
                assertEquals(List.of(expected), sent.get(0).queryParameter("fields").values(), label);
                assertEquals(procedure.code(), sent.get(0).getHeader("X-Purpose"), label);
                List<String> names = Arrays.asList(sent.get(0).queryParameter("fields").firstValue().split(","));
                assertFalse(names.contains("religion") || names.contains("bloodType"), label);
                lookups++;
            }
        }
        assertEquals(13, lookups); // 3 + 2 + 2 + 1 + 3 + 2 roles over the six procedures
    }

    @Test
    void cannotEvenExpressAReligionOrBloodTypeRequest() {
        for (NpdField field : NpdField.values()) {
            assertFalse(field.jsonName().equalsIgnoreCase("religion") || field.jsonName().equalsIgnoreCase("bloodType"),
                    field::name);
            assertFalse(field.name().contains("RELIGION") || field.name().contains("BLOOD"), field::name);
        }
        for (Procedure procedure : Procedure.values()) {
            for (PartySpec spec : procedure.definition().parties()) {
                assertTrue(spec.fields().stream().map(NpdField::jsonName)
                        .noneMatch(n -> n.equals("religion") || n.equals("bloodType")), procedure + "/" + spec.role());
            }
        }
    }

    @Test
    void dropsFieldsTheNpdReturnedWithoutBeingAsked() {
        // Citizens records carry every field, religion and blood type included.
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        NpdCitizen citizen = found(lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));
        assertEquals(Citizens.MOTHER, citizen.personalId());
        List<String> kept = new java.util.ArrayList<>();
        citizen.fields().fieldNames().forEachRemaining(kept::add);
        assertEquals(List.of("fullName", "dateOfBirth", "updatedAt"), kept);
    }

    // --- purpose binding -----------------------------------------------------------------------

    @Test
    void sendsThePurposeBindingHeadersAsGiven() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH);
        npd.verify(1, getRequestedFor(citizenPath(Citizens.MOTHER))
                .withHeader("Authorization", equalTo("Bearer " + NpdMock.TOKEN))
                .withHeader("X-Purpose", equalTo("BIRTH_REGISTRATION"))
                .withHeader("X-Case-Id", equalTo("HS-2026-000123"))
                .withHeader("X-Officer-Id", equalTo(Officers.CIVIL_STATUS_OFFICER))
                .withHeader("X-Agency-Code", equalTo(Officers.AGENCY))
                .withHeader("X-Request-Id", equalTo("req-7f0c2a")));
    }

    /**
     * The trace context is OpenTelemetry's (the REST client instrumentation sets it from the
     * current span), not copied by hand: one header, never the caller's next to the gateway's.
     */
    @Test
    void sendsExactlyOneTraceparentOfItsOwnSpan() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH);
        List<LoggedRequest> sent = npd.findAll(getRequestedFor(citizenPath(Citizens.MOTHER)));
        assertEquals(1, sent.size());
        List<String> traceparents = sent.get(0).getHeaders().getHeader("traceparent").values();
        assertEquals(1, traceparents.size(), () -> "one traceparent: " + traceparents);
        assertTrue(traceparents.get(0).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"), traceparents.get(0));
    }

    // --- token ---------------------------------------------------------------------------------

    @Test
    void reusesOneTokenForSeveralLookups() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(okJson(Citizens.father().toString())));
        lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH);
        lookup(PURPOSE, Citizens.FATHER, NAME_AND_BIRTH);
        // One client-credentials grant for both lookups: the token lives 300 s.
        npd.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_id", equalTo("dancu-gateway-test"))
                .withFormParam("client_secret", equalTo("test-secret")));
        npd.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(1, getRequestedFor(citizenPath(Citizens.MOTHER)));
        npd.verify(1, getRequestedFor(citizenPath(Citizens.FATHER)));
    }

    @Test
    void refreshesTokenOnceOnTokenExpired() {
        issueTokensInTurn("token-A", "token-B");
        npd.stubFor(lookupWith(Citizens.MOTHER, "token-A").willReturn(NpdMock.errorResponse(401, "TOKEN_EXPIRED")));
        npd.stubFor(lookupWith(Citizens.MOTHER, "token-B").willReturn(okJson(Citizens.mother().toString())));

        assertEquals(Citizens.MOTHER, found(lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH)).personalId());

        // token A (first use) -> 401 -> token B -> 200: two grants, two lookups, no @Retry involved.
        npd.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(2, getRequestedFor(citizenPath(Citizens.MOTHER)));
        npd.verify(1, getRequestedFor(citizenPath(Citizens.MOTHER)).withHeader("Authorization", equalTo("Bearer token-A")));
        npd.verify(1, getRequestedFor(citizenPath(Citizens.MOTHER)).withHeader("Authorization", equalTo("Bearer token-B")));
    }

    @Test
    void givesUpWhenTheFreshTokenIsRejectedToo() {
        issueTokensInTurn("token-A", "token-B");
        npd.stubFor(get(citizenPath(Citizens.MOTHER)).willReturn(NpdMock.errorResponse(401, "TOKEN_INVALID")));

        NpdException e = assertThrows(NpdException.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));

        assertInstanceOf(NpdException.Unavailable.class, e);
        // A -> 401 -> B -> 401 ends the attempt; rejected credentials are not worth the @Retry,
        // so 2 grants and 2 lookups in all (a retry would have made it 3 and 4).
        npd.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(2, getRequestedFor(citizenPath(Citizens.MOTHER)));
    }

    @Test
    void failsUnavailableWithoutCallingTheNpdWhenTheTokenResponseHasNoToken() {
        npd.stubFor(NpdMock.offContract(post(urlPathEqualTo(TOKEN_PATH)))
                .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":300}")));

        assertThrows(NpdException.Unavailable.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));

        // Unavailable is retried once: two token requests, and never a lookup with "Bearer null".
        npd.verify(2, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(0, getRequestedFor(urlPathMatching("/api/v1/citizens/.*")));
    }

    @Test
    void concurrentLookupsWithoutATokenShareOneTokenRequest() {
        // The token endpoint answers after 300 ms, so all eight lookups find no token and wait for one.
        npd.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(token("token-shared").withFixedDelay(300)));
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(Citizens.mother().toString())));

        List<io.smallrye.mutiny.Uni<NpdLookup>> lookups = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> client.lookup(PURPOSE, PersonalId.parse(Citizens.MOTHER), NAME_AND_BIRTH)).toList();
        List<?> answers = io.smallrye.mutiny.Uni.join().all(lookups).andFailFast().await().atMost(Duration.ofSeconds(10));

        assertEquals(8, answers.size());
        // Eight lookups, one client-credentials grant: the fetch is shared, not repeated per caller.
        npd.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(8, getRequestedFor(citizenPath(Citizens.MOTHER))
                .withHeader("Authorization", equalTo("Bearer token-shared")));
    }

    @Test
    void failsUnavailableWithItsRetryAfterWhenTheTokenEndpointIsDown() {
        npd.stubFor(post(urlPathEqualTo(TOKEN_PATH))
                .willReturn(NpdMock.errorResponse(503, "MAINTENANCE").withHeader("Retry-After", "20")));

        var e = assertThrows(NpdException.Unavailable.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));

        assertEquals(503, e.status());
        assertEquals(Optional.of(Duration.ofSeconds(20)), e.retryAfter());
        // One token request: the NPD named a Retry-After, so no retry before it (as for a lookup's 503);
        // and no lookup without a token.
        npd.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(0, getRequestedFor(urlPathMatching("/api/v1/citizens/.*")));
        assertEquals("Unavailable", health.lastError().orElseThrow().kind()); // what readiness reports
    }

    @Test
    void failsWithoutRetryWhenTheTokenEndpointRejectsOurCredentials() {
        npd.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(NpdMock.errorResponse(401, "TOKEN_INVALID")));

        assertThrows(NpdException.CredentialsRejected.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));

        // 1 token request: wrong credentials stay wrong, so they are worth no retry (it would be 2).
        npd.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(0, getRequestedFor(urlPathMatching("/api/v1/citizens/.*")));
    }

    @Test
    void failsUnavailableWhenTheTokenEndpointCannotBeReached() {
        npd.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThrows(NpdException.Unavailable.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));

        // A network failure is transient: the first attempt and NpdClient's one retry each ask for a
        // token, and the OIDC client reconnects once on a reset connection (connection-retry-count=1,
        // the fewest it accepts): 2 attempts × 2 requests = 4, and still no lookup without a token.
        npd.verify(4, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        npd.verify(0, getRequestedFor(urlPathMatching("/api/v1/citizens/.*")));
    }

    // --- error mapping -------------------------------------------------------------------------

    @Test
    void answersNotFoundOn404() {
        npd.stubFor(NpdMock.lookup(Citizens.UNKNOWN).willReturn(NpdMock.errorResponse(404, "CITIZEN_NOT_FOUND")));
        assertInstanceOf(NpdLookup.NotFound.class, lookup(PURPOSE, Citizens.UNKNOWN, NAME_AND_BIRTH));
        npd.verify(1, getRequestedFor(citizenPath(Citizens.UNKNOWN))); // an answer, so never retried
    }

    @Test
    void answersCancelledWithTheReplacementOn410() {
        npd.stubFor(NpdMock.lookup(Citizens.CANCELLED).willReturn(aResponse().withStatus(410)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errorCode\":\"ID_CANCELLED\",\"message\":\"Số định danh đã bị hủy\",\"replacedBy\":\""
                        + Citizens.REPLACEMENT + "\"}")));
        assertEquals(new NpdLookup.Cancelled(Optional.of(Citizens.REPLACEMENT)),
                lookup(PURPOSE, Citizens.CANCELLED, NAME_AND_BIRTH));
        npd.verify(1, getRequestedFor(citizenPath(Citizens.CANCELLED)));
    }

    @Test
    void answersCancelledWithoutReplacementWhenTheNpdKnowsNone() {
        npd.stubFor(NpdMock.lookup(Citizens.CANCELLED).willReturn(NpdMock.errorResponse(410, "ID_CANCELLED")));
        assertEquals(new NpdLookup.Cancelled(Optional.empty()), lookup(PURPOSE, Citizens.CANCELLED, NAME_AND_BIRTH));
    }

    @Test
    void failsRateLimitedWithRetryAfterOn429() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER)
                .willReturn(NpdMock.errorResponse(429, "RATE_LIMITED").withHeader("Retry-After", "7")));
        var e = assertThrows(NpdException.RateLimited.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));
        assertEquals(Optional.of(Duration.ofSeconds(7)), e.retryAfter());
        npd.verify(1, getRequestedFor(citizenPath(Citizens.MOTHER))); // our quota is spent: trying again now cannot help
    }

    @Test
    void failsUnavailableWithoutRetryWhenTheNpdAsksToWait() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER)
                .willReturn(NpdMock.errorResponse(503, "MAINTENANCE").withHeader("Retry-After", "30")));
        var e = assertThrows(NpdException.Unavailable.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));
        assertEquals(Optional.of(Duration.ofSeconds(30)), e.retryAfter());
        // The NPD named a Retry-After: no second call before it expires, although a plain 503
        // would be retried once (recoversWhenTheRetryAfterA503Succeeds).
        npd.verify(1, getRequestedFor(citizenPath(Citizens.MOTHER)));
        npd.verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
    }

    @Test
    void recoversWhenTheRetryAfterA503Succeeds() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).inScenario("blip").whenScenarioStateIs(STARTED)
                .willReturn(NpdMock.errorResponse(503, "UNAVAILABLE")).willSetStateTo("back"));
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).inScenario("blip").whenScenarioStateIs("back")
                .willReturn(okJson(Citizens.mother().toString())));
        assertEquals(Citizens.MOTHER, found(lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH)).personalId());
        npd.verify(2, getRequestedFor(citizenPath(Citizens.MOTHER))); // the 503 and the successful retry
    }

    @Test
    void failsRejectedWithoutRetryOn400() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(NpdMock.errorResponse(400, "UNKNOWN_FIELD")));
        assertThrows(NpdException.Rejected.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));
        npd.verify(1, getRequestedFor(citizenPath(Citizens.MOTHER))); // our bug, not the NPD's: never retried
    }

    @Test
    void failsUnavailableOnAMalformedBody() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"personalId\": \"0701")));
        assertThrows(NpdException.Unavailable.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));
        npd.verify(2, getRequestedFor(citizenPath(Citizens.MOTHER))); // unreadable counts as transient: 1 + 1 retry
    }

    @Test
    void failsUnavailableOnAConnectionReset() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThrows(NpdException.Unavailable.class, () -> lookup(PURPOSE, Citizens.MOTHER, NAME_AND_BIRTH));
        npd.verify(2, getRequestedFor(citizenPath(Citizens.MOTHER))); // 1 + 1 retry
    }

    // --- normalisation -------------------------------------------------------------------------

    @Test
    void normalisesDecomposedTextAndSurplusSpaces() {
        ObjectNode record = Citizens.mother();
        record.put("fullName", "  Nguye\u0302\u0303n   Thi\u0323\u00A0 Lan "); // NFD, NBSP, runs of spaces
        ((ObjectNode) record.get("permanentResidence")).put("wardName", "Phu\u031Bo\u031B\u0300ng  Ta\u0302n Phu\u0301 ");
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(okJson(record.toString())));

        NpdCitizen citizen = found(lookup(PURPOSE, Citizens.MOTHER,
                List.of(NpdField.FULL_NAME, NpdField.PERMANENT_RESIDENCE)));

        assertArrayEquals("Nguy\u1EC5n Th\u1ECB Lan".codePoints().toArray(),
                citizen.text(NpdField.FULL_NAME).orElseThrow().codePoints().toArray());
        assertArrayEquals("Ph\u01B0\u1EDDng T\u00E2n Ph\u00FA".codePoints().toArray(),
                citizen.value(NpdField.PERMANENT_RESIDENCE).get("wardName").asText().codePoints().toArray());
    }

    @Test
    void keepsThePrecisionOfPartialDates() {
        ObjectNode yearOnly = Citizens.grandmother();
        yearOnly.put("dateOfBirth", "1952");
        ObjectNode yearMonth = Citizens.father();
        yearMonth.put("dateOfBirth", "1968-03");
        npd.stubFor(NpdMock.lookup(Citizens.GRANDMOTHER).willReturn(okJson(yearOnly.toString())));
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(okJson(yearMonth.toString())));

        PartialDate y = found(lookup(PURPOSE, Citizens.GRANDMOTHER, NAME_AND_BIRTH)).dateOfBirth().orElseThrow();
        PartialDate ym = found(lookup(PURPOSE, Citizens.FATHER, NAME_AND_BIRTH)).dateOfBirth().orElseThrow();

        assertEquals(PartialDate.Precision.YEAR, y.precision());
        assertEquals("1952", y.toString());
        assertEquals(PartialDate.Precision.MONTH, ym.precision());
        assertEquals("1968-03", ym.toString());
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Blocking is fine here, on the test thread; the bound keeps a broken client from hanging the build. */
    private NpdLookup lookup(NpdPurpose purpose, String personalId, Collection<NpdField> fields) {
        return client.lookup(purpose, PersonalId.parse(personalId), fields).await().atMost(Duration.ofSeconds(10));
    }

    private static NpdCitizen found(NpdLookup answer) {
        return assertInstanceOf(NpdLookup.Found.class, answer).citizen();
    }

    private static com.github.tomakehurst.wiremock.matching.UrlPathPattern citizenPath(String personalId) {
        return urlPathEqualTo("/api/v1/citizens/" + personalId);
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder lookupWith(String personalId, String token) {
        return get(citizenPath(personalId)).withHeader("Authorization", equalTo("Bearer " + token));
    }

    /** The token endpoint hands out {@code first}, then {@code second} for every later request. */
    private void issueTokensInTurn(String first, String second) {
        npd.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs(STARTED)
                .willReturn(token(first)).willSetStateTo("first issued"));
        npd.stubFor(post(urlPathEqualTo(TOKEN_PATH)).inScenario("tokens").whenScenarioStateIs("first issued")
                .willReturn(token(second)));
    }

    private static ResponseDefinitionBuilder token(String value) {
        return okJson("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    }
}
