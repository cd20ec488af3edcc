package vn.gov.dancu.gateway.api;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.ratelimit.CallerRateLimits;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;

/**
 * Spec §1: a body over 64 KiB is refused with 413 PAYLOAD_TOO_LARGE as a problem, declared or
 * not. Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) answers an empty 413, so
 * the limit is applied here first, on the Vert.x route ahead of it and of JAX-RS:
 * <ul>
 * <li>a declared Content-Length over the limit is refused before a byte of the body is read;
 * <li>a chunked body is read by Vert.x's {@link BodyHandler} with the same limit, which fails the
 * route with 413 once the limit is passed; Quarkus REST then reads the buffered body from the
 * routing context ({@code quarkus.rest.input-buffer-size} is above the limit, so it never goes
 * back to the connection for more).
 * </ul>
 * Either refusal is recorded in the audit trail and counted against the caller's rate limit once
 * the token is known to be valid: these requests never reach JAX-RS, where refusals are recorded
 * otherwise. A 413 without a valid token is recorded nowhere, exactly like a 401 (nobody is known,
 * and anonymous traffic must not be able to write into the trail).
 */
@ApplicationScoped
public class BodyLimit {

    /** Runs before Quarkus's own body-size check (order -2) and before JAX-RS. */
    static final int ROUTE_ORDER = -3;

    /** Marks a request whose body this route buffered. */
    private static final String CHUNKED = BodyLimit.class.getName() + ".chunked";

    private static final Logger LOG = Logger.getLogger(BodyLimit.class);

    private final BodyHandler chunked = BodyHandler.create(false).setBodyLimit(CorrelationFilter.MAX_BODY_BYTES);

    @Inject
    AuditEntries auditEntries;

    @Inject
    EdgeProblems problems;

    @Inject
    AuditTrail audit;

    @Inject
    CallerRateLimits rateLimits;

    void install(@Observes Router router) {
        router.route("/api/*").order(ROUTE_ORDER).handler(this::limit).handler(this::emptyChunkedBody)
                .failureHandler(this::failed);
    }

    /**
     * An empty chunked body leaves no buffer behind: Quarkus REST would then wait on the connection
     * for a body that already ended. An empty buffer is what was sent.
     */
    private void emptyChunkedBody(RoutingContext ctx) {
        if (ctx.get(CHUNKED) != null && ctx.body().buffer() == null) {
            ctx.setBody(Buffer.buffer());
        }
        ctx.next();
    }

    private void limit(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            if (parseLength(declared) > CorrelationFilter.MAX_BODY_BYTES) {
                tooLarge(ctx);
            } else {
                ctx.next();
            }
        } else if (ctx.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            ctx.put(CHUNKED, Boolean.TRUE);
            chunked.handle(ctx); // next() with the whole body, or fail(413) past the limit
        } else {
            ctx.next();
        }
    }

    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == ErrorCode.PAYLOAD_TOO_LARGE.status() && !ctx.response().headWritten()) {
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
        // The deferred identity of this request (proactive authentication is off): validating the
        // token costs what any request costs, and only a valid token names someone to record. The
        // answer waits for the count, so the caller's next request already sees it.
        QuarkusHttpUser.getSecurityIdentity(ctx, null)
                .onFailure().recoverWithNull() // an invalid token: nobody known, as for a 401
                .map(Callers::of)
                .call(caller -> caller.officer() == null ? Uni.createFrom().voidItem()
                        : rateLimits.countRefused(caller))
                .subscribe().with(caller -> answer(ctx, caller), failure -> {
                    LOG.warnf("Oversized request not counted (%s)", failure.getClass().getSimpleName());
                    answer(ctx, Callers.of(null));
                });
    }

    private void answer(RoutingContext ctx, Caller caller) {
        RequestContext context = problems.send(ctx, ErrorCode.PAYLOAD_TOO_LARGE,
                List.of(CorrelationFilter.MAX_BODY_BYTES / 1024), List.of(), true);
        if (caller.officer() != null) {
            AuditDraft.forPath(ctx.request().path()).ifPresent(draft -> audit.recordRefusal(auditEntries.refusal(
                    draft, caller, context, ErrorCode.PAYLOAD_TOO_LARGE.status(), ErrorCode.PAYLOAD_TOO_LARGE.name())));
        }
    }
}
