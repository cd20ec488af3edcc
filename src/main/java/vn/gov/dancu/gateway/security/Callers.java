package vn.gov.dancu.gateway.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;

/**
 * Reads the caller from the validated token (spec §1). Every {@code /api/v1} operation starts
 * here, so a token without a usable {@code agency_code} is refused before anything else happens.
 *
 * <p>A signature proves who issued a claim, not that its value is sane: a mapper in the identity
 * provider can put an object, a number, CRLF or 8 KB of text in {@code agency_code}. These values
 * travel to the NPD as headers ({@code X-Agency-Code}, {@code X-Officer-Id}) and into the audit
 * trail, and the NPD refuses malformed headers, which trips the circuit breaker for everyone. So
 * each claim must have its documented shape (see {@link #AGENCY}, {@link #OFFICER},
 * {@link #CLIENT}); anything else is refused here and never stored, not even trimmed.
 */
@RequestScoped
public class Callers {

    /** The claim naming the officer's agency, e.g. a commune People's Committee. */
    public static final String AGENCY_CLAIM = "agency_code";

    /** An agency code: {@code UBND-P-TANPHU}, {@code 25195}. Documented in openapi.yaml (bearerAuth). */
    public static final Pattern AGENCY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** An officer id ({@code preferred_username}, else the subject): Keycloak usernames, e-mail style included. */
    public static final Pattern OFFICER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    /** An OIDC client id ({@code azp}). */
    public static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

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

    /** Whether the caller holds {@code role} (for answers that differ by role, such as whose events one sees). */
    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /**
     * The authenticated caller, whatever their roles.
     *
     * @throws GatewayException 403 AGENCY_REQUIRED without an agency of the documented shape; 403
     *                          FORBIDDEN when the officer id or the client id is malformed
     */
    public Caller current() {
        String agency = agency(token.getClaim(AGENCY_CLAIM));
        if (agency == null) {
            throw GatewayException.of(ErrorCode.AGENCY_REQUIRED, "error.AGENCY_REQUIRED.detail");
        }
        String officer = officer(token.getClaim("preferred_username"), identity.getPrincipal().getName());
        if (officer == null) {
            throw GatewayException.of(ErrorCode.FORBIDDEN, "error.FORBIDDEN.officer.detail");
        }
        Object azp = token.getClaim("azp");
        String client = plain(azp, CLIENT);
        if (azp != null && client == null) {
            throw GatewayException.of(ErrorCode.FORBIDDEN, "error.FORBIDDEN.client.detail");
        }
        return new Caller(officer, agency, client);
    }

    /**
     * Whatever the token says about the caller, without triggering authentication: for recording
     * refused requests, which may be refused before anyone was authenticated. Fields are null
     * when unknown or not of their documented shape (never stored mangled).
     */
    public Caller peek() {
        if (!(routingContext.user() instanceof QuarkusHttpUser user)) {
            return new Caller(null, null, null);
        }
        return of(user.getSecurityIdentity());
    }

    /**
     * The caller named by a valid token, authenticating now if nothing has yet (a request refused
     * before its resource was matched, such as a 415, was never authenticated). Nulls without a
     * valid token; never fails.
     */
    public Uni<Caller> known() {
        return QuarkusHttpUser.getSecurityIdentity(routingContext, null)
                .onFailure().recoverWithNull()
                .map(Callers::of);
    }

    /** As {@link #peek()}, for an identity resolved outside a request scope (Vert.x routes). */
    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return new Caller(null, null, null);
        }
        return new Caller(officer(jwt.getClaim("preferred_username"), jwt.getName()), agency(jwt.getClaim(AGENCY_CLAIM)),
                plain(jwt.getClaim("azp"), CLIENT));
    }

    /**
     * One agency code: a string, or a list of exactly one string, which is what Keycloak's
     * multivalued user-attribute mappers send ({@code ["25195"]}). Null for any other shape.
     */
    static String agency(Object claim) {
        if (claim instanceof JsonArray list) {
            return list.size() == 1 ? plain(list.get(0), AGENCY) : null;
        }
        if (claim instanceof Collection<?> list) {
            return list.size() == 1 ? plain(list.iterator().next(), AGENCY) : null;
        }
        return plain(claim, AGENCY);
    }

    /** The username claim, else the principal's name (the subject), when of the officer shape. */
    private static String officer(Object usernameClaim, String principalName) {
        return usernameClaim != null ? plain(usernameClaim, OFFICER) : plain(principalName, OFFICER);
    }

    /** The text of a JSON string claim matching {@code shape}; null for numbers, objects, lists, others. */
    static String plain(Object claim, Pattern shape) {
        // smallrye-jwt hands custom JSON strings back as jakarta.json.JsonString, standard ones as String
        String text = claim instanceof JsonString s ? s.getString() : claim instanceof String s ? s : null;
        return text != null && shape.matcher(text).matches() ? text : null;
    }
}
