package vn.gov.dancu.gateway.store;

/** Another request holds the same idempotency record and did not finish within the wait allowed. */
public class StoreBusyException extends RuntimeException {

    public StoreBusyException() {
        super("idempotency record locked by another request", null, false, false);
    }
}
