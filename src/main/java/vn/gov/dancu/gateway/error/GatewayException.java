package vn.gov.dancu.gateway.error;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one exception type that becomes a problem response. Anything else reaching the mapper is
 * a bug (500 INTERNAL_ERROR). The detail is a message key, never upstream text, so nothing from
 * an upstream body or a stack can leak to the caller.
 */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final String detailKey;
    private final List<Object> detailArgs;
    private final List<Violation> violations;
    private final Duration retryAfter;
    /** Members the problem body carries besides the standard ones ({@code reason}, {@code replacedBy}). */
    private java.util.Map<String, String> extensions = java.util.Map.of();

    public GatewayException(ErrorCode code, String detailKey, List<Object> detailArgs, List<Violation> violations,
            Duration retryAfter) {
        super(code.name(), null, false, false); // no stack: these are answers, not failures
        this.code = code;
        this.detailKey = detailKey;
        this.detailArgs = List.copyOf(detailArgs);
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    public static GatewayException of(ErrorCode code, String detailKey, Object... args) {
        return new GatewayException(code, detailKey, List.of(args), List.of(), null);
    }

    public static GatewayException validation(List<Violation> violations) {
        return new GatewayException(ErrorCode.VALIDATION_FAILED, "error.VALIDATION_FAILED.detail", List.of(),
                violations, null);
    }

    public static GatewayException unavailable(ErrorCode code, Duration retryAfter) {
        return new GatewayException(code, "error." + code.name() + ".detail", List.of(), List.of(), retryAfter);
    }

    /**
     * This refusal with one more member in its problem body, e.g. {@code reason} of
     * IDENTITY_PROOF_INVALID or {@code replacedBy} of ID_CANCELLED (identity, issue 8). The value
     * must be a stable code or a number the caller sent: it is not localised.
     */
    public GatewayException with(String member, String value) {
        if (value != null) {
            java.util.Map<String, String> more = new java.util.LinkedHashMap<>(extensions);
            more.put(member, value);
            extensions = java.util.Map.copyOf(more);
        }
        return this;
    }

    public java.util.Map<String, String> extensions() {
        return extensions;
    }

    public ErrorCode code() {
        return code;
    }

    public String detailKey() {
        return detailKey;
    }

    public List<Object> detailArgs() {
        return detailArgs;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
