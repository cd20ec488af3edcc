package vn.gov.dancu.gateway.upstream.npd;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.TokensHelper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The gateway's client-credentials token at the NPD, through the named OIDC client {@value #CLIENT}
 * ({@code quarkus.oidc-client.npd.*}: token endpoint, credentials, refresh skew). One token is
 * shared by all requests and reused until {@code refresh-token-time-skew} before it expires;
 * concurrent callers that find it stale share a single fetch (Quarkus' {@link TokensHelper}, the
 * same single-flight cache its REST client filter uses). What the filter cannot do is the NPD's
 * "fetch a new token and retry once" after a 401, so {@link NpdGuard} calls this class itself.
 *
 * <p>Failures: the token endpoint's answers are mapped by {@link NpdTokenResponses} (401/400:
 * {@link NpdException.CredentialsRejected}; 429 and 5xx with their Retry-After; a 200 without a
 * token: {@link NpdException.Unavailable}); anything else the OIDC client fails with (connection
 * refused, unreadable JSON) becomes {@link NpdException.Unavailable}, so callers see the same
 * {@code 503 NPD_UNAVAILABLE} and readiness the same last error as for a failed lookup.
 */
@ApplicationScoped
public class NpdTokens {

    /** The name of the OIDC client in {@code quarkus.oidc-client.<name>.*}. */
    static final String CLIENT = "npd";

    @Inject
    OidcClients clients;

    private volatile TokensHelper cache = new TokensHelper();

    /** A valid bearer token, from the cache when fresh. */
    public Uni<String> token() {
        return tokens(false);
    }

    /**
     * A token other than {@code rejected}: fetches a new one unless another caller already has,
     * so a burst of calls rejected with the same token still costs one token request.
     */
    public Uni<String> replace(String rejected) {
        return Uni.createFrom().deferred(() -> cache.getTokens(client()))
                .chain(current -> rejected.equals(current.getAccessToken())
                        ? cache.getTokens(client(), Map.of(), true)
                        : Uni.createFrom().item(current))
                .map(Tokens::getAccessToken)
                .onFailure(e -> !(e instanceof NpdException)).transform(NpdTokens::unavailable);
    }

    private Uni<String> tokens(boolean forceNew) {
        return Uni.createFrom().deferred(() -> cache.getTokens(client(), Map.of(), forceNew))
                .map(Tokens::getAccessToken)
                .onFailure(e -> !(e instanceof NpdException)).transform(NpdTokens::unavailable);
    }

    private OidcClient client() {
        return clients.getClient(CLIENT);
    }

    /** Drops the cached token, so the next call fetches one (tests start from a known state). */
    void forget() {
        cache = new TokensHelper();
    }

    private static Throwable unavailable(Throwable e) {
        // The OIDC client's messages can quote the token endpoint's body: name only the kind.
        return new NpdException.Unavailable("NPD token endpoint unreachable or unreadable: "
                + e.getClass().getSimpleName(), null, null);
    }
}
