package vn.gov.dancu.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** What a library's log line looks like after the console handler's redaction filter. */
class PersonalDataRedactionTest {

    private static final String ID = "070190004521";
    private final PersonalDataRedaction filter = new PersonalDataRedaction();

    @Test
    void masksAPersonalNumberInALibrarysFormattedMessage() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Request %s failed after %d ms",
                ExtLogRecord.FormatStyle.PRINTF, "io.vertx.core.http.impl.HttpClientImpl");
        record.setParameters(new Object[] { "GET http://npd:8089/api/v1/citizens/" + ID + "?fields=fullName", 1200 });

        assertTrue(filter.isLoggable(record), "the line is kept, only masked");

        assertEquals("Request GET http://npd:8089/api/v1/citizens/070******521?fields=fullName failed after 1200 ms",
                record.getFormattedMessage());
    }

    @Test
    void masksPersonalNumbersInTheExceptionChainButKeepsItsClassAndStack() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "lookup abandoned", "org.jboss.resteasy.reactive.client");
        RuntimeException cause = new IllegalStateException("connection closed: /api/v1/citizens/" + ID);
        record.setThrown(new RuntimeException("GET /api/v1/citizens/" + ID + " cancelled", cause));

        filter.isLoggable(record);

        StringWriter printed = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(printed));
        assertFalse(printed.toString().contains(ID), printed.toString());
        assertTrue(printed.toString().contains("java.lang.IllegalStateException: connection closed: /api/v1/citizens/070******521"),
                printed.toString());
        assertTrue(printed.toString().contains("PersonalDataRedactionTest"), "the stack trace is kept");
    }

    @Test
    void leavesOtherNumbersAndLinesWithoutANumberUntouched() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "request 1234567890123 took 25 ms; CMND 285104721",
                ExtLogRecord.FormatStyle.NO_FORMAT, "io.quarkus");
        filter.isLoggable(record);
        assertEquals("request 1234567890123 took 25 ms; CMND 285104721", record.getFormattedMessage());
    }
}
