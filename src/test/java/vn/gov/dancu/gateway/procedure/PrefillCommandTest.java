package vn.gov.dancu.gateway.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.testing.Citizens;

class PrefillCommandTest {

    private static final String CASE_ID = "HS-2026-000123";

    @Test
    void buildsACommandFromAValidRequest() {
        PrefillCommand command = PrefillCommand.validate(Procedure.BIRTH_REGISTRATION, CASE_ID,
                Map.of("mother", Citizens.MOTHER, "father", Citizens.FATHER), true, "VNEID_QR");
        assertEquals(Procedure.BIRTH_REGISTRATION, command.procedure());
        assertEquals(CASE_ID, command.caseId());
        assertEquals(Map.of(PartyRole.MOTHER, Citizens.MOTHER, PartyRole.FATHER, Citizens.FATHER),
                command.parties().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value())));
    }

    @Test
    void collectsEveryViolationAtOnce() {
        Map<String, String> parties = new HashMap<>();
        parties.put("mother", "285123456");
        parties.put("grandmother", Citizens.GRANDMOTHER);
        parties.put("father", "07008900123X");
        List<Violation> violations = violations(Procedure.BIRTH_REGISTRATION, "HS 2026", parties, true, "SMS");
        assertEquals(Set.of(
                Violation.of("caseId", "violation.caseId.pattern"),
                Violation.of("identity.method", "violation.identity.method", "VNEID_QR, VNEID_ID_TOKEN, IN_PERSON"),
                Violation.of("parties.mother", "violation.personalId.OLD_ID_CARD"),
                Violation.of("parties.grandmother", "violation.parties.unknownRole", "mother, father, declarant"),
                Violation.of("parties.father", "violation.personalId.NOT_DIGITS")), Set.copyOf(violations));
        assertEquals(5, violations.size());
    }

    @Test
    void refusesARoleTheProcedureDoesNotHave() {
        // groom is a role of the gateway, but not of a birth registration
        assertEquals(List.of(Violation.of("parties.groom", "violation.parties.unknownRole",
                "mother, father, declarant")), violations(Procedure.BIRTH_REGISTRATION,
                        Map.of("mother", Citizens.MOTHER, "groom", Citizens.GROOM)));
    }

    @Test
    void requiresTheDeclarantOfADeathRegistration() {
        assertEquals(List.of(Violation.of("parties.declarant", "violation.parties.missing")),
                violations(Procedure.DEATH_REGISTRATION, Map.of("deceased", Citizens.GRANDMOTHER)));
    }

    @Test
    void requiresBothSpousesOfAMarriage() {
        List<Violation> violations = violations(Procedure.MARRIAGE_REGISTRATION, Map.of("applicant", Citizens.BRIDE));
        assertEquals(Set.of(Violation.of("parties.applicant", "violation.parties.unknownRole", "bride, groom"),
                Violation.of("parties.bride", "violation.parties.missing"),
                Violation.of("parties.groom", "violation.parties.missing")), Set.copyOf(violations));
        assertEquals(3, violations.size());
    }

    @Test
    void refusesABrideWhoIsAlsoTheGroom() {
        assertEquals(List.of(Violation.of("parties.groom", "violation.parties.sameAs", "bride")),
                violations(Procedure.MARRIAGE_REGISTRATION, Map.of("bride", Citizens.BRIDE, "groom", Citizens.BRIDE)));
    }

    @Test
    void refusesAMotherWhoIsAlsoTheFather() {
        assertEquals(List.of(Violation.of("parties.father", "violation.parties.sameAs", "mother")),
                violations(Procedure.BIRTH_REGISTRATION, Map.of("mother", Citizens.MOTHER, "father", Citizens.MOTHER)));
    }

    @Test
    void allowsTheMotherToDeclareTheBirth() {
        PrefillCommand command = PrefillCommand.validate(Procedure.BIRTH_REGISTRATION, CASE_ID,
                Map.of("mother", Citizens.MOTHER, "declarant", Citizens.MOTHER), false, null);
        assertEquals(command.parties().get(PartyRole.MOTHER), command.parties().get(PartyRole.DECLARANT));
    }

    @Test
    void requiresAtLeastOneParentForABirth() {
        assertEquals(List.of(Violation.of("parties", "violation.parties.oneParent")),
                violations(Procedure.BIRTH_REGISTRATION, Map.of("declarant", Citizens.GRANDMOTHER)));
    }

    @Test
    void requiresSomeParties() {
        assertEquals(List.of(Violation.of("parties", "violation.parties.required")),
                violations(Procedure.BIRTH_REGISTRATION, Map.of()));
        assertEquals(List.of(Violation.of("parties", "violation.parties.required")),
                violations(Procedure.JUDICIAL_RECORD, CASE_ID, null, false, null));
    }

    @Test
    void tellsTheOfficerToUseTheTwelveDigitNumberForAnOldIdCard() {
        assertEquals(List.of(Violation.of("parties.applicant", "violation.personalId.OLD_ID_CARD")),
                violations(Procedure.JUDICIAL_RECORD, Map.of("applicant", "285123456")));
    }

    @Test
    void namesTheStructuralProblemOfANumber() {
        assertEquals(List.of(Violation.of("parties.deceased", "violation.personalId.UNKNOWN_PROVINCE")),
                violations(Procedure.DEATH_REGISTRATION, Map.of("deceased", "003165000777",
                        "declarant", Citizens.MOTHER)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "HS 2026 000123", // spaces
            "HS-2026-\u0111", // a Vietnamese letter
            "HS-2026-000123\n",
            "HS-2026-000123;DROP",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }) // 65 characters
    void refusesACaseIdOutsideThePattern(String caseId) {
        assertEquals(List.of(Violation.of("caseId", "violation.caseId.pattern")),
                violations(Procedure.JUDICIAL_RECORD, caseId, Map.of("applicant", Citizens.MOTHER), false, null));
    }

    @Test
    void acceptsACaseIdOfSixtyFourCharactersFromTheWholeAlphabet() {
        String caseId = "HS-2026/000123_a.b" + "0".repeat(46);
        assertEquals(64, caseId.length());
        assertEquals(caseId, PrefillCommand.validate(Procedure.JUDICIAL_RECORD, caseId,
                Map.of("applicant", Citizens.MOTHER), false, null).caseId());
    }

    @Test
    void requiresACaseId() {
        assertEquals(List.of(Violation.of("caseId", "violation.caseId.required")),
                violations(Procedure.JUDICIAL_RECORD, "", Map.of("applicant", Citizens.MOTHER), false, null));
        assertEquals(List.of(Violation.of("caseId", "violation.caseId.required")),
                violations(Procedure.JUDICIAL_RECORD, null, Map.of("applicant", Citizens.MOTHER), false, null));
    }

    @Test
    void refusesAnUnknownIdentityMethod() {
        Violation expected = Violation.of("identity.method", "violation.identity.method",
                "VNEID_QR, VNEID_ID_TOKEN, IN_PERSON");
        assertEquals(List.of(expected), violations(Procedure.JUDICIAL_RECORD, CASE_ID,
                Map.of("applicant", Citizens.MOTHER), true, "vneid_qr"));
        assertEquals(List.of(expected), violations(Procedure.JUDICIAL_RECORD, CASE_ID,
                Map.of("applicant", Citizens.MOTHER), true, null));
    }

    @Test
    void acceptsEachIdentityMethodOfTheSpec() {
        for (String method : List.of("VNEID_QR", "VNEID_ID_TOKEN", "IN_PERSON")) {
            PrefillCommand.validate(Procedure.JUDICIAL_RECORD, CASE_ID, Map.of("applicant", Citizens.MOTHER), true,
                    method);
        }
    }

    private static List<Violation> violations(Procedure procedure, Map<String, String> parties) {
        return violations(procedure, CASE_ID, parties, false, null);
    }

    private static List<Violation> violations(Procedure procedure, String caseId, Map<String, String> parties,
            boolean identityGiven, String identityMethod) {
        GatewayException e = assertThrows(GatewayException.class,
                () -> PrefillCommand.validate(procedure, caseId, parties, identityGiven, identityMethod));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        return e.violations();
    }
}
