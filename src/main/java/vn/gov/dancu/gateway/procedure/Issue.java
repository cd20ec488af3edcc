package vn.gov.dancu.gateway.procedure;

import java.util.List;

/**
 * A finding about one party. The message is rendered at the edge from {@code issue.<code>} and
 * {@code args}, so the same finding reads in Vietnamese or English.
 *
 * @param field      the NPD field concerned, or {@code null}
 * @param replacedBy the valid number when a cancelled one was given and the NPD knows it
 */
public record Issue(IssueCode code, IssueCode.Severity severity, String party, String field, String replacedBy,
        List<Object> args) {

    public static Issue of(IssueCode code, IssueCode.Severity severity, PartyRole party, String field,
            Object... args) {
        return new Issue(code, severity, party.key(), field, null, List.of(args));
    }
}
