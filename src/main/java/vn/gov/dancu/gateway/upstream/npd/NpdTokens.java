package vn.gov.dancu.gateway.upstream.npd;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * The gateway's client-credentials token at the NPD. One token is shared by all requests and
 * reused until shortly before it expires; concurrent callers that find it stale share a single
 * fetch. After a 401 the caller asks for a replacement of the token it used, so a burst of
 * rejected calls still costs one token request.
 */
@ApplicationScoped
public class NpdTokens {

    private static final Logger LOG = Logger.getLogger(NpdTokens.class);

    private record Cached(String value, Instant refreshAt) {
    }

    @Inject
    @RestClient
    NpdRestClient rest;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    private volatile Cached current;
    private Uni<Cached> inflight;

    /** A valid bearer token, from the cache when fresh. */
    public Uni<String> token() {
        Cached c = current;
        if (c != null && clock.instant().isBefore(c.refreshAt())) {
            return Uni.createFrom().item(c.value());
        }
        return fetchOnce(c);
    }

    /** A token other than {@code rejected}: fetches a new one unless another caller already has. */
    public Uni<String> replace(String rejected) {
        Cached c = current;
        if (c != null && !c.value().equals(rejected)) {
            return Uni.createFrom().item(c.value());
        }
        return fetchOnce(c);
    }

    private synchronized Uni<String> fetchOnce(Cached seen) {
        Cached now = current;
        if (now != seen && now != null) {
            return Uni.createFrom().item(now.value()); // someone refreshed while we waited for the lock
        }
        if (inflight == null) {
            inflight = rest.token("client_credentials", config.npd().clientId(), config.npd().clientSecret())
                    .map(this::remember)
                    .onTermination().invoke(this::clearInflight)
                    .memoize().indefinitely();
        }
        return inflight.map(Cached::value);
    }

    private synchronized void clearInflight() {
        inflight = null;
    }

    /** Drops the cached token, so the next call fetches one (tests start from a known state). */
    synchronized void forget() {
        current = null;
    }

    private Cached remember(NpdToken token) {
        if (token.accessToken() == null || token.accessToken().isBlank()) {
            // Sending "Bearer null" would only earn a 401 and a second useless token request.
            throw new NpdException.Unavailable("NPD token response without access_token", null, null);
        }
        Duration life = Duration.ofSeconds(Math.max(1, token.expiresIn()));
        // Never keep a token past half its life when the configured margin is larger than that.
        Duration margin = config.npd().tokenRefreshMargin();
        if (margin.compareTo(life.dividedBy(2)) > 0) {
            margin = life.dividedBy(2);
        }
        Cached fresh = new Cached(token.accessToken(), clock.instant().plus(life).minus(margin));
        current = fresh;
        LOG.debugf("NPD token obtained, valid for %ds", token.expiresIn());
        return fresh;
    }
}
