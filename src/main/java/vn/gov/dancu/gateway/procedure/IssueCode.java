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
    INTERLINKED_CHECK,
    // --- issue 10 item 10, the declared child's age (birth procedures) ---
    /** Birth: the declared date of birth is more than 60 days before today; args: the days. */
    LATE_BIRTH_REGISTRATION,
    /** Birth group: the child is under six today (health-insurance card of Decree 63/2024 group 1); args: last day under six. */
    CHILD_UNDER_SIX,
    /** Birth: no {@code child.dateOfBirth} declared, so the deadline and age were not checked. */
    CHILD_AGE_NOT_CHECKED;

    /** How serious a finding is; only ERROR blocks registration. */
    public enum Severity {
        INFO, WARNING, ERROR
    }
}
