package vn.gov.dancu.gateway.upstream.vneid;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed identity proof or VNeID call, translated at the client edge: nothing of VNeID's body
 * (which could quote the code) or of a rejected token travels further. The subclasses are what
 * the API needs to choose its answer (spec §5.2).
 */
public class VneidException extends RuntimeException {

    private final Duration retryAfter;
    private final int status;

    VneidException(String message, Duration retryAfter, int status) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
        this.status = status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** VNeID's HTTP status behind this failure, or 0 when none came (local validation, network). */
    public int status() {
        return status;
    }

    /** The proof is not genuine or not valid now: 422 IDENTITY_PROOF_INVALID with this reason. */
    public static final class ProofInvalid extends VneidException {
        private final ProofFailure reason;

        public ProofInvalid(ProofFailure reason, int status) {
            super("identity proof invalid: " + reason, null, status);
            this.reason = reason;
        }

        public ProofFailure reason() {
            return reason;
        }
    }

    /** The QR code was redeemed before (410 CODE_ALREADY_USED): 409 IDENTITY_PROOF_USED. */
    public static final class ProofUsed extends VneidException {
        ProofUsed() {
            super("identity proof already used", null, 410);
        }
    }

    /** The citizen's account is locked or revoked (423 ACCOUNT_LOCKED). */
    public static final class AccountLocked extends VneidException {
        AccountLocked() {
            super("VNeID account locked", null, 423);
        }
    }

    /** 401 TOKEN_INVALID / TOKEN_EXPIRED: our access token; the guard gets a new one and tries once more. */
    static final class TokenRejected extends VneidException {
        TokenRejected(String errorCode) {
            super("token rejected: " + errorCode, null, 401);
        }
    }

    /**
     * VNeID could not be used: down, 5xx, 429, unreadable, our credentials refused, or a request
     * VNeID called malformed (which no retry mends either). The caller sees 503 VNEID_UNAVAILABLE.
     */
    public static final class Unavailable extends VneidException {
        public Unavailable(String message, Duration retryAfter, int status) {
            super(message, retryAfter, status);
        }
    }
}
