package vn.gov.dancu.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * Officers' bearer tokens that Quarkus OIDC has verified (signature, issuer, audience, expiry) and
 * the identity it built from each, roles checked by {@link WellShapedRoles}: the next request with
 * the very same token string gets that identity without the signature being checked again.
 *
 * <p>Only acceptances are kept, never refusals: a forged or expired token always goes to Quarkus
 * OIDC, which refuses it as before. An entry lives {@code gateway.bearer.verified-for} (30 s) at
 * most and never past the token's {@code exp}, which is checked again on every hit. The key is the
 * whole token, compared in full: two tokens share an entry only if they are the same bytes.
 */
@ApplicationScoped
public class VerifiedBearers {

    /** The attribute under which Quarkus keeps the request's routing context on an identity. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    private record Verified(SecurityIdentity identity, Instant expires) {
    }

    private Cache<String, Verified> verified;

    @PostConstruct
    void init() {
        configure(config.bearer().verifiedFor(), config.bearer().maxVerified());
    }

    void configure(Duration verifiedFor, int maxVerified) {
        long ttl = verifiedFor.toNanos();
        verified = ttl <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxVerified)
                .expireAfter(new Expiry<String, Verified>() {
                    @Override
                    public long expireAfterCreate(String token, Verified v, long now) {
                        long untilExp = Duration.between(clock.instant(), v.expires()).toNanos();
                        return Math.max(0, Math.min(ttl, untilExp));
                    }

                    @Override
                    public long expireAfterUpdate(String token, Verified v, long now, long current) {
                        return expireAfterCreate(token, v, now);
                    }

                    @Override
                    public long expireAfterRead(String token, Verified v, long now, long current) {
                        return current;
                    }
                })
                .build();
    }

    /**
     * The identity verified for {@code token}, carrying this request's routing context, or
     * {@code null} when the token was not verified lately or has expired since.
     */
    public SecurityIdentity get(String token, RoutingContext context) {
        if (verified == null) {
            return null;
        }
        Verified v = verified.getIfPresent(token);
        if (v == null) {
            return null;
        }
        if (!clock.instant().isBefore(v.expires())) {
            verified.invalidate(token);
            return null;
        }
        // The identity Quarkus built names the request it was built for: this one's replaces it.
        return QuarkusSecurityIdentity.builder(v.identity()).addAttribute(ROUTING_CONTEXT, context).build();
    }

    /** Keeps an identity Quarkus OIDC built for {@code token}; one without a JWT expiry is not kept. */
    public void put(String token, SecurityIdentity identity) {
        if (verified == null || identity == null || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return;
        }
        verified.put(token, new Verified(identity, Instant.ofEpochSecond(jwt.getExpirationTime())));
    }

    /** Forgets every verified token (tests that rotate keys or change the provider's answers). */
    public void clear() {
        if (verified != null) {
            verified.invalidateAll();
        }
    }
}
