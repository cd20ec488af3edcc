package vn.gov.dancu.gateway.store;

/** The gateway's own PostgreSQL could not be used (down, refused, timed out): an outage, not a bug. */
public class StoreUnavailableException extends RuntimeException {

    private final String sqlState;

    public StoreUnavailableException(String message, String sqlState) {
        super(message, null, false, false);
        this.sqlState = sqlState;
    }

    /** The SQLState, for operators; never the server's detail (which may quote a row). */
    public String sqlState() {
        return sqlState;
    }
}
