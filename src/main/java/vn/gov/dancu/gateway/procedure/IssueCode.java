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
    IDENTITY_LEVEL_TOO_LOW,
    // --- issue 10, what an officer would catch (domain) ---
    /** Bride and groom of one blood line or related within three generations; args: the relation. */
    KINSHIP_PROHIBITED,
    /** A parent or grandparent link the kinship check needs is missing from the NPD. */
    KINSHIP_NOT_VERIFIABLE,
    /** The named father is not the mother's recorded spouse, or she has none. */
    PATERNITY_RECOGNITION_NEEDED,
    /** A party recorded as declared missing. */
    PARTY_MISSING,
    /** The recorded date of death lies before the date of birth or in the future. */
    DATE_OF_DEATH_INVALID,
    /** An address recorded under units abolished or merged in 2025 (spec §7). */
    ADDRESS_IN_FORMER_UNITS,
    /** Death group: the deceased heads a household, which needs a new head. */
    HOUSEHOLD_HEAD_DECEASED,
    /** Birth group: the child's residence and health-insurance card depend on facts the officer confirms. */
    INTERLINKED_CHECK;

    /** How serious a finding is; only ERROR blocks registration. */
    public enum Severity {
        INFO, WARNING, ERROR
    }
}
