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
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private final String requestId;
    private final Locale locale;
    private final String traceparent;
    /** When the request reached the gateway ({@link System#nanoTime()}), for its latency metric. */
    private final long startedNanos = System.nanoTime();
    private AuditDraft auditDraft;

    RequestContext(String requestId, Locale locale, String traceparent) {
        this.requestId = requestId;
        this.locale = locale;
        this.traceparent = traceparent;
    }

    /** The audit draft of a data-access request (set by the correlation filter), if this is one. */
    public java.util.Optional<AuditDraft> auditDraft() {
        return java.util.Optional.ofNullable(auditDraft);
    }

    void auditDraft(AuditDraft draft) {
        this.auditDraft = draft;
    }

    static RequestContext from(String requestIdHeader, Locale locale, String traceparentHeader) {
        String id = requestIdHeader != null && SAFE_ID.matcher(requestIdHeader).matches()
                ? requestIdHeader : UUID.randomUUID().toString();
        String trace = traceparentHeader != null && TRACEPARENT.matcher(traceparentHeader.trim()).matches()
                ? traceparentHeader.trim() : null;
        return new RequestContext(id, locale, trace);
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

    /** The caller's W3C traceparent, to propagate upstream, or {@code null}. */
    public String traceparent() {
        return traceparent;
    }
}
