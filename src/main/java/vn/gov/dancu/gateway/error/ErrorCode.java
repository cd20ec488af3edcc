package vn.gov.dancu.gateway.error;

/**
 * The stable codes callers program against (spec §1). The HTTP status belongs to the code, so a
 * code can never be sent with two different statuses. Titles live in {@code messages*.properties}
 * under {@code error.<CODE>.title}.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    MALFORMED_JSON(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    AGENCY_REQUIRED(403),
    UNKNOWN_PROCEDURE(404),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NOT_ACCEPTABLE(406),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RATE_LIMITED(429),
    INTERNAL_ERROR(500),
    NPD_UNAVAILABLE(503),
    VNEID_UNAVAILABLE(503),
    AUDIT_UNAVAILABLE(503),
    // Writes (spec §5.4 newborn's number, §5.5 civil-status events)
    IDEMPOTENCY_KEY_REQUIRED(400),
    IDEMPOTENCY_CONFLICT(409),
    NPD_REFUSED(422),
    // Keycloak end to end (issue 9, item 6): the officers' identity provider cannot be reached,
    // so no token can be verified; with Retry-After, never a 500.
    IDENTITY_PROVIDER_UNAVAILABLE(503),
    // --- identity and verify-only (issue 8) ---
    IDENTITY_PROOF_INVALID(422),
    IDENTITY_PROOF_USED(409),
    IDENTITY_ACCOUNT_LOCKED(423),
    CITIZEN_NOT_FOUND(404),
    ID_CANCELLED(410);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /**
     * The code for a refusal the HTTP layer (or a framework exception) decided by its status
     * alone, when the status has one; empty for any other status, whose default the caller picks.
     */
    public static java.util.Optional<ErrorCode> forStatus(int status) {
        return java.util.Optional.ofNullable(switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        });
    }
}
