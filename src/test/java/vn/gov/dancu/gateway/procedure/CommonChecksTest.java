package vn.gov.dancu.gateway.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.gov.dancu.gateway.testing.PartyResults.cancelled;
import static vn.gov.dancu.gateway.testing.PartyResults.facts;
import static vn.gov.dancu.gateway.testing.PartyResults.found;
import static vn.gov.dancu.gateway.testing.PartyResults.notFound;
import static vn.gov.dancu.gateway.testing.PartyResults.unavailable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.testing.Citizens;

/**
 * The checks every procedure applies to every party. The fixtures' numbers agree with their
 * records (sex digit and birth year), so each test changes only what it is about.
 */
class CommonChecksTest {

    @Test
    void raisesNoIssueForAFoundRecordThatAgreesWithItsNumberAndRole() {
        assertEquals(List.of(), check(found(PartyRole.MOTHER, Citizens.mother()),
                found(PartyRole.FATHER, Citizens.father())));
    }

    @Test
    void flagsAMotherRecordedAsMale() {
        // The father's record (male number, male record) named as the mother: only the role disagrees.
        assertEquals(List.of(issue(IssueCode.ROLE_GENDER_MISMATCH, Severity.ERROR, PartyRole.MOTHER, "gender")),
                check(found(PartyRole.MOTHER, Citizens.father())));
    }

    @Test
    void flagsAGroomRecordedAsFemale() {
        assertEquals(List.of(issue(IssueCode.ROLE_GENDER_MISMATCH, Severity.ERROR, PartyRole.GROOM, "gender")),
                check(found(PartyRole.GROOM, Citizens.bride())));
    }

    @Test
    void flagsADeceasedDeclarantAsAnError() {
        ObjectNode declarant = Citizens.mother();
        declarant.put("lifeStatus", "DECEASED");
        assertEquals(List.of(issue(IssueCode.PARTY_DECEASED, Severity.ERROR, PartyRole.DECLARANT, "lifeStatus")),
                check(found(PartyRole.DECLARANT, declarant)));
    }

    @Test
    void flagsADeceasedMotherOnlyAsAWarning() {
        ObjectNode mother = Citizens.mother();
        mother.put("lifeStatus", "DECEASED");
        assertEquals(List.of(issue(IssueCode.PARTY_DECEASED, Severity.WARNING, PartyRole.MOTHER, "lifeStatus")),
                check(found(PartyRole.MOTHER, mother)));
    }

    @Test
    void flagsAMissingDeclarantAsAnErrorAndAMissingParentAsAWarning() {
        ObjectNode declarant = Citizens.mother();
        declarant.put("lifeStatus", "MISSING");
        assertEquals(List.of(issue(IssueCode.PARTY_MISSING, Severity.ERROR, PartyRole.DECLARANT, "lifeStatus")),
                check(found(PartyRole.DECLARANT, declarant)));
        ObjectNode father = Citizens.father();
        father.put("lifeStatus", "MISSING");
        assertEquals(List.of(issue(IssueCode.PARTY_MISSING, Severity.WARNING, PartyRole.FATHER, "lifeStatus")),
                check(found(PartyRole.FATHER, father)));
    }

    @Test
    void leavesTheDeathOfTheDeceasedToTheDeathProcedure() {
        ObjectNode deceased = Citizens.grandmother();
        deceased.put("lifeStatus", "DECEASED");
        assertEquals(List.of(), check(found(PartyRole.DECEASED, deceased)));
    }

    @Test
    void flagsARecordWhoseSexDisagreesWithTheNumber() {
        ObjectNode declarant = Citizens.father(); // the number's fourth digit 0 says male
        declarant.put("gender", "FEMALE");
        assertEquals(List.of(issue(IssueCode.ID_DATA_INCONSISTENT, Severity.WARNING, PartyRole.DECLARANT, "gender")),
                check(found(PartyRole.DECLARANT, declarant)));
    }

