package vn.gov.dancu.gateway.upstream.npd;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcResponseFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the NPD token endpoint's answer before the OIDC client does, because the client keeps
 * nothing of a refusal but its body: the status decides whether trying again can help (a 401 or
 * 400 says our credentials are wrong; a 503 or 429 names a Retry-After the gateway must honour),
 * and a 200 without {@code access_token} must fail here, or the client would cache a token of
 * {@code null} and every lookup would be sent with it.
 */
@ApplicationScoped
@Unremovable // looked up by the OIDC client at run time, never injected
@OidcEndpoint(OidcEndpoint.Type.TOKEN)
public class NpdTokenResponses implements OidcResponseFilter {

    /** The request property in which the OIDC client names itself. */
    private static final String CLIENT_ID_PROPERTY = "client-id";

    @Override
    public Uni<Void> filter(OidcResponseFilterContext response) {
        if (response.requestProperties() == null
                || !NpdTokens.CLIENT.equals(response.requestProperties().getString(CLIENT_ID_PROPERTY))) {
            return Uni.createFrom().voidItem();
        }
        int status = response.statusCode();
        if (status != 200) {
            return Uni.createFrom().failure(NpdErrors.fromTokenEndpoint(status,
                    response.responseHeaders() == null ? null : response.responseHeaders().get("Retry-After")));
        }
        if (!hasAccessToken(response)) {
            // Sending "Bearer null" would only earn a 401 and a second useless token request.
            return Uni.createFrom().failure(
                    new NpdException.Unavailable("NPD token response without access_token", null, null));
        }
        return Uni.createFrom().voidItem();
    }

    private static boolean hasAccessToken(OidcResponseFilterContext response) {
        try {
            String token = new JsonObject(response.responseBody().toString()).getString("access_token");
            return token != null && !token.isBlank();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }
}
