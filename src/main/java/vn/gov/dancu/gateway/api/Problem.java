package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem body plus the gateway's stable {@code code}, the {@code requestId}, and
 * for 400 the offending fields. Built only by {@link ProblemMapper}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code,
        String requestId, List<FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field and what is wrong with it, in the caller's language. */
    public record FieldViolation(String field, String message) {
    }
}