    @Test
    void flagsARecordWhoseBirthYearDisagreesWithTheNumber() {
        ObjectNode declarant = Citizens.mother(); // the number says 1990
        declarant.put("dateOfBirth", "1991-05-12");
        assertEquals(
                List.of(issue(IssueCode.ID_DATA_INCONSISTENT, Severity.WARNING, PartyRole.DECLARANT, "dateOfBirth")),
                check(found(PartyRole.DECLARANT, declarant)));
    }

    @Test
    void notesAYearOnlyDateOfBirth() {
        ObjectNode mother = Citizens.grandmother(); // the number says 1965
        mother.put("dateOfBirth", "1965");
        assertEquals(List.of(new Issue(IssueCode.PARTIAL_DATE_OF_BIRTH, Severity.INFO, "mother", "dateOfBirth", null,
                List.of("1965"))), check(found(PartyRole.MOTHER, mother)));
    }

    @Test
    void notesAYearAndMonthDateOfBirth() {
        ObjectNode mother = Citizens.grandmother();
        mother.put("dateOfBirth", "1965-01");
        assertEquals(List.of(new Issue(IssueCode.PARTIAL_DATE_OF_BIRTH, Severity.INFO, "mother", "dateOfBirth", null,
                List.of("1965-01"))), check(found(PartyRole.MOTHER, mother)));
    }

    @Test
    void flagsANumberTheNpdDoesNotKnow() {
        assertEquals(List.of(issue(IssueCode.CITIZEN_NOT_FOUND, Severity.ERROR, PartyRole.MOTHER, null)),
                check(notFound(PartyRole.MOTHER, Citizens.UNKNOWN)));
    }

    @Test
    void flagsACancelledNumberWithItsReplacement() {
        assertEquals(List.of(new Issue(IssueCode.ID_CANCELLED, Severity.ERROR, "father", null, Citizens.REPLACEMENT,
                List.of())), check(cancelled(PartyRole.FATHER, Citizens.CANCELLED, Citizens.REPLACEMENT)));
    }

    @Test
    void flagsACancelledNumberWithoutAKnownReplacement() {
        assertEquals(List.of(new Issue(IssueCode.ID_CANCELLED, Severity.ERROR, "father", null, null, List.of())),
                check(cancelled(PartyRole.FATHER, Citizens.CANCELLED, null)));
    }

    @Test
    void warnsAboutAPartyTheNpdCouldNotServe() {
        assertEquals(List.of(issue(IssueCode.PARTY_UNAVAILABLE, Severity.WARNING, PartyRole.FATHER, null)),
                check(unavailable(PartyRole.FATHER, Citizens.FATHER)));
    }

    @Test
    void checksEveryPartyOfTheRequest() {
        ObjectNode declarant = Citizens.grandmother();
        declarant.put("lifeStatus", "DECEASED");
        List<Issue> issues = check(notFound(PartyRole.MOTHER, Citizens.UNKNOWN),
                unavailable(PartyRole.FATHER, Citizens.FATHER), found(PartyRole.DECLARANT, declarant));
        assertEquals(Set.of(
                issue(IssueCode.CITIZEN_NOT_FOUND, Severity.ERROR, PartyRole.MOTHER, null),
                issue(IssueCode.PARTY_UNAVAILABLE, Severity.WARNING, PartyRole.FATHER, null),
                issue(IssueCode.PARTY_DECEASED, Severity.ERROR, PartyRole.DECLARANT, "lifeStatus")), Set.copyOf(issues));
        assertEquals(3, issues.size());
    }

    private static List<Issue> check(PartyResult... parties) {
        List<Issue> issues = new ArrayList<>();
        CommonChecks.check(facts(Procedure.BIRTH_REGISTRATION, parties), issues);
        return issues;
    }

    private static Issue issue(IssueCode code, Severity severity, PartyRole party, String field) {
        return new Issue(code, severity, party.key(), field, null, List.of());
    }
}
