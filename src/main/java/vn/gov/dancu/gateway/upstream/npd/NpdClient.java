package vn.gov.dancu.gateway.upstream.npd;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.time.Deadline;

/**
 * The NPD as the rest of the gateway sees it: authenticated, purpose-bound, minimised, guarded,
 * within the province's quota, and cached per case for a short while. Every caller gets the same
 * behaviour because it all lives here, on the client, not in the procedures.
 */
@ApplicationScoped
public class NpdClient {

    private static final Logger LOG = Logger.getLogger(NpdClient.class);

    /** Name of the NPD circuit breaker, for readiness and metrics. */
    public static final String CIRCUIT_BREAKER = "npd";

    @Inject
    NpdGuard guard;

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

    @Inject
    Clock clock;

    /** Found records only: "not found" may change any minute, failures are never cached. */
    private Cache<CacheKey, NpdLookup.Found> cache;

    /** Everything that changes the answer (and who may see it) is in the key. */
    private record CacheKey(String purpose, String caseId, String agency, String personalId, List<NpdField> fields) {
    }

    @PostConstruct
    void init() {
        cache = Caffeine.newBuilder()
                .expireAfterWrite(config.npd().cache().ttl())
                .maximumSize(config.npd().cache().maxEntries())
                .build();
    }

    /** As {@link #lookup(NpdPurpose, PersonalId, Collection, NpdPriority)} for a counter prefill. */
    public Uni<NpdLookup> lookup(NpdPurpose purpose, PersonalId personalId, Collection<NpdField> fields) {
        return lookup(purpose, personalId, fields, NpdPriority.INTERACTIVE);
    }

    /**
     * Looks one citizen up, asking only for {@code fields}.
     *
     * <p>In order: the per-case cache (same procedure, case, agency, person and fields within the
     * TTL: no quota spent, the answer says {@code cached}); a Retry-After the NPD asked for (no
     * call before it expires); the quota (wait for a slot, interactive before bulk, agencies in
     * turn); the guarded attempt; and for a transient failure (5xx, network, unreadable body,
     * timeout) one jittered retry if the retry budget allows. Callers bound the whole with their
     * deadline: cancelling the returned Uni leaves the quota queue.
     *
     * @return the answer; fails with {@link NpdException.Unavailable} or
     *         {@link NpdException.RateLimited} (or a fault-tolerance exception when the breaker is
     *         open or the bulkhead full) when the NPD could not answer
     */
    public Uni<NpdLookup> lookup(NpdPurpose purpose, PersonalId personalId, Collection<NpdField> fields,
            NpdPriority priority) {
        return lookup(purpose, personalId, fields, priority, new Calls());
    }

    /**
     * Looks one citizen up for a counter prefill, as {@link #lookup(NpdPurpose, PersonalId,
     * Collection, NpdPriority)} does, cut off at {@code deadline} (leaving the quota queue if it
     * still waits there). Never fails: every way the lookup can end is an {@link NpdOutcome},
     * which says whether a request for it left the gateway, so the audit trail records only
     * calls that were made.
     */
    public Uni<NpdOutcome> lookup(NpdPurpose purpose, PersonalId personalId, Collection<NpdField> fields,
            Deadline deadline) {
        Calls calls = new Calls();
        Duration left = deadline.remaining();
        return lookup(purpose, personalId, fields, NpdPriority.INTERACTIVE, calls)
                .map(answer -> (NpdOutcome) new NpdOutcome.Answered(answer))
                .ifNoItem().after(left.isZero() ? Duration.ofMillis(1) : left).fail()
                .onFailure().recoverWithItem(e -> failed(e, calls.left()));
    }

    /** The failure as an outcome: what kind, the NPD's status and Retry-After, whether a call left. */
    static NpdOutcome.Failed failed(Throwable e, boolean sent) {
        NpdOutcome.Reason reason;
        if (e instanceof io.smallrye.mutiny.TimeoutException) {
            reason = NpdOutcome.Reason.DEADLINE;
        } else if (e instanceof TimeoutException) {
            reason = NpdOutcome.Reason.TIMED_OUT;
        } else if (e instanceof CircuitBreakerOpenException) {
            reason = NpdOutcome.Reason.CIRCUIT_OPEN;
        } else if (e instanceof BulkheadException) {
            reason = NpdOutcome.Reason.BULKHEAD_FULL;
        } else if (e instanceof NpdException.RateLimited) {
            reason = NpdOutcome.Reason.RATE_LIMITED;
        } else if (e instanceof NpdException.Rejected) {
            reason = NpdOutcome.Reason.REJECTED;
        } else {
            reason = NpdOutcome.Reason.UNAVAILABLE;
        }
        NpdException npd = e instanceof NpdException n ? n : null;
        return new NpdOutcome.Failed(reason, npd == null ? 0 : npd.status(),
                npd == null ? Optional.empty() : npd.retryAfter(), sent);
    }

    /**
     * Whether the attempts of one lookup left the gateway. An attempt counts once the quota let it
     * go and the breaker and bulkhead admitted it; one cut off while in flight counts too (its
     * request may have reached the NPD). One still queued for quota does not.
     */
    private static final class Calls {
        volatile boolean sent;
        volatile boolean inFlight;

