package vn.gov.dancu.gateway.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The URL attributes of spans name no person: numbers and queries never reach a trace backend. */
class NoPersonalDataInSpansTest {

    @Test
    void replacesPersonalIdsInTheNpdUrlAndDropsTheQuery() {
        assertEquals("http://npd.example/api/v1/citizens/{id}",
                NoPersonalDataInSpans.redact("http://npd.example/api/v1/citizens/070190004521?fields=fullName"));
    }

    @Test
    void dropsAQueryThatNamesAPerson() {
        assertEquals("/api/v1/audit/access-log", NoPersonalDataInSpans.redact("/api/v1/audit/access-log?personalId=070190004521"));
        assertEquals("", NoPersonalDataInSpans.redact("?personalId=070190004521"));
    }

    @Test
    void keepsAPathWithoutNumbersAsItIs() {
        assertEquals("/api/v1/prefill/birth-registration", NoPersonalDataInSpans.redact("/api/v1/prefill/birth-registration"));
    }
}
