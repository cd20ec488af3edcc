package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import vn.gov.dancu.gateway.error.ErrorCode;

/**
 * Spec §1: a body over 64 KiB is refused with 413 PAYLOAD_TOO_LARGE as a problem. Quarkus's own
 * limit ({@code quarkus.http.limits.max-body-size}) answers an empty 413 before JAX-RS runs, so
 * a declared length is judged here first, on the Vert.x route ahead of it.
 *
 * <p>A chunked body (no Content-Length) cannot be judged before it streams in, and reading it
 * here would hide it from Quarkus REST, which re-reads bodies over its input buffer from the
 * connection. Quarkus's own limit still stops it, with a bare 413 and a closed connection.
 */
@ApplicationScoped
public class BodyLimit {

    /** Runs before Quarkus's own body-size check (order -2) and before JAX-RS. */
    static final int ROUTE_ORDER = -3;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route("/api/*").order(ROUTE_ORDER).handler(this::limit);
    }

    /** Refuses a declared length over the limit before a byte of the body is read. */
    private void limit(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > CorrelationFilter.MAX_BODY_BYTES) {
            tooLarge(ctx);
        } else {
            ctx.next();
        }
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // not ours to judge: the HTTP layer refuses a garbled length
        }
    }

    private void tooLarge(RoutingContext ctx) {
        RequestContext context = RequestContext.from(ctx.request().getHeader("X-Request-Id"),
                Messages.choose(ctx.request().getHeader("Accept-Language")), null);
        Problem problem = ProblemMapper.problem(context, ctx.request().path(), ErrorCode.PAYLOAD_TOO_LARGE,
                "error.PAYLOAD_TOO_LARGE.detail", List.of(CorrelationFilter.MAX_BODY_BYTES / 1024), List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serialises", e);
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("X-Request-Id", context.requestId())
                // The rest of an oversized body is never read: the connection cannot be reused.
                .putHeader("Connection", "close")
                .end(body);
    }
}