        boolean left() {
            return sent || inFlight;
        }

        void ended(Throwable failure) {
            inFlight = false;
            boolean heldBack = failure instanceof CircuitBreakerOpenException || failure instanceof BulkheadException
                    || failure instanceof NpdException npd && !npd.sent();
            if (!heldBack) {
                sent = true;
            }
        }
    }

    private Uni<NpdLookup> lookup(NpdPurpose purpose, PersonalId personalId, Collection<NpdField> fields,
            NpdPriority priority, Calls calls) {
        CacheKey key = new CacheKey(purpose.purposeCode(), purpose.caseId(), purpose.agencyCode(),
                personalId.value(), List.copyOf(fields));
        if (config.npd().cache().enabled()) {
            NpdLookup.Found hit = cache.getIfPresent(key);
            if (hit != null) {
                return Uni.createFrom().item(hit.asCached());
            }
        }
        retryBudget.recordAttempt();
        return attempt(purpose, personalId, fields, priority, calls)
                .onFailure(NpdClient::retryable).recoverWithUni(failure -> {
                    // No retry while the NPD's Retry-After runs, nor beyond the budget.
                    if (config.npd().retry().maxRetries() < 1 || backoff.remaining().isPresent()
                            || !retryBudget.tryWithdraw()) {
                        return Uni.createFrom().failure(failure);
                    }
                    Duration pause = config.npd().retry().delay().plusMillis(
                            ThreadLocalRandom.current().nextLong(config.npd().retry().delay().toMillis() + 1));
                    return Uni.createFrom().voidItem().onItem().delayIt().by(pause)
                            .chain(() -> attempt(purpose, personalId, fields, priority, calls));
                })
                .invoke(answer -> {
                    if (answer instanceof NpdLookup.Found found && config.npd().cache().enabled()) {
                        cache.put(key, found);
                    }
                })
                .onFailure().invoke(e -> LOG.debugf("NPD lookup of %s failed: %s", personalId, e.getMessage()));
    }

    private Uni<NpdLookup> attempt(NpdPurpose purpose, PersonalId personalId, Collection<NpdField> fields,
            NpdPriority priority, Calls calls) {
        var wait = backoff.remaining();
        if (wait.isPresent()) {
            // The NPD asked us to wait: answer for it instead of spending quota on a certain refusal.
            return Uni.createFrom().failure(new NpdException.RateLimited(wait.get(), false));
        }
        Instant started = clock.instant();
        return quota.acquire(purpose.agencyCode(), priority)
                .invoke(() -> calls.inFlight = true)
                .chain(() -> metrics.observe("lookup", guard.attempt(purpose, personalId.value(), fields)))
                .invoke(answer -> calls.ended(null))
                .map(answer -> answer instanceof NpdLookup.Found found ? found.retrievedAt(started) : answer)
                .onFailure().invoke(e -> {
                    calls.ended(e);
                    // Readiness reports what the NPD did, not the breaker's refusal that follows it.
                    if (!(e instanceof CircuitBreakerOpenException)) {
                        health.record(e);
                    }
                    if (e instanceof NpdException npd && (npd.status() == 429 || npd.status() == 503)) {
                        npd.retryAfter().ifPresent(backoff::blockFor);
                    }
                });
    }

    /** Worth another try: the NPD may answer next time. Never a 429, a 400 or bad credentials. */
    private static boolean retryable(Throwable e) {
        if (e instanceof NpdException.CredentialsRejected) {
            return false;
        }
        return e instanceof NpdException.Unavailable || e instanceof TimeoutException;
    }

    // --- verify-only (identity, issue 8) ---

    @Inject
    NpdVerifyGuard verifyGuard;

    /**
     * Checks declared claims against the record (the NPD's verify operation), within the province's
     * quota as an interactive call and cut off at {@code deadline}. Not cached (the claims are the
     * question) and not retried (a counter retries by asking again).
     *
     * @return the verdicts, or NotFound / Cancelled; fails with {@link NpdException} or a
     *         fault-tolerance exception when the NPD could not answer (the caller answers 503)
     */
    public Uni<NpdVerification> verify(NpdPurpose purpose, PersonalId personalId, java.util.Map<String, String> claims,
            Deadline deadline) {
        var wait = backoff.remaining();
        if (wait.isPresent()) {
            return Uni.createFrom().failure(new NpdException.RateLimited(wait.get(), false));
        }
        Duration left = deadline.remaining();
        return quota.acquire(purpose.agencyCode(), NpdPriority.INTERACTIVE)
                .chain(() -> metrics.observeVerify(verifyGuard.verify(purpose, personalId.value(), claims)))
                .onFailure().invoke(e -> {
                    if (!(e instanceof CircuitBreakerOpenException)) {
                        health.record(e);
                    }
                    if (e instanceof NpdException npd && (npd.status() == 429 || npd.status() == 503)) {
                        npd.retryAfter().ifPresent(backoff::blockFor);
                    }
                })
                .ifNoItem().after(left.isZero() ? Duration.ofMillis(1) : left)
                .failWith(() -> new NpdException.Unavailable("deadline passed", null, null));
    }

    /** Empties the per-case cache (tests, and an operator's reset). */
    public void clearCache() {
        cache.invalidateAll();
    }
}
