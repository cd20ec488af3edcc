package vn.gov.dancu.gateway.error;

import java.util.List;

/**
 * One reason a request was refused, tied to the offending field ({@code parties.mother}). The
 * message is a key into the message bundle plus arguments, so it can be rendered in Vietnamese
 * or English at the edge.
 */
public record Violation(String field, String messageKey, List<Object> args) {

    public static Violation of(String field, String messageKey, Object... args) {
        return new Violation(field, messageKey, List.of(args));
    }
}
