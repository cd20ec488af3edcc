package vn.gov.dancu.gateway.procedure;

import java.util.Arrays;
import java.util.Optional;

/**
 * The procedures the gateway prefills (spec §3). The constant name is the purpose code sent to
 * the NPD in {@code X-Purpose}; the path segment is what callers put in the URL. What each
 * procedure needs — parties, NPD fields, legal checks, form — lives in its {@link ProcedureDefinition}.
 */
public enum Procedure {
    BIRTH_REGISTRATION("birth-registration", Roles.CIVIL_STATUS_OFFICER, new BirthRegistration(false)),
    DEATH_REGISTRATION("death-registration", Roles.CIVIL_STATUS_OFFICER, new DeathRegistration(false)),
    MARRIAGE_REGISTRATION("marriage-registration", Roles.CIVIL_STATUS_OFFICER, new MarriageRegistration()),
    JUDICIAL_RECORD("judicial-record", Roles.JUDICIAL_RECORD_OFFICER, new JudicialRecord()),
    BIRTH_RESIDENCE_INSURANCE("birth-residence-insurance", Roles.CIVIL_STATUS_OFFICER, new BirthRegistration(true)),
    DEATH_RESIDENCE_FUNERAL("death-residence-funeral", Roles.CIVIL_STATUS_OFFICER, new DeathRegistration(true));

    private final String pathSegment;
    private final String role;
    private final ProcedureDefinition definition;

    Procedure(String pathSegment, String role, ProcedureDefinition definition) {
        this.pathSegment = pathSegment;
        this.role = role;
        this.definition = definition;
    }

    /** The segment in {@code /api/v1/prefill/{procedure}}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** The purpose code sent to the NPD and reported in responses. */
    public String code() {
        return name();
    }

    /** The role an officer's token must carry to use this procedure. */
    public String role() {
        return role;
    }

    public ProcedureDefinition definition() {
        return definition;
    }

    public static Optional<Procedure> fromPathSegment(String segment) {
        return Arrays.stream(values()).filter(p -> p.pathSegment.equals(segment)).findFirst();
    }
}
