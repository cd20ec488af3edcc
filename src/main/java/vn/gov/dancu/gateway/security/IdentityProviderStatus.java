package vn.gov.dancu.gateway.security;

import io.quarkus.oidc.OIDCException;
import io.quarkus.oidc.SecurityEvent;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * What this instance last saw of the officers' identity provider, for the 503 answer and for
 * readiness, without ever calling the provider itself (a probe every few seconds from every pod
 * would be load on the province's Keycloak for nothing: Quarkus OIDC already contacts it when it
 * must, on the first request and on a forced JWKS refresh).
 *
 * <p>Unreachable from the first failure to reach it (the OIDC tenant could not be initialised, a
 * JWKS refresh failed, Quarkus's {@code OIDC_SERVER_NOT_AVAILABLE} event) until a token is
 * verified again or Quarkus reports {@code OIDC_SERVER_AVAILABLE}.
 */
@ApplicationScoped
public class IdentityProviderStatus implements SecurityIdentityAugmentor {

    /**
     * What a 503 tells a counter to wait: a restarting Keycloak answers again within about 15 s
     * (13 s measured); sooner would only repeat the failure.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** A failure to reach the provider, as readiness reports it (never a token, never a URL). */
    public record Outage(Instant since, String lastError) {
    }

    @Inject
    Clock clock;

    private volatile Outage outage;

    /**
     * True when {@code failure} means the identity provider could not be reached or used (a
     * connection refused, reset or timed out, Quarkus OIDC's "OIDC Server is not available", a
     * failed JWKS request), as opposed to a token that is simply invalid.
     */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // IOException: refused, reset or closed connections, unknown hosts; a token that is merely
            // invalid never fails with one.
            if (t instanceof OIDCException || t instanceof IOException || t instanceof HttpClosedException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Records that the provider could not be reached; keeps the start of an ongoing outage. */
    public void failed(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        Outage current = outage;
        outage = new Outage(current != null ? current.since() : clock.instant(), root.getClass().getSimpleName());
    }

    /** The ongoing outage, if the last contact failed. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /** A verified token: the provider's keys are usable again. Leaves the identity as it is. */
    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (outage != null && !identity.isAnonymous()) {
            outage = null;
        }
        return Uni.createFrom().item(identity);
    }

    void onOidcEvent(@Observes SecurityEvent event) {
        if (event.getEventType() == SecurityEvent.Type.OIDC_SERVER_NOT_AVAILABLE) {
            Outage current = outage;
            outage = new Outage(current != null ? current.since() : clock.instant(), "OIDC_SERVER_NOT_AVAILABLE");
        } else if (event.getEventType() == SecurityEvent.Type.OIDC_SERVER_AVAILABLE) {
            outage = null;
        }
    }
}
