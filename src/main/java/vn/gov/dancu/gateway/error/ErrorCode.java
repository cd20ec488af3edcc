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
    AUDIT_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
