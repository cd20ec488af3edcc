package vn.gov.dancu.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.JsonFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * Spec §6: with the production log format (JSON lines, the default outside dev and test), a line
 * logged while a request is served carries its {@code requestId} and {@code traceId} and no
 * personal data. The lines are formatted by the console handler's own formatter — the one that
 * writes production's stdout — so what is checked is what a log shipper would receive.
 */
@QuarkusTest
@TestProfile(JsonLogLinesTest.JsonLogs.class)
class JsonLogLinesTest extends GatewayTest {

    /** The production setting, which the %test profile turns off for readable test output. */
    public static class JsonLogs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.console.json.enabled", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void writesRequestAndTraceIdsIntoEveryJsonLineOfARequestAndNoPersonalData() throws Exception {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(NpdMock.errorResponse(503, "MAINTENANCE")));
        Formatter production = consoleFormatter();
        assertTrue(production instanceof JsonFormatter, () -> "console writes JSON: " + production);

        List<ExtLogRecord> records;
        try (Capture capture = new Capture()) {
            // A refusal (logged at INFO by the problem mapper) and an NPD outage (503, logged too).
            asCivilStatusOfficer().header("X-Request-Id", "json-log-400")
                    .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                    .contentType("application/json").body(Prefills.body("mother", "070190004"))
                    .post(Prefills.path("birth-registration")).then().statusCode(400);
            asCivilStatusOfficer().header("X-Request-Id", "json-log-503")
                    .contentType("application/json").body(Prefills.body("mother", Citizens.MOTHER))
                    .post(Prefills.path("birth-registration")).then().statusCode(503);
            records = capture.records.stream().toList();
        }

        List<JsonNode> lines = new java.util.ArrayList<>();
        for (ExtLogRecord record : records) {
            String requestId = record.getMdc("requestId");
            if (requestId != null && requestId.startsWith("json-log-")) {
                String line = production.format(record);
                assertEquals(1, line.strip().lines().count(), () -> "one line per record: " + line);
                assertFalse(line.contains(Citizens.MOTHER) || line.contains("070190004"),
                        () -> "no personal id in " + line);
                lines.add(JSON.readTree(line));
            }
        }
        assertTrue(lines.stream().anyMatch(l -> "json-log-400".equals(l.path("mdc").path("requestId").asText())),
                "the refusal's line was captured");
        assertTrue(lines.stream().anyMatch(l -> "json-log-503".equals(l.path("mdc").path("requestId").asText())),
                "the outage's line was captured");
        for (JsonNode line : lines) {
            JsonNode mdc = line.path("mdc");
            assertTrue(mdc.path("traceId").asText().matches("[0-9a-f]{32}"), () -> "a trace id in " + line);
            assertNotNull(line.get("message"), () -> "a message field in " + line);
            if ("json-log-400".equals(mdc.path("requestId").asText())) {
                assertEquals(TRACE_ID, mdc.path("traceId").asText(), "the caller's trace id");
            }
        }
    }

    /** The formatter of the console handler on the root logger, looking inside wrapping handlers. */
    private static Formatter consoleFormatter() {
        Formatter found = find(LogContext.getLogContext().getLogger("").getHandlers());
        assertNotNull(found, "a console handler on the root logger");
        return found;
    }

    private static Formatter find(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                return console.getFormatter();
            }
            if (handler instanceof ExtHandler ext) {
                Formatter inner = find(ext.getHandlers());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** Every record while open, as the record itself (MDC copied), from the root logger. */
    private static final class Capture extends Handler implements AutoCloseable {
        final ConcurrentLinkedQueue<ExtLogRecord> records = new ConcurrentLinkedQueue<>();

        Capture() {
            java.util.logging.Logger.getLogger("").addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext) {
                ext.copyAll();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            java.util.logging.Logger.getLogger("").removeHandler(this);
        }
    }
}
