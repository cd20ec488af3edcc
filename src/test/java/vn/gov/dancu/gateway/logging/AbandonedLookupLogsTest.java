package vn.gov.dancu.gateway.logging;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import vn.gov.dancu.gateway.time.Deadline;
import java.util.List;
import java.util.Map;
import org.jboss.logmanager.Level;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.procedure.PartyRole;
import vn.gov.dancu.gateway.procedure.PrefillCommand;
import vn.gov.dancu.gateway.procedure.PrefillResult;
import vn.gov.dancu.gateway.procedure.PrefillService;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.LogCapture;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.PersonalDataScanner;

/**
 * Issue 7 §3: a lookup the prefill deadline abandons while its HTTP request is still in flight
 * must leave no personal id in any log line, the gateway's or a library's (Vert.x, the REST
 * client, Netty, fault tolerance), all at DEBUG. The deadline is handed to {@link PrefillService}
 * directly, so the cut falls at a known moment: 1 s ahead minus the 500 ms audit reserve leaves
 * the lookup 500 ms, well inside its 1.2 s attempt timeout, against an NPD that answers at 1.5 s.
 */
@QuarkusTest
class AbandonedLookupLogsTest extends GatewayTest {

    private static final String[] DEBUG_CATEGORIES = { "vn.gov.dancu", "io.quarkus", "io.quarkus.oidc",
            "io.quarkus.rest.client", "org.jboss.resteasy.reactive", "org.jboss.resteasy.reactive.client",
            "io.vertx", "io.netty", "io.smallrye", "io.smallrye.faulttolerance", "io.micrometer" };

    /** When the stalled NPD finally answers: after this nothing is left in flight to log about it. */
    private static final Duration NPD_STALL = Duration.ofMillis(1_500);

    @Inject
    PrefillService prefills;

    @Test
    void logsNoPersonalIdWhenTheDeadlineAbandonsALookupInFlight() {
        String stalled = Citizens.personalId("MALE", 1971, "400001");
        npd.stubFor(NpdMock.lookup(stalled).willReturn(okJson(Citizens.person(stalled, "Lê Văn Hùng", "1971-01-01",
                "MALE").toString()).withFixedDelay((int) NPD_STALL.toMillis())));
        PrefillCommand command = new PrefillCommand(Procedure.JUDICIAL_RECORD, "HS-2026-9001",
                Map.of(PartyRole.APPLICANT, PersonalId.parse(stalled)));
        Caller caller = new Caller(Officers.JUDICIAL_OFFICER, Officers.AGENCY, "counter-app");
        PersonalDataScanner scanner = new PersonalDataScanner().personalId(stalled);
        // Warm up first (token, connection, code paths): the cut below must fall while the NPD holds
        // the request, not while a cold client is still getting ready to send it.
        String warm = Citizens.personalId("MALE", 1972, "400002");
        npd.stubFor(NpdMock.lookup(warm).willReturn(okJson(Citizens.person(warm, "Lê Văn Minh", "1972-01-01", "MALE")
                .toString())));
        prefills.prefill(new PrefillCommand(Procedure.JUDICIAL_RECORD, "HS-2026-9000",
                Map.of(PartyRole.APPLICANT, PersonalId.parse(warm))), caller, "req-warm",
                Deadline.after(Duration.ofSeconds(5), System::nanoTime)).await().atMost(Duration.ofSeconds(10));

        try (LogCapture capture = LogCapture.start(Level.DEBUG, DEBUG_CATEGORIES)) {
            PrefillResult result = prefills.prefill(command, caller, "req-abandoned",
                    Deadline.after(Duration.ofSeconds(1), System::nanoTime)).await().atMost(Duration.ofSeconds(5));

            assertTrue(result.unavailable(), "the only party could not be fetched before the deadline");
            // The request did leave: the cut fell while the NPD held it (one call, no retry yet).
            npd.verify(1, NpdMock.lookupRequest(stalled));
            // Whatever the abandoned exchange makes a library log — at the cut, or when the late
            // answer arrives on a connection nobody reads any more — happens within the stall. The
            // check holds for that whole window (plus 1 s of slack), and fails on the first leak.
            await().during(NPD_STALL.plusSeconds(1)).atMost(NPD_STALL.plusSeconds(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> leaks(scanner, capture.lines()).isEmpty());
            assertTrue(capture.lines().stream().anyMatch(l -> l.logger().startsWith("vn.gov.dancu")),
                    "the gateway's own DEBUG lines were captured, so the scan saw something");
        }
    }

    private static List<String> leaks(PersonalDataScanner scanner, List<LogCapture.Line> lines) {
        return lines.stream().flatMap(l -> scanner.find(l.text()).stream()
                .map(f -> l.logger() + " " + l.level() + ": " + f.what() + " " + f.excerpt())).toList();
    }
}
