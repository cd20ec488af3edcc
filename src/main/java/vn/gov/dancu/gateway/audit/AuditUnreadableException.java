package vn.gov.dancu.gateway.audit;

import java.sql.SQLException;

/**
 * The audit store could not be read: an outage (503 AUDIT_UNAVAILABLE), not a bug. It keeps only
 * the SQL state, never the driver's message, which may quote the values of the query.
 */
public class AuditUnreadableException extends RuntimeException {

    private final String sqlState;

    AuditUnreadableException(SQLException cause) {
        super("audit trail not readable (SQL state " + cause.getSQLState() + ")", null, false, false);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }
}
