package vn.gov.dancu.gateway.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import vn.gov.dancu.gateway.error.Violation;

/**
 * The query parameters the listing resources share ({@code from}, {@code to}, {@code page},
 * {@code size}), read one way: a wrong value becomes a violation naming the parameter, never a 500.
 */
final class QueryParams {

    /** The instants PostgreSQL and ISO-8601 agree on (four-digit years); beyond them a filter is a mistake. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private QueryParams() {
    }

    /** The number as text, {@code fallback} when absent, null when not an integer. */
    static Integer integer(String text, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An ISO-8601 instant within {@link #EARLIEST}..{@link #LATEST}; null when absent, or with a violation. */
    static Instant instant(String field, String text, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(text);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                violations.add(Violation.of(field, "violation.instant.range"));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "violation.instant"));
            return null;
        }
    }
}
