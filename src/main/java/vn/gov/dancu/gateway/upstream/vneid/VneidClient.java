package vn.gov.dancu.gateway.upstream.vneid;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import vn.gov.dancu.gateway.time.Deadline;

/**
 * VNeID as the rest of the gateway sees it: a QR code redeemed, or an ID token validated, within
 * the request's deadline. Every way a proof can fail ends as a {@link VneidException}: the
 * fault-tolerance types stay in this package.
 */
@ApplicationScoped
public class VneidClient {

    /** Name of the VNeID circuit breaker, for readiness and metrics. */
    public static final String CIRCUIT_BREAKER = "vneid";

    @Inject
    VneidGuard guard;

    @Inject
    VneidIdTokens idTokens;

    @Inject
    VneidHealth health;

    @Inject
    VneidMetrics metrics;

    /**
     * Redeems a one-time QR code at VNeID, once (never retried: it may have been consumed), cut
     * off at {@code deadline}.
     *
     * @return who the code belongs to; fails with {@link VneidException.ProofInvalid}
     *         (CODE_INVALID, CODE_EXPIRED), {@link VneidException.ProofUsed},
     *         {@link VneidException.AccountLocked} or {@link VneidException.Unavailable}
     */
    public Uni<VneidIdentity> redeem(String code, String officer, String agency, String requestId, Deadline deadline) {
        return bounded(metrics.observe("redeem", guard.redeem(code, officer, agency, requestId))
                .onFailure().invoke(e -> {
                    if (!(e instanceof CircuitBreakerOpenException) && !(e instanceof VneidException.ProofInvalid)
                            && !(e instanceof VneidException.ProofUsed) && !(e instanceof VneidException.AccountLocked)) {
                        health.record(e);
                    }
                }), deadline);
    }

    /**
     * Validates a citizen ID token locally (VNeID is asked only for its keys, and only when a
     * {@code kid} is new or the keys are old), cut off at {@code deadline}.
     */
    public Uni<VneidIdentity> validateIdToken(String idToken, Deadline deadline) {
        return bounded(idTokens.validator().validate(idToken)
                .onFailure(VneidException.Unavailable.class).invoke(health::record), deadline);
    }

    private static Uni<VneidIdentity> bounded(Uni<VneidIdentity> call, Deadline deadline) {
        Duration left = deadline.remaining();
        return call.ifNoItem().after(left.isZero() ? Duration.ofMillis(1) : left)
                .failWith(() -> new VneidException.Unavailable("deadline passed", null, 0))
                .onFailure(e -> !(e instanceof VneidException)).transform(VneidClient::unavailable);
    }

    private static Throwable unavailable(Throwable e) {
        String kind = e instanceof TimeoutException ? "timed out"
                : e instanceof CircuitBreakerOpenException ? "circuit open"
                : e instanceof BulkheadException ? "bulkhead full" : e.getClass().getSimpleName();
        return new VneidException.Unavailable("VNeID " + kind, null, 0);
    }
}
