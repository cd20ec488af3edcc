package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * One guarded attempt at an NPD write: token (a fresh one once on 401), headers, and the
 * fault-tolerance envelope. Its own breaker, {@value #CIRCUIT_BREAKER}: a backlog of civil-status
 * events hammering a sick NPD must not be what opens the circuit that counter prefills depend on
 * (they have {@value NpdClient#CIRCUIT_BREAKER}); and an open write circuit holds the outbox back
 * without a call. Refusals and 429s are answers of a working NPD and never count against it.
 */
@ApplicationScoped
class NpdWriteGuard {

    /** Name of the breaker around NPD writes. */
    static final String CIRCUIT_BREAKER = "npd-writes";

    /** The NPD's write operations. */
    enum Operation {
        PERSONAL_IDS("personalIds"), CIVIL_STATUS_EVENTS("civilStatusEvents");

        final String metricName;

        Operation(String metricName) {
            this.metricName = metricName;
        }
    }

    @Inject
    @RestClient
    NpdWriteRestClient rest;

    @Inject
    NpdTokens tokens;

    /**
     * Resilience: each attempt is cut at 2 s (a write does more at the NPD than a lookup; the
     * newborn's request still answers within its 3 s deadline, and an outbox lease is far longer);
     * the breaker opens when half of the last 10 writes failed and probes after 5 s; the bulkhead
     * caps concurrent writes so the outbox can never take every NPD connection.
     */
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { NpdException.Unavailable.class, TimeoutException.class },
            skipOn = { NpdException.Refused.class, NpdException.RateLimited.class, NpdException.Rejected.class })
    @CircuitBreakerName(CIRCUIT_BREAKER)
    @Bulkhead(value = 32, waitingTaskQueue = 128)
    public Uni<RestResponse<ObjectNode>> attempt(Operation operation, NpdWriteHeaders headers, String idempotencyKey,
            JsonNode body) {
        return tokens.token().chain(token -> send(operation, headers, idempotencyKey, body, token)
                .onFailure(NpdException.TokenRejected.class)
                .recoverWithUni(rejected -> tokens.replace(token)
                        .chain(fresh -> send(operation, headers, idempotencyKey, body, fresh))))
                .onFailure(NpdException.TokenRejected.class).transform(NpdException.CredentialsRejected::new)
                .onFailure(e -> !(e instanceof NpdException)).transform(e -> new NpdException.Unavailable(
                        "NPD unreachable or unreadable: " + e.getClass().getSimpleName(), null, e));
    }

    private Uni<RestResponse<ObjectNode>> send(Operation operation, NpdWriteHeaders h, String key, JsonNode body,
            String token) {
        // Deferred, so a request the client refuses to build fails the Uni instead of throwing.
        return Uni.createFrom().deferred(() -> switch (operation) {
            case PERSONAL_IDS -> rest.issuePersonalId(body, "Bearer " + token, key, h.caseId(), h.officerId(),
                    h.agencyCode(), h.requestId());
            case CIVIL_STATUS_EVENTS -> rest.reportEvent(body, "Bearer " + token, key, h.caseId(), h.officerId(),
                    h.agencyCode(), h.requestId());
        });
    }
}
