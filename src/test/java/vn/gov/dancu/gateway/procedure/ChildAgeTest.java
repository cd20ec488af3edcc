package vn.gov.dancu.gateway.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.PartyResults;

/**
 * Issue 10 item 10 on a fixed registration date: the 60-day deadline (Law on Civil Status 2014
 * Arts. 13–16) and "under six" (Decree 63/2024 group 1) at their boundaries, from the declared date.
 */
class ChildAgeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    private static List<Issue> check(Procedure procedure, LocalDate born) {
        PrefillFacts f = PartyResults.facts(procedure, PartyResults.found(PartyRole.MOTHER, Citizens.mother()));
        PrefillFacts facts = new PrefillFacts(f.procedure(), f.parties(), null,
                born == null ? null : new PrefillCommand.DeclaredChild(born));
        List<Issue> issues = new ArrayList<>();
        procedure.definition().check(facts, TODAY, issues);
        return issues;
    }

    private static List<IssueCode> codes(List<Issue> issues) {
        return issues.stream().map(Issue::code).toList();
    }

    @Test
    void sixtyDaysIsInTimeAndSixtyOneLate() {
        assertFalse(codes(check(Procedure.BIRTH_REGISTRATION, TODAY.minusDays(60)))
                .contains(IssueCode.LATE_BIRTH_REGISTRATION));
        Issue late = check(Procedure.BIRTH_REGISTRATION, TODAY.minusDays(61)).stream()
                .filter(i -> i.code() == IssueCode.LATE_BIRTH_REGISTRATION).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, late.severity());
        assertEquals("mother", late.party());
        assertEquals(List.of(61L), late.args());
    }

    @Test
    void underSixUntilTheDayBeforeTheSixthBirthdayInTheGroupOnly() {
        Issue underSix = check(Procedure.BIRTH_RESIDENCE_INSURANCE, TODAY.minusYears(6).plusDays(1)).stream()
                .filter(i -> i.code() == IssueCode.CHILD_UNDER_SIX).findFirst().orElseThrow();
        assertEquals(Severity.INFO, underSix.severity());
        assertEquals(List.of(TODAY.toString()), underSix.args(), "last day under six");
        assertFalse(codes(check(Procedure.BIRTH_RESIDENCE_INSURANCE, TODAY.minusYears(6)))
                .contains(IssueCode.CHILD_UNDER_SIX));
        assertFalse(codes(check(Procedure.BIRTH_REGISTRATION, TODAY.minusDays(3))).contains(IssueCode.CHILD_UNDER_SIX));
    }

    @Test
    void withoutADateOnlySaysItWasNotCheckedAndNothingBlocks() {
        List<Issue> issues = check(Procedure.BIRTH_RESIDENCE_INSURANCE, null);
        assertTrue(codes(issues).contains(IssueCode.CHILD_AGE_NOT_CHECKED));
        assertFalse(codes(issues).contains(IssueCode.CHILD_UNDER_SIX));
        assertFalse(codes(issues).contains(IssueCode.LATE_BIRTH_REGISTRATION));
        assertTrue(check(Procedure.BIRTH_REGISTRATION, TODAY.minusYears(10)).stream()
                .noneMatch(i -> i.severity() == Severity.ERROR));
    }
}
