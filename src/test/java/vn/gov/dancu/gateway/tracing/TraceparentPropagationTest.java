package vn.gov.dancu.gateway.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * Spec §1 and §6: a W3C {@code traceparent} that comes in goes on to the NPD — exactly one header,
 * in the same trace, with the gateway's own span as parent — and a request without one still
 * reaches the NPD inside a trace the gateway started.
 */
@QuarkusTest
class TraceparentPropagationTest extends GatewayTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-01");
    private static final Pattern UNSAMPLED = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-00");

    @Test
    void sendsOneTraceparentOfTheCallersTraceToTheNpd() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(WireMock.okJson(Citizens.mother().toString())));

        asCivilStatusOfficer().header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .contentType("application/json").body(Prefills.body("mother", Citizens.MOTHER))
                .post(Prefills.path("birth-registration")).then().statusCode(200);

        List<String> sent = traceparents(Citizens.MOTHER);
        assertEquals(1, sent.size(), () -> "exactly one traceparent reached the NPD: " + sent);
        var parsed = TRACEPARENT.matcher(sent.get(0));
        assertTrue(parsed.matches(), sent.get(0));
        assertEquals(TRACE_ID, parsed.group(1), "the NPD call is in the caller's trace");
        assertNotEquals(CALLER_SPAN, parsed.group(2), "its parent is the gateway's span, not the caller's");
    }

    @Test
    void startsATraceForTheNpdCallWhenTheCallerSentNone() {
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(WireMock.okJson(Citizens.father().toString())));

        asCivilStatusOfficer().contentType("application/json").body(Prefills.body("father", Citizens.FATHER))
                .post(Prefills.path("birth-registration")).then().statusCode(200);

        List<String> sent = traceparents(Citizens.FATHER);
        assertEquals(1, sent.size(), () -> "exactly one traceparent reached the NPD: " + sent);
        // No collector in tests (tracing/TraceSampling): the gateway starts the trace but records
        // none of it, and its sampled flag (00) says so.
        assertTrue(UNSAMPLED.matcher(sent.get(0)).matches(), sent.get(0));
    }

    /** Every traceparent value of the one lookup the NPD received for {@code personalId}. */
    private List<String> traceparents(String personalId) {
        List<LoggedRequest> requests = npd.findAll(NpdMock.lookupRequest(personalId));
        assertEquals(1, requests.size());
        var header = requests.get(0).getHeaders().getHeader("traceparent");
        return header.isPresent() ? header.values() : List.of();
    }
}
