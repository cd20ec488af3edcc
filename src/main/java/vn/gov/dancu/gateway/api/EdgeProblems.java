package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.security.IdentityProviderStatus;
import vn.gov.dancu.gateway.security.TokenRefusal;

/**
 * Problems for requests that fail outside JAX-RS, on the Vert.x router (a failed body read, a
 * failure in a Vert.x route, a method the non-application endpoints do not serve). Without this,
 * Quarkus answers them with its own {@code {"details":"Error id ..."}} JSON or an empty body; with
 * it every refusal the gateway can shape has one form: the problem {@link ProblemMapper} builds.
 *
 * <p>Two refusals cannot be shaped by any handler here: 414 (request line over
 * {@code quarkus.http.limits.max-initial-line-length}) and 431 (headers over
 * {@code quarkus.http.limits.max-header-size}) are answered by the Vert.x HTTP codec before a
 * router exists for the request, and Quarkus offers no hook for them (quarkusio/quarkus#55082).
 */
@ApplicationScoped
public class EdgeProblems {

    /** Before Quarkus's own non-application routes (health, metrics, openapi). */
    static final int READ_ONLY_ORDER = -4;

    private static final Logger LOG = Logger.getLogger(EdgeProblems.class);

    @Inject
    ObjectMapper json;

    @Inject
    IdentityProviderStatus identityProvider;

    void install(@Observes Router router) {
        // Probes and metrics are read by machines with GET (or HEAD): anything else is a mistake or
        // a probe of another kind, and SmallRye Health would answer it with 200 all the same.
        router.route("/q/*").order(READ_ONLY_ORDER).handler(this::readOnly);
        // Ahead of Quarkus's last-resort error handler, which the router calls only after this one.
        router.route().failureHandler(this::failed);
    }

    private void readOnly(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Allow", "GET, HEAD");
        send(ctx, ErrorCode.METHOD_NOT_ALLOWED, List.of(), List.of(), false);
    }

    private void failed(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next(); // nothing left to shape: Quarkus closes the connection
            return;
        }
        Throwable failure = ctx.failure();
        if (failure instanceof io.quarkus.security.AuthenticationRedirectException redirect) {
            // The dashboard's login (authorization-code flow, issue 9): Quarkus OIDC raises its
            // redirects as failures; they are redirects, not errors.
            ctx.response().setStatusCode(redirect.getCode()).putHeader("Location", redirect.getRedirectUri())
                    .putHeader("Cache-Control", "no-store").end();
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        ErrorCode code;
        String logReason = null;
        if (failure != null && IdentityProviderStatus.unreachable(failure)) {
            // As ProblemMapper.identityProviderUnavailable: the provider, not the caller, failed.
            identityProvider.failed(failure);
            LOG.warnf("Identity provider unavailable (%s)", failure.getClass().getSimpleName());
            ctx.response().putHeader("Retry-After", String.valueOf(IdentityProviderStatus.RETRY_AFTER.toSeconds()));
            code = ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE;
        } else if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || status == 401) {
            boolean tokenGiven = ProblemMapper.bearerTokenGiven(ctx.request().getHeader("Authorization"));
            logReason = TokenRefusal.of(failure, tokenGiven).reason();
            ctx.response().putHeader("WWW-Authenticate", tokenGiven
                    ? "Bearer realm=\"dancu-gateway\", error=\"invalid_token\""
                    : "Bearer realm=\"dancu-gateway\"");
            code = ErrorCode.UNAUTHENTICATED;
        } else if (failure instanceof ForbiddenException) {
            code = ErrorCode.FORBIDDEN;
        } else {
            code = ErrorCode.forStatus(status).orElse(status >= 400 && status < 500 ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL_ERROR);
        }
        if (code == ErrorCode.INTERNAL_ERROR) {
            LOG.errorf(failure, "Unexpected failure on the HTTP layer (%s)",
                    failure == null ? "status " + status : failure.getClass().getSimpleName());
        }
        List<Violation> violations = code == ErrorCode.VALIDATION_FAILED
                ? List.of(Violation.of("request", "violation.request.malformed"))
                : List.of();
        List<Object> args = code == ErrorCode.PAYLOAD_TOO_LARGE ? List.of(CorrelationFilter.MAX_BODY_BYTES / 1024)
                : List.of();
        send(ctx, code, args, violations, code == ErrorCode.PAYLOAD_TOO_LARGE, logReason);
    }

    /** The request's correlation and language, read from its headers as the JAX-RS filter would. */
    static RequestContext context(RoutingContext ctx) {
        return RequestContext.from(ctx.request().getHeader("X-Request-Id"),
                Messages.choose(ctx.request().getHeader("Accept-Language")));
    }

    /** Answers with the problem for {@code code}; {@code close} when the rest of the request is not read. */
    RequestContext send(RoutingContext ctx, ErrorCode code, List<Object> detailArgs, List<Violation> violations,
            boolean close) {
        return send(ctx, code, detailArgs, violations, close, null);
    }

    /** As above, {@code logReason} added to the refusal's log line (a 401's TokenRefusal). */
    RequestContext send(RoutingContext ctx, ErrorCode code, List<Object> detailArgs, List<Violation> violations,
            boolean close, String logReason) {
        RequestContext context = context(ctx);
        Problem problem = ProblemMapper.problem(context, ctx.request().path(), code, "error." + code.name() + ".detail",
                detailArgs, violations, logReason);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serialises", e);
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("X-Request-Id", context.requestId());
        if (close) {
            // The rest of the body is never read: the connection cannot carry another request.
            ctx.response().putHeader("Connection", "close");
        }
        ctx.response().end(body);
        return context;
    }
}
