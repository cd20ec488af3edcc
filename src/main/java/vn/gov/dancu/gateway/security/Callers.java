package vn.gov.dancu.gateway.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;

/**
 * Reads the caller from the validated token (spec §1). Every {@code /api/v1} operation starts
 * here, so a token without {@code agency_code} is refused before anything else happens.
 */
@RequestScoped
public class Callers {

    /** The claim naming the officer's agency, e.g. a commune People's Committee. */
    public static final String AGENCY_CLAIM = "agency_code";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    RoutingContext routingContext;

    /**
     * Refuses a caller without {@code role} (for checks that depend on the request, such as the
     * procedure in the path; fixed roles use {@code @RolesAllowed}).
     *
     * @throws ForbiddenException 403 FORBIDDEN
     */
    public void requireRole(String role) {
        if (!identity.hasRole(role)) {
            throw new ForbiddenException();
        }
    }

    /** The authenticated caller, whatever their roles; 403 AGENCY_REQUIRED without an agency. */
    public Caller current() {
        String agency = claim(AGENCY_CLAIM);
        if (agency == null || agency.isBlank()) {
            throw GatewayException.of(ErrorCode.AGENCY_REQUIRED, "error.AGENCY_REQUIRED.detail");
        }
        String officer = claim("preferred_username");
        return new Caller(officer != null ? officer : identity.getPrincipal().getName(), agency, claim("azp"));
    }

    /**
     * Whatever the token says about the caller, without judging it and without triggering
     * authentication: for recording refused requests, which may be refused before anyone was
     * authenticated. Fields are null when unknown.
     */
    public Caller peek() {
        if (!(routingContext.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()
                || !(user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken jwt)) {
            return new Caller(null, null, null);
        }
        return new Caller(text(jwt.getClaim("preferred_username")), text(jwt.getClaim(AGENCY_CLAIM)),
                text(jwt.getClaim("azp")));
    }

    private String claim(String name) {
        return text(token.getClaim(name));
    }

    private static String text(Object value) {
        // smallrye-jwt hands JSON strings back as jakarta.json.JsonString
        return value instanceof jakarta.json.JsonString s ? s.getString() : value == null ? null : value.toString();
    }
}
