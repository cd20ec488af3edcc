package vn.gov.dancu.gateway.upstream.npd;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.citizen.PersonalId;

/**
 * The NPD as the rest of the gateway sees it: authenticated, purpose-bound, minimised and
 * guarded. Resilience lives here, on the wrapper, so every caller gets the same behaviour.
 */
@ApplicationScoped
public class NpdClient {

    private static final Logger LOG = Logger.getLogger(NpdClient.class);

    /** Name of the NPD circuit breaker, for readiness and metrics. */
    public static final String CIRCUIT_BREAKER = "npd";

    @Inject
    @RestClient
    NpdRestClient rest;

    @Inject
    NpdTokens tokens;

    /**
     * Looks one citizen up, asking only for {@code fields}.
     *
     * <p>Resilience: each attempt is cut at the timeout; a transient failure (5xx, network,
     * unreadable body, timeout) is tried once more after a short jittered pause, while a
     * credential rejection that survived a token refresh is not; the named
     * breaker {@code npd} opens when half of recent calls failed, so an outage answers at once
     * instead of stacking timeouts; the bulkhead caps concurrent calls so a slow NPD cannot take
     * every connection. "Not found" and "cancelled" are answers and never trip the breaker.
     *
     * @return the answer; fails with {@link NpdException.Unavailable} or
     *         {@link NpdException.RateLimited} (or a fault-tolerance exception when the breaker
     *         is open or the bulkhead full) when the NPD could not answer
     */
    @Timeout(1200)
    @Retry(maxRetries = 1, delay = 100, jitter = 50, retryOn = { NpdException.Unavailable.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class },
            abortOn = NpdException.CredentialsRejected.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = { NpdException.Rejected.class, NpdException.RateLimited.class })
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    @io.smallrye.faulttolerance.api.CircuitBreakerName(CIRCUIT_BREAKER)
    public Uni<NpdLookup> lookup(NpdPurpose purpose, PersonalId personalId, Collection<NpdField> fields) {
        String fieldList = fields.stream().map(NpdField::jsonName).collect(Collectors.joining(","));
        return withToken(token -> rest.citizen(personalId.value(), fieldList, "Bearer " + token,
                purpose.purposeCode(), purpose.caseId(), purpose.officerId(), purpose.agencyCode(),
                purpose.requestId(), purpose.traceparent()))
                .map(body -> (NpdLookup) new NpdLookup.Found(NpdCitizen.fromNpd(body, fields)))
                .onFailure(NpdException.CitizenNotFound.class).recoverWithItem(NpdLookup.NotFound::new)
                .onFailure(NpdException.IdCancelled.class).recoverWithItem(e ->
                        new NpdLookup.Cancelled(((NpdException.IdCancelled) e).replacedBy()))
                .onFailure(e -> !(e instanceof NpdException)).transform(NpdClient::asUnavailable)
                .onFailure().invoke(e -> LOG.debugf("NPD lookup of %s failed: %s", personalId, e.getMessage()));
    }

    /** Runs {@code call} with the shared token; on 401 gets a replacement and tries exactly once more. */
    private <T> Uni<T> withToken(Function<String, Uni<T>> call) {
        return tokens.token().chain(token -> call.apply(token)
                .onFailure(NpdException.TokenRejected.class)
                .recoverWithUni(rejected -> tokens.replace(token).chain(fresh -> call.apply(fresh))))
                // A second rejection (or a refused token request) means our credentials are wrong:
                // the NPD is unusable for us, which is what the caller needs to know.
                .onFailure(NpdException.TokenRejected.class)
                .transform(NpdException.CredentialsRejected::new);
    }

    private static Throwable asUnavailable(Throwable e) {
        return new NpdException.Unavailable("NPD unreachable or unreadable: " + e.getClass().getSimpleName(), null,
                e);
    }
}
