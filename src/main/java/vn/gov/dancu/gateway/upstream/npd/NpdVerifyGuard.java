package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One guarded verify-only call (identity, issue 8), with the same envelope as a lookup: timeout,
 * breaker ({@value #CIRCUIT_BREAKER}: a breaker's name is its own, so verify-only has one beside
 * the lookups' {@code npd}), bulkhead, and a fresh token once after a 401.
 */
@ApplicationScoped
class NpdVerifyGuard {

    static final String CIRCUIT_BREAKER = "npd-verify";
    private static final Set<String> VERDICTS = Set.of("MATCH", "MISMATCH", "NO_DATA");

    @Inject
    @RestClient
    NpdRestClient rest;

    @Inject
    NpdTokens tokens;

    @Timeout(1200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { NpdException.Unavailable.class, TimeoutException.class },
            skipOn = { NpdException.Rejected.class, NpdException.RateLimited.class,
                    NpdException.CitizenNotFound.class, NpdException.IdCancelled.class })
    @CircuitBreakerName(CIRCUIT_BREAKER)
    @Bulkhead(value = 32, waitingTaskQueue = 128)
    public Uni<NpdVerification> verify(NpdPurpose purpose, String personalId, Map<String, String> claims) {
        return tokens.token()
                .chain(token -> call(purpose, personalId, claims, token)
                        .onFailure(NpdException.TokenRejected.class)
                        .recoverWithUni(rejected -> tokens.replace(token)
                                .chain(fresh -> call(purpose, personalId, claims, fresh))))
                .onFailure(NpdException.TokenRejected.class).transform(NpdException.CredentialsRejected::new)
                .map(body -> (NpdVerification) verdicts(body, claims))
                .onFailure(NpdException.CitizenNotFound.class).recoverWithItem(NpdVerification.NotFound::new)
                .onFailure(NpdException.IdCancelled.class).recoverWithItem(e ->
                        new NpdVerification.Cancelled(((NpdException.IdCancelled) e).replacedBy()))
                .onFailure(e -> !(e instanceof NpdException)).transform(e -> new NpdException.Unavailable(
                        "NPD verify unreachable or unreadable: " + e.getClass().getSimpleName(), null, e));
    }

    private Uni<ObjectNode> call(NpdPurpose purpose, String personalId, Map<String, String> claims, String token) {
        return Uni.createFrom().deferred(() -> rest.verify(personalId, claims, "Bearer " + token,
                purpose.purposeCode(), purpose.caseId(), purpose.officerId(), purpose.agencyCode(),
                purpose.requestId()));
    }

    /**
     * Exactly one verdict per claim sent, read from the answer; anything else in the answer (a
     * value, a claim not asked about) is dropped, and an answer without a verdict for a claim sent
     * is unreadable: whatever the NPD does, no register value reaches the caller.
     */
    static NpdVerification.Verdicts verdicts(JsonNode body, Map<String, String> claims) {
        JsonNode results = body.path("results");
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (String claim : claims.keySet()) {
            String verdict = results.path(claim).asText("");
            if (!VERDICTS.contains(verdict)) {
                throw new NpdException.Unavailable("NPD verify answer without a verdict for a claim", null, null, 200);
            }
            verdicts.put(claim, verdict);
        }
        return new NpdVerification.Verdicts(verdicts);
    }
}
