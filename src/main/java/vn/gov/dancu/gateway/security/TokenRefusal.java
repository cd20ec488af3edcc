package vn.gov.dancu.gateway.security;

import io.quarkus.security.AuthenticationFailedException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Why a request was refused with 401, in a word an operator can act on, and nothing of the token
 * itself. Quarkus OIDC logs nothing useful at INFO when it refuses a token, and its DEBUG lines
 * quote the whole token (names, e-mail, agency: jose4j puts the claims into its exception
 * message), so those categories stay pinned at WARN in every profile (application.properties)
 * and the problem mapper logs this reason instead.
 */
public enum TokenRefusal {
    /** No bearer token at all (RFC 6750 §3: the challenge then carries no error). */
    MISSING("no bearer token"),
    /** Not a JWT in compact form ({@link CompactJwtBearer}). */
    MALFORMED("not a JWT"),
    EXPIRED("expired"),
    NOT_YET_VALID("not yet valid"),
    /** {@code iss} is not QUARKUS_OIDC_AUTH_SERVER_URL (localhost vs 127.0.0.1, a KC_HOSTNAME not set). */
    ISSUER("issuer"),
    /** {@code aud} lacks the gateway's audience: a token of another client of the realm. */
    AUDIENCE("audience"),
    SIGNATURE("signature"),
    /** Signed with a key ({@code kid}) the realm's JWKS does not hold, even after the forced refresh. */
    UNKNOWN_KEY("signature key unknown"),
    OTHER("invalid token");

    private final String reason;

    TokenRefusal(String reason) {
        this.reason = reason;
    }

    /** The short, claim-free reason for the log. */
    public String reason() {
        return reason;
    }

    /**
     * Classifies an authentication failure by the jose4j error codes in its cause chain (never by
     * its messages, which quote the claims).
     *
     * @param tokenGiven whether the request carried a bearer token
     */
    public static TokenRefusal of(Throwable failure, boolean tokenGiven) {
        if (!tokenGiven) {
            return MISSING;
        }
        if (failure instanceof AuthenticationFailedException refused && refused.getAttribute(CompactJwtBearer.NOT_A_JWT) != null) {
            return MALFORMED;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnresolvableKeyException) {
                return UNKNOWN_KEY;
            }
            if (t instanceof InvalidJwtException jwt) {
                if (jwt.getCause() instanceof UnresolvableKeyException) {
                    return UNKNOWN_KEY;
                }
                if (jwt.hasExpired()) {
                    return EXPIRED;
                }
                if (jwt.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || jwt.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return AUDIENCE;
                }
                if (jwt.hasErrorCode(ErrorCodes.ISSUER_INVALID) || jwt.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return ISSUER;
                }
                if (jwt.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || jwt.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return SIGNATURE;
                }
                if (jwt.hasErrorCode(ErrorCodes.NOT_YET_VALID) || jwt.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
                    return NOT_YET_VALID;
                }
                return OTHER;
            }
        }
        return OTHER;
    }
}
