package vn.gov.dancu.gateway.upstream.vneid;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The gateway's client-credentials token at VNeID, through the named OIDC client {@value #CLIENT}
 * ({@code quarkus.oidc-client.vneid.*}), shared and refreshed as {@code NpdTokens} does for the
 * NPD. Any failure to get one (refused credentials, VNeID down) is
 * {@link VneidException.Unavailable}: the caller sees 503 VNEID_UNAVAILABLE.
 */
@ApplicationScoped
public class VneidTokens {

    static final String CLIENT = "vneid";

    @Inject
    OidcClients clients;

    private volatile TokensHelper cache = new TokensHelper();

    public Uni<String> token() {
        return Uni.createFrom().deferred(() -> cache.getTokens(client(), Map.of(), false))
                .map(Tokens::getAccessToken)
                .onFailure().transform(VneidTokens::unavailable);
    }

    /** A token other than {@code rejected}: one fetch for a burst of calls rejected with the same token. */
    public Uni<String> replace(String rejected) {
        return Uni.createFrom().deferred(() -> cache.getTokens(client()))
                .chain(current -> rejected.equals(current.getAccessToken())
                        ? cache.getTokens(client(), Map.of(), true)
                        : Uni.createFrom().item(current))
                .map(Tokens::getAccessToken)
                .onFailure().transform(VneidTokens::unavailable);
    }

    private OidcClient client() {
        return clients.getClient(CLIENT);
    }

    void forget() {
        cache = new TokensHelper();
    }

    private static Throwable unavailable(Throwable e) {
        // The OIDC client's messages can quote the token endpoint's body: name only the kind.
        return e instanceof VneidException ? e
                : new VneidException.Unavailable("VNeID token endpoint: " + e.getClass().getSimpleName(), null, 0);
    }
}
