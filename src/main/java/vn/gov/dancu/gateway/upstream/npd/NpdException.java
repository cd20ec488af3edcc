package vn.gov.dancu.gateway.upstream.npd;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed NPD call, translated at the client edge so that nothing of the upstream's body or
 * stack travels further. Subclasses say what kind of failure it was; {@link #retryAfter()} is
 * the NPD's own Retry-After when it sent one.
 */
public class NpdException extends RuntimeException {

    private final Duration retryAfter;

    NpdException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause, false, false);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** False when the gateway refused the call itself and nothing was sent to the NPD. */
    public boolean sent() {
        return true;
    }

    /** The NPD's HTTP status behind this failure, or 0 when it never answered. */
    public int status() {
        return 0;
    }

    /** 404 CITIZEN_NOT_FOUND: an answer, recovered inside the client. */
    public static final class CitizenNotFound extends NpdException {
        CitizenNotFound() {
            super("citizen not found", null, null);
        }
    }

    /** 410 ID_CANCELLED, with the replacement number when the NPD gave one. */
    public static final class IdCancelled extends NpdException {
        private final String replacedBy;

        IdCancelled(String replacedBy) {
            super("id cancelled", null, null);
            this.replacedBy = replacedBy;
        }

        public Optional<String> replacedBy() {
            return Optional.ofNullable(replacedBy);
        }
    }

    /** 401 TOKEN_INVALID / TOKEN_EXPIRED: the client fetches a new token and retries once. */
    public static final class TokenRejected extends NpdException {
        TokenRejected(String errorCode) {
            super("token rejected: " + errorCode, null, null);
        }
    }

    /** 429 RATE_LIMITED: our credential's quota is spent until Retry-After. */
    public static final class RateLimited extends NpdException {
        private final boolean sent;

        RateLimited(Duration retryAfter) {
            this(retryAfter, true);
        }

        /** {@code sent} false: refused here because the NPD's Retry-After still runs; no call was made. */
        RateLimited(Duration retryAfter, boolean sent) {
            super("rate limited", retryAfter, null);
            this.sent = sent;
        }

        @Override
        public boolean sent() {
            return sent;
        }

        @Override
        public int status() {
            return 429;
        }
    }

    /** 503, other 5xx, network failure or an unreadable answer: worth one more try. */
    public static class Unavailable extends NpdException {
        private final int status;

        Unavailable(String reason, Duration retryAfter, Throwable cause) {
            this(reason, retryAfter, cause, 0);
        }

        Unavailable(String reason, Duration retryAfter, Throwable cause, int status) {
            super(reason, retryAfter, cause);
            this.status = status;
        }

        @Override
        public int status() {
            return status;
        }
    }

    /**
     * The NPD refused the gateway's token again right after a fresh one was fetched (or refused
     * to issue one): our credentials are wrong. The NPD is as unusable as when it is down, but
     * trying again cannot help, so this is never retried.
     */
    public static final class CredentialsRejected extends Unavailable {
        CredentialsRejected(Throwable cause) {
            super("NPD rejected the gateway's credentials", null, cause);
        }

        CredentialsRejected(String reason) {
            super("NPD rejected the gateway's credentials: " + reason, null, null);
        }
    }

    /**
     * A request the gateway malformed: the NPD answered 400 (or another 4xx with no meaning of
     * its own), or the HTTP client refused to send it. A bug, never retried, and never counted
     * against the circuit breaker: it says nothing about the NPD's health.
     */
    public static final class Rejected extends NpdException {
        private final boolean sent;

        Rejected(String errorCode) {
            this(errorCode, true);
        }

        /** {@code sent} false: the HTTP client refused the request, nothing reached the NPD. */
        Rejected(String errorCode, boolean sent) {
            super("request rejected: " + errorCode, null, null);
            this.sent = sent;
        }

        @Override
        public boolean sent() {
            return sent;
        }
    }

    // --- writes (personal-ids, civil-status-events) -------------------------------------------

    /**
     * A write the NPD refused for good (400, 404, 409, or another 4xx with no retry meaning):
     * sending it again cannot succeed. Carries the NPD's status, {@code errorCode} and message.
     * The message is the NPD's text for people: it is stored with a parked event and never logged.
     */
    public static final class Refused extends NpdException {
        private final int status;
        private final String errorCode;
        private final String npdMessage;

        Refused(int status, String errorCode, String npdMessage) {
            super("write refused: " + status + " " + errorCode, null, null);
            this.status = status;
            this.errorCode = errorCode;
            this.npdMessage = npdMessage;
        }

        @Override
        public int status() {
            return status;
        }

        public String errorCode() {
            return errorCode;
        }

        public String npdMessage() {
            return npdMessage;
        }
    }
}
