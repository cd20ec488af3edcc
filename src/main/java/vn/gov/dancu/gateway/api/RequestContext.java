package vn.gov.dancu.gateway.api;

import java.util.Locale;
import vn.gov.dancu.gateway.audit.AuditDraft;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Per-request correlation and language, decided once at the edge by {@link CorrelationFilter}
 * and read by resources and the problem mapper.
 */
public final class RequestContext {

    /** Property name under which the filter stores this object on the JAX-RS request. */
    static final String PROPERTY = RequestContext.class.getName();

    /** A caller's X-Request-Id is kept only if it is short and harmless to log and forward. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final String requestId;
    private final Locale locale;
    /** When the request reached the gateway ({@link System#nanoTime()}), for its latency metric. */
    private final long startedNanos = System.nanoTime();
    private AuditDraft auditDraft;

    RequestContext(String requestId, Locale locale) {
        this.requestId = requestId;
        this.locale = locale;
    }

    /** The audit draft of a data-access request (set by the correlation filter), if this is one. */
    public java.util.Optional<AuditDraft> auditDraft() {
        return java.util.Optional.ofNullable(auditDraft);
    }

    void auditDraft(AuditDraft draft) {
        this.auditDraft = draft;
    }

    /** The W3C trace context is not ours to carry: OpenTelemetry continues it and sends it upstream. */
    static RequestContext from(String requestIdHeader, Locale locale) {
        String id = requestIdHeader != null && SAFE_ID.matcher(requestIdHeader).matches()
                ? requestIdHeader : UUID.randomUUID().toString();
        return new RequestContext(id, locale);
    }

    public String requestId() {
        return requestId;
    }

    public Locale locale() {
        return locale;
    }

    long startedNanos() {
        return startedNanos;
    }
}
