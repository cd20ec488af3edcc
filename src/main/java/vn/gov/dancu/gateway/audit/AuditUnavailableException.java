package vn.gov.dancu.gateway.audit;

/** The audit store could not record an access: the caller must not receive the data. */
public class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message) {
        super(message, null, false, false);
    }
}
