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

/**
 * The Art. 5 prohibitions of the Law on Marriage and Family 2014 that the NPD can inform:
 * an existing marriage and a shared parent. The fixtures' bride (1998) and groom (1996) are of age
 * and single with no parents recorded, so each test adds only what it is about.
 */
class MarriageImpedimentsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final String SOMEONE_ELSE = "070095000333";

    @Test
    void raisesNoIssueForTwoSingleAdultsWithDifferentParents() {
        ObjectNode bride = Citizens.bride();
        bride.set("father", Citizens.related("070070000001", "Phạm Văn Hải"));
        ObjectNode groom = Citizens.groom();
        groom.set("father", Citizens.related("070068000002", "Hoàng Văn Sơn"));
        assertEquals(List.of(), check(bride, groom));
    }

    @Test
    void flagsASpouseToBeRecordedAsMarried() {
        ObjectNode bride = Citizens.bride();
        bride.put("maritalStatus", "MARRIED");
        assertEquals(List.of(issue(IssueCode.ALREADY_MARRIED, PartyRole.BRIDE, "maritalStatus")),
                check(bride, Citizens.groom()));
    }

    @Test
    void flagsASpouseRecordedWithSomeoneElse() {
        ObjectNode groom = Citizens.groom();
        groom.put("maritalStatus", "SINGLE"); // the link alone is enough, whatever the status says
        groom.set("spouse", Citizens.related(SOMEONE_ELSE, "Lê Thị Mai"));
        assertEquals(List.of(issue(IssueCode.ALREADY_MARRIED, PartyRole.GROOM, "spouse")),
                check(Citizens.bride(), groom));
    }

    @Test
    void flagsAForeignSpouseRecordedWithoutANumber() {
        ObjectNode groom = Citizens.groom();
        groom.set("spouse", Citizens.related(null, "Kim Ji-young"));
        assertEquals(List.of(issue(IssueCode.ALREADY_MARRIED, PartyRole.GROOM, "spouse")),
                check(Citizens.bride(), groom));
    }

    @Test
    void warnsOnlyOfAStaleSpouseLinkOfADivorcedOrWidowedPerson() {
        for (String status : List.of("DIVORCED", "WIDOWED")) {
            ObjectNode groom = Citizens.groom();
            groom.put("maritalStatus", status);
            groom.set("spouse", Citizens.related(SOMEONE_ELSE, "Lê Thị Mai"));
            assertEquals(List.of(new Issue(IssueCode.ALREADY_MARRIED, Severity.WARNING, "groom", "spouse", null,
                    List.of())), check(Citizens.bride(), groom), status);
        }
    }

    @Test
    void acceptsASpouseLinkToTheOtherParty() {
        ObjectNode bride = Citizens.bride();
        bride.set("spouse", Citizens.related(Citizens.GROOM, "Hoàng Văn Đức"));
        ObjectNode groom = Citizens.groom();
        groom.set("spouse", Citizens.related(Citizens.BRIDE, "Phạm Thị Thu"));
        assertEquals(List.of(), check(bride, groom));
    }

    @Test
    void flagsASharedFather() {
        ObjectNode bride = Citizens.bride();
        bride.set("father", Citizens.related(Citizens.FATHER, "Trần Văn Minh"));
        ObjectNode groom = Citizens.groom();
        groom.set("father", Citizens.related(Citizens.FATHER, "Trần Văn Minh"));
        assertEquals(List.of(issue(IssueCode.SHARED_PARENT, PartyRole.GROOM, "father")), check(bride, groom));
    }

    @Test
    void flagsASharedMother() {
        ObjectNode bride = Citizens.bride();
        bride.set("mother", Citizens.related(Citizens.GRANDMOTHER, "Lê Thị Hoa"));
        ObjectNode groom = Citizens.groom();
        groom.set("mother", Citizens.related(Citizens.GRANDMOTHER, "Lê Thị Hoa"));
        assertEquals(List.of(issue(IssueCode.SHARED_PARENT, PartyRole.GROOM, "mother")), check(bride, groom));
    }

    @Test
    void doesNotTreatTwoParentsWithoutNumbersAsTheSamePerson() {
        // Same name, no number on either side: nothing proves it is one person.
        ObjectNode bride = Citizens.bride();
        bride.set("father", Citizens.related(null, "Nguyễn Văn An"));
        ObjectNode groom = Citizens.groom();
        groom.set("father", Citizens.related(null, "Nguyễn Văn An"));
        assertEquals(List.of(), check(bride, groom));
    }

    private static List<Issue> check(ObjectNode bride, ObjectNode groom) {
        List<Issue> issues = new ArrayList<>();
        Procedure.MARRIAGE_REGISTRATION.definition().check(
                facts(Procedure.MARRIAGE_REGISTRATION, found(PartyRole.BRIDE, bride), found(PartyRole.GROOM, groom)),
                TODAY, issues);
        // The message's arguments (what to check) are tested where the message is rendered.
        return issues.stream().map(i -> new Issue(i.code(), i.severity(), i.party(), i.field(), i.replacedBy(),
                List.of())).toList();
    }

    private static Issue issue(IssueCode code, PartyRole party, String field) {
        return new Issue(code, Severity.ERROR, party.key(), field, null, List.of());
    }
}
