package vn.gov.dancu.gateway.upstream.npd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After as RFC 9110 §10.2.3 allows it: delay-seconds or an HTTP-date. */
class NpdErrorsTest {

    @Test
    void readsDelaySeconds() {
        assertEquals(Duration.ofSeconds(7), NpdErrors.retryAfter("7"));
        assertEquals(Duration.ofSeconds(120), NpdErrors.retryAfter(" 120 "));
        assertEquals(Duration.ZERO, NpdErrors.retryAfter("0"));
    }

    @Test
    void readsAnHttpDateAsTheTimeLeftUntilThen() {
        String inNinetySeconds = DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(90));
        Duration d = NpdErrors.retryAfter(inNinetySeconds);
        // The header has whole seconds and a moment passes between formatting and reading it.
        assertTrue(d.compareTo(Duration.ofSeconds(80)) >= 0 && d.compareTo(Duration.ofSeconds(90)) <= 0, d::toString);
    }

    @Test
    void readsAnHttpDateInThePastAsNoWait() {
        assertEquals(Duration.ZERO, NpdErrors.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "soon", "7 seconds", "7s", "1.5", "99999999999999999999",
            "2026-06-01T10:00:00Z", "Someday, 32 Oct 2015 07:28:00 GMT" })
    void ignoresAnythingElse(String header) {
        assertNull(NpdErrors.retryAfter(header));
    }
}
