package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.security.IdentityProviderStatus;
import vn.gov.dancu.gateway.security.TokenRefusal;

/**
 * The one place errors become responses: every failure leaves as {@code application/problem+json}
 * with a stable code, localised texts and the request id, and never with a stack trace, a class
 * name or an upstream body. 5xx are logged at ERROR with the stack, 4xx at INFO without.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Inject
    IdentityProviderStatus identityProvider;

    @ServerExceptionMapper
    public Response gateway(GatewayException e, ContainerRequestContext request) {
        Response.ResponseBuilder response = build(request, e.code(), e.detailKey(), e.detailArgs(), e.violations(),
                e.extensions());
        // Whole seconds, rounded up: telling a caller to come back before the NPD will answer helps no one.
        e.retryAfter().ifPresent(d -> response.header("Retry-After", Math.max(1, (d.toMillis() + 999) / 1000)));
        return response.build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, ContainerRequestContext request) {
        if (IdentityProviderStatus.unreachable(e)) {
            // A JWKS refresh (a token signed with a key not seen yet) that could not reach the
            // provider: nobody can tell whether the token is valid, so not a 401.
            return identityProviderUnavailable(e, request);
        }
        boolean tokenGiven = bearerTokenGiven(request.getHeaderString("Authorization"));
        // RFC 6750 §3: error="invalid_token" only when a bearer token was presented; a request with
        // no credentials, or with another scheme, is only told which scheme to use.
        String challenge = tokenGiven
                ? "Bearer realm=\"dancu-gateway\", error=\"invalid_token\""
                : "Bearer realm=\"dancu-gateway\"";
        // Quarkus OIDC says nothing at INFO about a refused token, and its DEBUG lines quote the
        // whole token: the one INFO line of the refusal names a claim-free reason (TokenRefusal),
        // and the token dump stays pinned off (application.properties).
        return build(request, ErrorCode.UNAUTHENTICATED, "error.UNAUTHENTICATED.detail", List.of(), List.of(),
                TokenRefusal.of(e, tokenGiven).reason())
                .header("WWW-Authenticate", challenge).build();
    }

    /**
     * The identity provider could not be reached to verify a token (Quarkus OIDC's
     * {@code OIDCException: OIDC Server is not available} on a gateway that started while it was
     * down, or a connection failure): 503 with Retry-After, recorded for readiness. Logged at WARN
     * by class names only; the exception's message names the provider's URL, never a token, but
     * nothing more is needed to act on it.
     */
    @ServerExceptionMapper(OIDCException.class)
    public Response identityProviderUnavailable(RuntimeException e, ContainerRequestContext request) {
        identityProvider.failed(e);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        LOG.warnf("Identity provider unavailable (%s, caused by %s)", e.getClass().getSimpleName(),
                root.getClass().getSimpleName());
        return build(request, ErrorCode.IDENTITY_PROVIDER_UNAVAILABLE, "error.IDENTITY_PROVIDER_UNAVAILABLE.detail",
                List.of(), List.of())
                .header("Retry-After", IdentityProviderStatus.RETRY_AFTER.toSeconds()).build();
    }

    /** True for {@code Bearer <something>}, the scheme compared case-insensitively (RFC 9110 §11.1). */
    static boolean bearerTokenGiven(String authorization) {
        return authorization != null && authorization.length() > 7
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && !authorization.substring(7).isBlank();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ContainerRequestContext request) {
        return build(request, ErrorCode.FORBIDDEN, "error.FORBIDDEN.detail", List.of(), List.of()).build();
    }

    /**
     * Jackson failures: unparseable text (and trailing garbage or a duplicated key, which the
     * strict parser reports) is MALFORMED_JSON; well-formed JSON of the wrong shape (an array
     * where an object belongs) is a validation failure of the field it hit. MismatchedInputException
     * is named because Quarkus ships a more specific mapper for it that answers plain JSON.
     */
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class })
    public Response json(JsonProcessingException e, ContainerRequestContext request) {
        if (!(e instanceof JsonMappingException mapping) || unreadable(e)) {
            JsonLocation at = e.getLocation();
            Violation where = at == null || at.getLineNr() < 1
                    ? Violation.of("body", "violation.json.malformed")
                    : Violation.of("body", "violation.json.malformedAt", at.getLineNr(), at.getColumnNr());
            return build(request, ErrorCode.MALFORMED_JSON, "error.MALFORMED_JSON.detail", List.of(), List.of(where))
                    .build();
        }
        String field = mapping.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String key = e instanceof MismatchedInputException ? "violation.json.type" : "violation.json.invalid";
        return build(request, ErrorCode.VALIDATION_FAILED, "error.VALIDATION_FAILED.detail", List.of(),
                List.of(Violation.of(field.isEmpty() ? "body" : field, key))).build();
    }

    /** True when the text itself is broken, even if Jackson wrapped that in a mapping error. */
    private static boolean unreadable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException || StrictJson.isTrailingContent(t)) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException unreadable) {
            return json(unreadable, request);
        }
        ErrorCode code = ErrorCode.forStatus(status).orElse(ErrorCode.INTERNAL_ERROR);
        if (code == ErrorCode.INTERNAL_ERROR) {
            return unexpected(e, request);
        }
        Response.ResponseBuilder response = build(request, code, "error." + code.name() + ".detail",
                code == ErrorCode.PAYLOAD_TOO_LARGE ? List.of(CorrelationFilter.MAX_BODY_BYTES / 1024) : List.of(),
                List.of());
        if (status == 405) {
            // RFC 9110 §15.5.6: a 405 names the methods the resource does support.
            String allow = e.getResponse().getHeaderString("Allow");
            if (allow == null) {
                allow = AllowedMethods.at(request.getUriInfo().getPath()).orElse(null);
            }
            if (allow != null) {
                response.header("Allow", allow);
            }
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, ContainerRequestContext request) {
        LOG.errorf(e, "Unexpected failure (%s)", e.getClass().getSimpleName());
        return build(request, ErrorCode.INTERNAL_ERROR, "error.INTERNAL_ERROR.detail", List.of(), List.of()).build();
    }

    private Response.ResponseBuilder build(ContainerRequestContext request, ErrorCode code, String detailKey,
            List<Object> detailArgs, List<Violation> violations) {
        return build(request, code, detailKey, detailArgs, violations, null, Map.of());
    }

    private Response.ResponseBuilder build(ContainerRequestContext request, ErrorCode code, String detailKey,
            List<Object> detailArgs, List<Violation> violations, String logReason) {
        return build(request, code, detailKey, detailArgs, violations, logReason, Map.of());
    }

    private Response.ResponseBuilder build(ContainerRequestContext request, ErrorCode code, String detailKey,
            List<Object> detailArgs, List<Violation> violations, Map<String, String> extensions) {
        return build(request, code, detailKey, detailArgs, violations, null, extensions);
    }

    private Response.ResponseBuilder build(ContainerRequestContext request, ErrorCode code, String detailKey,
            List<Object> detailArgs, List<Violation> violations, String logReason, Map<String, String> extensions) {
        RequestContext context = CorrelationFilter.of(request);
        Problem problem = problem(context, request.getUriInfo().getPath(), code, detailKey, detailArgs, violations,
                logReason).with(extensions);
        return Response.status(code.status()).type(Problem.MEDIA_TYPE).entity(problem)
                .header("X-Request-Id", context.requestId());
    }

    /**
     * The problem body for {@code code}, in the caller's language. Also used by handlers that
     * answer before JAX-RS sees the request ({@link BodyLimit}), so every refusal looks the same.
     */
    static Problem problem(RequestContext context, String instance, ErrorCode code, String detailKey,
            List<Object> detailArgs, List<Violation> violations) {
        return problem(context, instance, code, detailKey, detailArgs, violations, null);
    }

    /** As above; {@code logReason}, when given, is added to the refusal's one log line (never caller data). */
    static Problem problem(RequestContext context, String instance, ErrorCode code, String detailKey,
            List<Object> detailArgs, List<Violation> violations, String logReason) {
        Locale locale = context.locale();
        List<Problem.FieldViolation> fields = violations.isEmpty() ? null : violations.stream()
                .map(v -> new Problem.FieldViolation(v.field(), Messages.get(locale, v.messageKey(), v.args())))
                .toList();
        if (code.status() < 500) {
            if (logReason == null) {
                LOG.infof("%d %s", code.status(), code.name());
            } else {
                LOG.infof("%d %s: %s", code.status(), code.name(), logReason);
            }
        }
        return new Problem("urn:dancu-gateway:problem:" + code.name(),
                Messages.get(locale, "error." + code.name() + ".title"), code.status(),
                Messages.get(locale, detailKey, detailArgs), instance, code.name(), context.requestId(), fields);
    }
}
