package vn.gov.dancu.gateway.procedure;

/** The findings a prefill can report (spec §4); messages are {@code issue.<CODE>} in the bundle. */
public enum IssueCode {
    CITIZEN_NOT_FOUND,
    ID_CANCELLED,
    PARTY_DECEASED,
    DEATH_ALREADY_RECORDED,
    ROLE_GENDER_MISMATCH,
    UNDER_MARRIAGE_AGE,
    ALREADY_MARRIED,
    SHARED_PARENT,
    ID_DATA_INCONSISTENT,
    PARTIAL_DATE_OF_BIRTH,
    PARTY_UNAVAILABLE,
    IDENTITY_MISMATCH,
    IDENTITY_LEVEL_TOO_LOW;

    /** How serious a finding is; only ERROR blocks registration. */
    public enum Severity {
        INFO, WARNING, ERROR
    }
}
