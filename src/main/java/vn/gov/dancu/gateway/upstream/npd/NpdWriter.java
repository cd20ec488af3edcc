package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.RestResponse;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.time.Deadline;

/**
 * The NPD's write operations as the rest of the gateway sees them: authenticated, within the
 * province's quota, behind the NPD's Retry-After, guarded ({@link NpdWriteGuard}), counted. Both
 * writes are idempotent at the NPD on {@code Idempotency-Key} (contract: the same key and body
 * answer the first answer again), which is what makes any retry of them safe: a second attempt
 * with the same key can never issue a second number or apply an event twice.
 *
 * <p>Every method ends in an {@link NpdWriteOutcome}, never a failed Uni.
 */
@ApplicationScoped
public class NpdWriter {

    @Inject
    NpdWriteGuard guard;

    @Inject
    NpdQuota quota;

    @Inject
    NpdBackoff backoff;

    @Inject
    RetryBudget retryBudget;

    @Inject
    NpdHealth health;

    @Inject
    NpdMetrics metrics;

    @Inject
    GatewayConfig config;

    /**
     * Asks the NPD for a newborn's personal number ({@code POST /api/v1/personal-ids}) for a
     * counter officer who is waiting: interactive priority, cut off at {@code deadline}. A
     * transient failure gets one jittered retry when the retry budget and the deadline allow it;
     * that is safe only because the NPD dedupes on {@code idempotencyKey} (the retry of a request
     * that did reach the NPD is answered with the number already issued, 200).
     *
     * @param idempotencyKey the key the NPD dedupes on; the same for every try of one birth
     */
    public Uni<NpdWriteOutcome> issuePersonalId(NpdWriteHeaders headers, String idempotencyKey, JsonNode body,
            Deadline deadline) {
        Tries tries = new Tries();
        retryBudget.recordAttempt();
        Uni<NpdWriteOutcome> first = attempt(NpdWriteGuard.Operation.PERSONAL_IDS, headers, idempotencyKey, body,
                NpdPriority.INTERACTIVE, tries);
        Uni<NpdWriteOutcome> withRetry = first.chain(outcome -> {
            if (!(outcome instanceof NpdWriteOutcome.Failed failed) || !retryable(failed)
                    || config.npd().retry().maxRetries() < 1 || backoff.remaining().isPresent()
                    || deadline.remaining().compareTo(Duration.ofMillis(500)) < 0 || !retryBudget.tryWithdraw()) {
                return Uni.createFrom().item(outcome);
            }
            Duration pause = config.npd().retry().delay().plusMillis(
                    ThreadLocalRandom.current().nextLong(config.npd().retry().delay().toMillis() + 1));
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause).chain(() -> attempt(
                    NpdWriteGuard.Operation.PERSONAL_IDS, headers, idempotencyKey, body, NpdPriority.INTERACTIVE,
                    tries));
        });
        Duration left = deadline.remaining();
        return withRetry.ifNoItem().after(left.isZero() ? Duration.ofMillis(1) : left)
                .recoverWithItem(() -> new NpdWriteOutcome.Failed(tries.sent, 0, Optional.empty()));
    }

    /**
     * Delivers one civil-status event ({@code POST /api/v1/civil-status-events}) for the outbox:
     * bulk priority (counter prefills take the quota first), no retry here (the outbox retries
     * with its own backoff), and no call at all while the NPD's Retry-After runs. If no quota slot
     * frees up within {@code maxQueueWait} the event is not sent ({@code Failed(sent=false)}): the
     * outbox lease it was claimed under must not run out while a request could still leave.
     *
     * @param idempotencyKey the event's own key, the same on every delivery attempt
     */
    public Uni<NpdWriteOutcome> reportEvent(NpdWriteHeaders headers, String idempotencyKey, JsonNode body,
            Duration maxQueueWait) {
        Optional<Duration> wait = backoff.remaining();
        if (wait.isPresent()) {
            return Uni.createFrom().item(new NpdWriteOutcome.Failed(false, 0, wait));
        }
        Tries tries = new Tries();
        return quota.acquire(headers.agencyCode(), NpdPriority.BULK)
                .ifNoItem().after(maxQueueWait.isZero() ? Duration.ofMillis(1) : maxQueueWait).fail()
                .onItemOrFailure().transformToUni((granted, failure) -> failure != null
                        ? Uni.createFrom().item((NpdWriteOutcome) new NpdWriteOutcome.Failed(false, 0, Optional.empty()))
                        : send(NpdWriteGuard.Operation.CIVIL_STATUS_EVENTS, headers, idempotencyKey, body, tries));
    }

    /** Whether any attempt of one write may have reached the NPD. */
    private static final class Tries {
        volatile boolean sent;
    }

    private Uni<NpdWriteOutcome> attempt(NpdWriteGuard.Operation operation, NpdWriteHeaders headers, String key,
            JsonNode body, NpdPriority priority, Tries tries) {
        Optional<Duration> wait = backoff.remaining();
        if (wait.isPresent()) {
            // The NPD asked us to wait: answer for it instead of spending quota on a certain refusal.
            return Uni.createFrom().item(new NpdWriteOutcome.Failed(false, 0, wait));
        }
        return quota.acquire(headers.agencyCode(), priority).chain(() -> send(operation, headers, key, body, tries));
    }

    private Uni<NpdWriteOutcome> send(NpdWriteGuard.Operation operation, NpdWriteHeaders headers, String key,
            JsonNode body, Tries tries) {
        return metrics.observe(operation.metricName, guard.attempt(operation, headers, key, body))
                .map(response -> {
                    tries.sent = true;
                    return (NpdWriteOutcome) new NpdWriteOutcome.Done(response.getStatus(), response.getEntity());
                })
                .onFailure().recoverWithItem(e -> outcome(e, tries));
    }

    private NpdWriteOutcome outcome(Throwable e, Tries tries) {
        boolean heldBack = e instanceof CircuitBreakerOpenException || e instanceof BulkheadException;
        if (!heldBack) {
            tries.sent = true;
        }
        if (e instanceof NpdException.Refused refused) {
            return new NpdWriteOutcome.Refused(refused.status(), refused.errorCode(), refused.npdMessage());
        }
        if (e instanceof NpdException.Unavailable || e instanceof TimeoutException) {
            health.record(e);
        }
        NpdException npd = e instanceof NpdException n ? n : null;
        if (npd != null && (npd.status() == 429 || npd.status() == 503)) {
            npd.retryAfter().ifPresent(backoff::blockFor);
        }
        return new NpdWriteOutcome.Failed(tries.sent, npd == null ? 0 : npd.status(),
                npd == null ? Optional.empty() : npd.retryAfter());
    }

    /** Worth another try at once: the NPD may answer next time. Never a 429 or bad credentials. */
    private static boolean retryable(NpdWriteOutcome.Failed failed) {
        return failed.status() != 429 && failed.status() != 0 || failed.sent() && failed.status() == 0;
    }
}
