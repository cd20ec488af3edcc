package vn.gov.dancu.gateway.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vn.gov.dancu.gateway.testing.PartyResults.facts;
import static vn.gov.dancu.gateway.testing.PartyResults.found;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;

/** Law on Marriage and Family 2014 Art. 8(1)(a): a bride from full 18 years, a groom from full 20. */
class MarriageAgeRuleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    @Test
    void acceptsABrideWhoTurns18Today() {
        assertEquals(List.of(), checkAge(PartyRole.BRIDE, bornOn("2008-06-01"), 18));
    }

    @Test
    void flagsABrideWhoTurns18Tomorrow() {
        assertEquals(List.of(underAge(PartyRole.BRIDE, 18)), checkAge(PartyRole.BRIDE, bornOn("2008-06-02"), 18));
    }

    @Test
    void acceptsAGroomWhoTurns20Today() {
        assertEquals(List.of(), checkAge(PartyRole.GROOM, bornOn("2006-06-01"), 20));
    }

    @Test
    void flagsAGroomOf19() {
        assertEquals(List.of(underAge(PartyRole.GROOM, 20)), checkAge(PartyRole.GROOM, bornOn("2006-06-02"), 20));
    }

    @Test
    void raisesNoIssueWhenAYearOnlyDateLeavesTheAgeUncertain() {
        // Born some day in 2008: 18 already if born by 1 June, 17 otherwise. Only certainty counts.
        assertEquals(List.of(), checkAge(PartyRole.BRIDE, bornOn("2008"), 18));
        // Born in May 2008: 18 whatever the day.
        assertEquals(List.of(), checkAge(PartyRole.BRIDE, bornOn("2008-05"), 18));
    }

    @Test
    void flagsAPartialDateThatIsCertainlyTooYoung() {
        // Born some day in 2009: at most 17 on 1 June 2026.
        assertEquals(List.of(underAge(PartyRole.BRIDE, 18)), checkAge(PartyRole.BRIDE, bornOn("2009"), 18));
        // Born in June 2006: 2006-06-01 + 20 is today at the earliest, so possibly 20; July is certain.
        assertEquals(List.of(), checkAge(PartyRole.GROOM, bornOn("2006-06"), 20));
        assertEquals(List.of(underAge(PartyRole.GROOM, 20)), checkAge(PartyRole.GROOM, bornOn("2006-07"), 20));
    }

    @Test
    void raisesNoAgeIssueWithoutADateOfBirth() {
        ObjectNode record = Citizens.bride();
        record.putNull("dateOfBirth");
        assertEquals(List.of(), checkAge(PartyRole.BRIDE, NpdCitizen.fromNpd(record), 18));
    }

    @Test
    void appliesEighteenToTheBrideAndTwentyToTheGroom() {
        // Both 19 today: old enough to be a bride, too young to be a groom.
        ObjectNode bride = Citizens.bride();
        bride.put("dateOfBirth", "2007-03-15");
        ObjectNode groom = Citizens.groom();
        groom.put("dateOfBirth", "2007-03-15");
        List<Issue> issues = new ArrayList<>();
        Procedure.MARRIAGE_REGISTRATION.definition().check(
                facts(Procedure.MARRIAGE_REGISTRATION, found(PartyRole.BRIDE, bride), found(PartyRole.GROOM, groom)),
                TODAY, issues);
        assertEquals(List.of(underAge(PartyRole.GROOM, 20)), issues);
    }

    private static List<Issue> checkAge(PartyRole role, NpdCitizen citizen, int minimum) {
        List<Issue> issues = new ArrayList<>();
        MarriageRegistration.checkAge(role, citizen, minimum, TODAY, issues);
        return issues;
    }

    private static NpdCitizen bornOn(String dateOfBirth) {
        ObjectNode record = Citizens.bride();
        record.put("dateOfBirth", dateOfBirth);
        return NpdCitizen.fromNpd(record);
    }

    private static Issue underAge(PartyRole role, int minimum) {
        return new Issue(IssueCode.UNDER_MARRIAGE_AGE, Severity.ERROR, role.key(), "dateOfBirth", null,
                List.of(minimum));
    }
}
