package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body plus the gateway's stable {@code code}, the {@code requestId}, and
 * for 400 the offending fields. Built only by {@link ProblemMapper}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code,
        String requestId, List<FieldViolation> violations, String reason, String replacedBy) {

    /** A problem without the members only some codes carry. */
    public Problem(String type, String title, int status, String detail, String instance, String code,
            String requestId, List<FieldViolation> violations) {
        this(type, title, status, detail, instance, code, requestId, violations, null, null);
    }

    /**
     * This problem with the code-specific members (identity, issue 8): {@code reason} of
     * IDENTITY_PROOF_INVALID, {@code replacedBy} of ID_CANCELLED.
     */
    Problem with(java.util.Map<String, String> extensions) {
        if (extensions.isEmpty()) {
            return this;
        }
        return new Problem(type, title, status, detail, instance, code, requestId, violations,
                extensions.get("reason"), extensions.get("replacedBy"));
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field and what is wrong with it, in the caller's language. */
    public record FieldViolation(String field, String message) {
    }
}
