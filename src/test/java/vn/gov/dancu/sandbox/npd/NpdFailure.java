package vn.gov.dancu.sandbox.npd;

/**
 * An error answer of the simulated NPD, thrown from deep inside a handler and written once, in
 * the contract's {@code Error} shape, by {@link NpdRoutes}. It is control flow, not a fault, so it
 * carries no stack trace.
 */
final class NpdFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String errorCode;
    final String replacedBy;
    final Integer retryAfterSeconds;

    NpdFailure(int status, String errorCode, String message) {
        this(status, errorCode, message, null, null);
    }

    NpdFailure(int status, String errorCode, String message, String replacedBy, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.replacedBy = replacedBy;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 INVALID_REQUEST; {@code message} names what was wrong, never the personal data sent. */
    static NpdFailure invalidRequest(String message) {
        return new NpdFailure(400, "INVALID_REQUEST", "Yêu cầu không hợp lệ: " + message);
    }

    static NpdFailure invalidId() {
        return new NpdFailure(400, "INVALID_ID", "Số định danh cá nhân không hợp lệ.");
    }

    static NpdFailure notFound() {
        return new NpdFailure(404, "CITIZEN_NOT_FOUND", "Không tìm thấy công dân có số định danh này.");
    }

    /** 410 ID_CANCELLED, naming the replacement only when the NPD knows it. */
    static NpdFailure cancelled(String replacedBy) {
        return new NpdFailure(410, "ID_CANCELLED", replacedBy == null
                ? "Số định danh cá nhân đã bị hủy."
                : "Số định danh cá nhân đã bị hủy và được thay bằng số khác.", replacedBy, null);
    }
}
