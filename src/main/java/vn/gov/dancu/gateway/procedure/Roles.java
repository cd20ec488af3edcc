package vn.gov.dancu.gateway.procedure;

/** The realm roles of spec §1, as they appear in the officer's token. */
public final class Roles {
    public static final String CIVIL_STATUS_OFFICER = "civil-status-officer";
    public static final String JUDICIAL_RECORD_OFFICER = "judicial-record-officer";
    public static final String AUDITOR = "auditor";
    public static final String REPORT_VIEWER = "report-viewer";

    private Roles() {
    }
}
