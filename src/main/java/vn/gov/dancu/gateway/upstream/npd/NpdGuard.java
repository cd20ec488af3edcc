package vn.gov.dancu.gateway.upstream.npd;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One guarded attempt at an NPD lookup: token, purpose headers, minimised fields, and the
 * fault-tolerance envelope. Retries are not here but in {@link NpdClient}, where a retry budget
 * can refuse them; the circuit breaker and bulkhead sit around each single attempt, so a retry
 * counts as one more call, as it is for the NPD.
 */
@ApplicationScoped
class NpdGuard {

    @Inject
    @RestClient
    NpdRestClient rest;

    @Inject
    NpdTokens tokens;

    /**
     * Resilience: each attempt is cut at the timeout; the named breaker {@code npd} opens when
     * half of the last 10 calls failed and lets a probe through after 5 s (half-open), so an
     * outage answers at once instead of stacking timeouts; the bulkhead caps concurrent calls so
     * a slow NPD cannot take every connection. "Not found", "cancelled" and 429 are answers of a
     * working NPD and never trip the breaker; nor does our own contract mistake (400).
     *
     * @return the answer; fails with {@link NpdException}s, or a fault-tolerance exception when
     *         the breaker is open, the bulkhead full or the attempt timed out
     */
    @Timeout(1200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            skipOn = { NpdException.Rejected.class, NpdException.RateLimited.class,
                    NpdException.CitizenNotFound.class, NpdException.IdCancelled.class })
    @CircuitBreakerName(NpdClient.CIRCUIT_BREAKER)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    public Uni<NpdLookup> attempt(NpdPurpose purpose, String personalId, Collection<NpdField> fields) {
        String fieldList = fields.stream().map(NpdField::jsonName).collect(Collectors.joining(","));
        return withToken(token -> rest.citizen(personalId, fieldList, "Bearer " + token,
                purpose.purposeCode(), purpose.caseId(), purpose.officerId(), purpose.agencyCode(),
                purpose.requestId())) // traceparent: set by the OpenTelemetry REST client instrumentation
                .map(body -> (NpdLookup) new NpdLookup.Found(NpdCitizen.fromNpd(body, fields)))
                .onFailure(NpdException.CitizenNotFound.class).recoverWithItem(NpdLookup.NotFound::new)
                .onFailure(NpdException.IdCancelled.class).recoverWithItem(e ->
                        new NpdLookup.Cancelled(((NpdException.IdCancelled) e).replacedBy()))
                .onFailure(e -> !(e instanceof NpdException)).transform(NpdGuard::asUnavailable);
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
