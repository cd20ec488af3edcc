package vn.gov.dancu.gateway.upstream.npd;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
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

    @Inject
    Clock clock;

    /**
     * Resilience: each attempt is cut at the timeout; the named breaker {@code npd} opens when
     * half of the last 10 calls failed and lets a probe through after 5 s (half-open), so an
     * outage answers at once instead of stacking timeouts; the bulkhead caps concurrent calls so
     * a slow NPD cannot take every connection.
     *
     * <p>Only what says the NPD is unwell counts against the breaker ({@code failOn}): it was
     * unreachable, answered 5xx or garbage, rejected our credentials, or did not answer in time.
     * "Not found", "cancelled" and 429 are answers of a working NPD; a 400, or a request the
     * HTTP client refused to send (a header value with CR/LF, say), is a request the gateway
     * malformed. Those are {@code skipOn}: a caller who can make the gateway send a bad header
     * must not be able to open the circuit for every counter in the province.
     *
     * @return the answer; fails with {@link NpdException}s, or a fault-tolerance exception when
     *         the breaker is open, the bulkhead full or the attempt timed out
     */
    @Timeout(1200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { NpdException.Unavailable.class, TimeoutException.class },
            skipOn = { NpdException.Rejected.class, NpdException.RateLimited.class,
                    NpdException.CitizenNotFound.class, NpdException.IdCancelled.class })
    @CircuitBreakerName(NpdClient.CIRCUIT_BREAKER)
    @Bulkhead(value = 64, waitingTaskQueue = 256)
    public Uni<NpdLookup> attempt(NpdPurpose purpose, String personalId, Collection<NpdField> fields) {
        String fieldList = fields.stream().map(NpdField::jsonName).collect(Collectors.joining(","));
        // Deferred, so that a request the client refuses to build fails the Uni instead of throwing.
        // traceparent: set by the OpenTelemetry REST client instrumentation.
        return withToken(token -> Uni.createFrom().deferred(() -> rest.citizen(personalId, fieldList,
                "Bearer " + token, purpose.purposeCode(), purpose.caseId(), purpose.officerId(),
                purpose.agencyCode(), purpose.requestId()))
                .onFailure(NpdGuard::refusedBeforeSending).transform(NpdGuard::asRejected))
                .map(body -> (NpdLookup) new NpdLookup.Found(NpdCitizen.fromNpd(body, fields), clock.instant(), false))
                .onFailure(NpdException.CitizenNotFound.class).recoverWithItem(NpdLookup.NotFound::new)
                .onFailure(NpdException.IdCancelled.class).recoverWithItem(e ->
                        new NpdLookup.Cancelled(((NpdException.IdCancelled) e).replacedBy()))
                .onFailure(e -> !(e instanceof NpdException)).transform(NpdGuard::asUnavailable);
    }

    /**
     * The HTTP client refuses to send a request it considers malformed by throwing
     * {@link IllegalArgumentException} (Vert.x validates header names and values); nothing
     * reached the NPD, and trying again would send the same bad request.
     */
    private static boolean refusedBeforeSending(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable asRejected(Throwable e) {
        // The message names only the kind: Vert.x's own message quotes the offending value.
        return new NpdException.Rejected("NOT_SENT", false);
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
