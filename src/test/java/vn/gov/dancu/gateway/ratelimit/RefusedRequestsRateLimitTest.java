package vn.gov.dancu.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.OpenApiValidation;
import vn.gov.dancu.gateway.testing.Prefills;
import vn.gov.dancu.gateway.testing.Problems;

/**
 * A refused request costs an authenticated caller a slot of their budget like a granted one
 * (issue 7 §3): otherwise one officer's script could send refused requests, each an audit record,
 * without limit. Each case leaves its officer one slot, spends it with one refused request of its
 * kind, and proves the next, valid prefill is refused 429 without reaching the NPD.
 */
@QuarkusTest
class RefusedRequestsRateLimitTest extends GatewayTest {

    private static final String BIRTH = Prefills.path("birth-registration");

    @Inject
    CallerRateLimits limits;

    @Inject
    RateLimitConfig config;

    static Stream<Arguments> refusals() {
        return Stream.<Arguments>of(
                Arguments.of("400 invalid number", 400, (Function<RequestSpecification, Response>) r -> r
                        .contentType("application/json").body(Prefills.body("mother", "123")).post(BIRTH)),
                Arguments.of("400 malformed JSON", 400, (Function<RequestSpecification, Response>) r -> r
                        .contentType("application/json").body("{\"caseId\":").post(BIRTH)),
                Arguments.of("404 unknown procedure", 404, (Function<RequestSpecification, Response>) r -> r
                        .contentType("application/json").body(Prefills.body("mother", Citizens.MOTHER))
                        .post(Prefills.path("adoption"))),
                Arguments.of("403 another role's procedure", 403, (Function<RequestSpecification, Response>) r -> r
                        .contentType("application/json").body(Prefills.body("applicant", Citizens.MOTHER))
                        .post(Prefills.path("judicial-record"))),
                Arguments.of("415 text body", 415, (Function<RequestSpecification, Response>) r -> r
                        .contentType("text/plain").body("mother=" + Citizens.MOTHER).post(BIRTH)),
                Arguments.of("413 oversized body", 413, (Function<RequestSpecification, Response>) r -> r
                        .contentType("application/json").body("{\"padding\":\"" + "x".repeat(64 * 1024) + "\"}")
                        .post(BIRTH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void countsARefusedRequestAgainstTheOfficersBudget(String what, int status,
            Function<RequestSpecification, Response> refused) {
        String officer = "rl.refused." + System.nanoTime();
        String token = Officers.token(officer, Officers.AGENCY, Roles.CIVIL_STATUS_OFFICER);
        Caller caller = new Caller(officer, Officers.AGENCY, "counter-app");
        for (int i = 0; i < config.officer().requests() - 1; i++) {
            limits.check(caller).await().atMost(Duration.ofSeconds(5));
        }

        Response first = refused.apply(RestAssured.given().auth().oauth2(token)
                .filter(OpenApiValidation.responseFilter()));
        assertEquals(status, first.statusCode(), () -> what + ": " + first.asString());

        Response next = RestAssured.given().auth().oauth2(token).filter(OpenApiValidation.filter())
                .contentType("application/json").body(Prefills.body("mother", Citizens.MOTHER)).post(BIRTH);
        Problems.assertProblem(next, 429, "RATE_LIMITED");
        npd.verify(0, NpdMock.anyLookupRequest());
    }
}
