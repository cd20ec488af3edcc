package vn.gov.dancu.gateway.procedure;

import java.util.List;
import vn.gov.dancu.gateway.citizen.Gender;
import vn.gov.dancu.gateway.citizen.PartialDate;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * The checks every procedure applies to every party: lookup outcome, life status, the sex the
 * role implies, agreement between the number and the record, and partial dates of birth.
 */
final class CommonChecks {

    private CommonChecks() {
    }

    static void check(PrefillFacts facts, List<Issue> issues) {
        for (PartyResult party : facts.all()) {
            PartyRole role = party.role();
            switch (party.outcome()) {
                case NOT_FOUND -> issues.add(Issue.of(IssueCode.CITIZEN_NOT_FOUND, Severity.ERROR, role, null));
                case CANCELLED -> issues.add(new Issue(IssueCode.ID_CANCELLED, Severity.ERROR, role.key(), null,
                        party.replacedBy(), List.of()));
                case UNAVAILABLE -> issues.add(Issue.of(IssueCode.PARTY_UNAVAILABLE, Severity.WARNING, role, null));
                case FOUND -> checkRecord(role, party.personalId(), party.citizen(), issues);
            }
        }
    }

    private static void checkRecord(PartyRole role, String number, NpdCitizen citizen, List<Issue> issues) {
        // The deceased of a death registration is expected to be dead: DeathRegistration
        // reports that case itself (DEATH_ALREADY_RECORDED).
        if (role != PartyRole.DECEASED && citizen.lifeStatus().filter("DECEASED"::equals).isPresent()) {
            issues.add(Issue.of(IssueCode.PARTY_DECEASED, role.actsInPerson() ? Severity.ERROR : Severity.WARNING,
                    role, NpdField.LIFE_STATUS.jsonName()));
        }
        // Declared missing (Civil Code Art. 68): one who must act in person cannot be at the
        // counter as that person without the declaration being annulled; a missing parent is
        // a fact the officer writes down, not a bar.
        if (citizen.lifeStatus().filter("MISSING"::equals).isPresent()) {
            issues.add(Issue.of(IssueCode.PARTY_MISSING, role.actsInPerson() ? Severity.ERROR : Severity.WARNING,
                    role, NpdField.LIFE_STATUS.jsonName()));
        }
        role.expectedGender().ifPresent(expected -> citizen.gender()
                .filter(actual -> actual != expected)
                .ifPresent(actual -> issues.add(Issue.of(IssueCode.ROLE_GENDER_MISMATCH, Severity.ERROR, role,
                        NpdField.GENDER.jsonName()))));
        checkNumberAgainstRecord(role, number, citizen, issues);
        citizen.dateOfBirth()
                .filter(dob -> dob.precision() != PartialDate.Precision.DAY)
                .ifPresent(dob -> issues.add(Issue.of(IssueCode.PARTIAL_DATE_OF_BIRTH, Severity.INFO, role,
                        NpdField.DATE_OF_BIRTH.jsonName(), dob.toString())));
    }

    /**
     * The number encodes sex and birth year; a record that disagrees is a data-quality signal
     * (domain.md §5.5), not necessarily a typo, so it is a warning for the officer to look at.
     */
    private static void checkNumberAgainstRecord(PartyRole role, String number, NpdCitizen citizen,
            List<Issue> issues) {
        PersonalId id;
        try {
            id = PersonalId.parse(number);
        } catch (PersonalId.InvalidPersonalIdException e) {
            return; // requests are validated before lookup; nothing to compare against
        }
        Gender encoded = id.gender();
        citizen.gender().filter(g -> g != encoded).ifPresent(g -> issues.add(Issue.of(
                IssueCode.ID_DATA_INCONSISTENT, Severity.WARNING, role, NpdField.GENDER.jsonName())));
        citizen.dateOfBirth().filter(dob -> dob.year() != id.birthYear()).ifPresent(dob -> issues.add(Issue.of(
                IssueCode.ID_DATA_INCONSISTENT, Severity.WARNING, role, NpdField.DATE_OF_BIRTH.jsonName())));
    }
}
