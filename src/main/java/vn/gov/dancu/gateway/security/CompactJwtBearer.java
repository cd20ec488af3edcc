package vn.gov.dancu.gateway.security;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Quarkus OIDC's bearer mechanism, refusing up front a bearer value that is not a JWT in compact
 * form. Quarkus 3.33 splits the token on dots before judging it and throws
 * {@code NoSuchElementException} for values made only of dots ({@code .}, {@code ..}): every such
 * request became a 500 with a long stack trace in the log, and anyone could cause it without a
 * login. Officers' tokens are always JWTs (introspection of opaque tokens is off), so a value of
 * any other shape is an invalid token: 401 through the problem mapper, one INFO line, no token.
 *
 * <p>Everything else (signature, issuer, expiry, audience) stays with Quarkus OIDC, which this
 * bean delegates to as the Quarkus security guide shows for customising a mechanism. A token
 * Quarkus accepted moments ago is not checked again ({@link VerifiedBearers}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CompactJwtBearer implements HttpAuthenticationMechanism {

    /** JWS (three parts) or JWE (five parts) compact serialisation: base64url parts, a header first. */
    private static final Pattern COMPACT_JWT = Pattern.compile(
            "[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]*){2}(?:(?:\\.[A-Za-z0-9_-]*){2})?");

    private static final String BEARER = "bearer ";

    @Inject
    OidcAuthenticationMechanism oidc;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return oidc.authenticate(context, identityProviderManager);
        }
        String token = authorization.substring(BEARER.length()).trim();
        // The API's bearer tokens only (the default tenant); the dashboard's session is Quarkus' own.
        boolean api = context.normalizedPath().startsWith(API_PATH);
        SecurityIdentity known = api ? verified.get(token, context) : null;
        if (known != null) {
            return Uni.createFrom().item(known); // accepted moments ago, so of the compact shape too
        }
        if (!COMPACT_JWT.matcher(token).matches()) {
            // No message: the exception must carry nothing of what the caller sent.
            return Uni.createFrom().failure(new AuthenticationFailedException(Map.of(NOT_A_JWT, true)));
        }
        if (!api) {
            return oidc.authenticate(context, identityProviderManager);
        }
        return oidc.authenticate(context, identityProviderManager).invoke(identity -> verified.put(token, identity));
    }

    private static final String API_PATH = "/api/";

    @Inject
    VerifiedBearers verified;

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    /** Marks the refusal of a bearer value that is not a JWT, told apart in the log ({@link TokenRefusal#MALFORMED}). */
    static final String NOT_A_JWT = "dancu.not-a-jwt";

    /** Ahead of the OIDC mechanism it wraps, so a malformed value never reaches it. */
    @Override
    public int getPriority() {
        return oidc.getPriority() + 1;
    }
}
