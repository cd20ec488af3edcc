package vn.gov.dancu.gateway.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;

/**
 * The edge of every request: decides the request id (the caller's {@code X-Request-Id} or a new
 * UUID), the language, and the trace context; puts the id in the logging MDC and echoes it on
 * the response. Also refuses oversized bodies before anything reads them.
 */
public class CorrelationFilter {

    /** Spec §1: request bodies over 64 KiB are refused with 413 PAYLOAD_TOO_LARGE. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request, HttpHeaders headers) {
        RequestContext context = RequestContext.from(request.getHeaderString("X-Request-Id"),
                Messages.choose(headers.getAcceptableLanguages()));
        request.setProperty(RequestContext.PROPERTY, context);
        AuditDraft.forRequest(request.getMethod(), request.getUriInfo().getPath()).ifPresent(context::auditDraft);
        MDC.put("requestId", context.requestId());
        if (request.getLength() > MAX_BODY_BYTES) {
            throw GatewayException.of(ErrorCode.PAYLOAD_TOO_LARGE, "error.PAYLOAD_TOO_LARGE.detail",
                    MAX_BODY_BYTES / 1024);
        }
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        Object context = request.getProperty(RequestContext.PROPERTY);
        if (context instanceof RequestContext rc) {
            response.getHeaders().putSingle("X-Request-Id", rc.requestId());
        }
        MDC.remove("requestId");
    }

    /** The context of the current request (set by the pre-matching filter). */
    static RequestContext of(ContainerRequestContext request) {
        Object context = request.getProperty(RequestContext.PROPERTY);
        return context instanceof RequestContext rc ? rc : RequestContext.from(null, Messages.VIETNAMESE);
    }
}
