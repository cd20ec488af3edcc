package vn.gov.dancu.gateway.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;

/** The NPD's recorded date of death against the date of birth and today, partial dates only when certain. */
class DateOfDeathTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    @Test
    void acceptsAPlausibleDateAndOneWithinTheSameYearAsAYearOnlyBirth() {
        assertEquals(List.of(), reasons("1950-03-04", "2025-10-03"));
        assertEquals(List.of(), reasons("1950", "1950-01-01"), "born some day of 1950: not certainly before");
        assertEquals(List.of(), reasons("1950-03-04", "2026-06"), "some day of June 2026: not certainly after today");
    }

    @Test
    void flagsADeathBeforeBirthAndADeathInTheFuture() {
        assertEquals(List.of("death.invalid.beforeBirth"), reasons("1950-03-04", "1949-12-31"));
        assertEquals(List.of("death.invalid.beforeBirth"), reasons("1950", "1949"));
        assertEquals(List.of("death.invalid.future"), reasons("1950-03-04", "2026-06-02"));
    }

    private static List<String> reasons(String birth, String death) {
        ObjectNode record = Citizens.grandmother();
        record.put("dateOfBirth", birth);
        record.put("lifeStatus", "DECEASED");
        record.put("dateOfDeath", death);
        List<Issue> issues = new ArrayList<>();
        DeathRegistration.checkDateOfDeath(NpdCitizen.fromNpd(record), TODAY, issues);
        issues.forEach(i -> assertEquals(IssueCode.DATE_OF_DEATH_INVALID, i.code()));
        issues.forEach(i -> assertEquals(IssueCode.Severity.ERROR, i.severity()));
        return issues.stream().map(i -> ((Phrase) i.args().get(1)).key()).toList();
    }
}
