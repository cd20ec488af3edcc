package vn.gov.dancu.gateway.report;

import java.sql.SQLException;

/**
 * The database the report is computed from could not be read: an outage (503), not a bug. Keeps
 * only the SQL state, never the driver's message, which may quote values.
 */
public class ReportUnreadableException extends RuntimeException {

    private final String sqlState;

    ReportUnreadableException(SQLException cause) {
        super("report data not readable (SQL state " + cause.getSQLState() + ")", null, false, false);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }
}
