package vn.gov.dancu.gateway.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * The NPD fields each role may be asked for are the spec's (section 3) and nothing more: the NPD
 * logs every field requested, so one extra field is an auditable over-collection.
 */
class ProcedureFieldsTest {

    private static final String PARENT = "fullName,dateOfBirth,gender,ethnicity,nationality,hometown,"
            + "permanentResidence,temporaryResidence,currentResidence,spouse,lifeStatus";
    // Temporary residence since issue 10: the forms' "Nơi cư trú" is permanent, else temporary, else current.
    private static final String DECLARANT = "fullName,dateOfBirth,idCard,permanentResidence,temporaryResidence,"
            + "currentResidence,lifeStatus";
    private static final String DECEASED = "fullName,dateOfBirth,gender,ethnicity,nationality,idCard,"
            + "permanentResidence,temporaryResidence,currentResidence,lifeStatus,dateOfDeath";
    private static final String SPOUSE_TO_BE = "fullName,dateOfBirth,gender,ethnicity,nationality,idCard,"
            + "permanentResidence,temporaryResidence,currentResidence,maritalStatus,spouse,father,mother,lifeStatus";
    // No birthRegistrationPlace since issue 10: "Nơi sinh" is the place of birth, which the NPD does not offer.
    private static final String APPLICANT = "fullName,otherNames,dateOfBirth,gender,ethnicity,"
            + "nationality,idCard,permanentResidence,temporaryResidence,currentResidence,father,mother,spouse,"
            + "phoneNumber,email,lifeStatus";

    @Test
    void asksEachRoleForExactlyTheFieldsOfTheSpec() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("BIRTH_REGISTRATION/mother", PARENT);
        expected.put("BIRTH_REGISTRATION/father", PARENT);
        expected.put("BIRTH_REGISTRATION/declarant", DECLARANT);
        expected.put("DEATH_REGISTRATION/deceased", DECEASED);
        expected.put("DEATH_REGISTRATION/declarant", DECLARANT);
        expected.put("MARRIAGE_REGISTRATION/bride", SPOUSE_TO_BE);
        expected.put("MARRIAGE_REGISTRATION/groom", SPOUSE_TO_BE);
        expected.put("JUDICIAL_RECORD/applicant", APPLICANT);
        expected.put("BIRTH_RESIDENCE_INSURANCE/mother", PARENT + ",household");
        expected.put("BIRTH_RESIDENCE_INSURANCE/father", PARENT + ",household");
        expected.put("BIRTH_RESIDENCE_INSURANCE/declarant", DECLARANT);
        expected.put("DEATH_RESIDENCE_FUNERAL/deceased", DECEASED + ",household,spouse");
        expected.put("DEATH_RESIDENCE_FUNERAL/declarant", DECLARANT);

        Map<String, String> actual = new LinkedHashMap<>();
        for (Procedure procedure : Procedure.values()) {
            for (PartySpec spec : procedure.definition().parties()) {
                actual.put(procedure.code() + "/" + spec.role().key(),
                        spec.fields().stream().map(NpdField::jsonName).collect(Collectors.joining(",")));
            }
        }
        assertEquals(expected, actual);
    }

    @Test
    void requiresTheRolesTheSpecMarksRequired() {
        Map<String, List<String>> expected = Map.of(
                "BIRTH_REGISTRATION", List.of(), // at least one parent, checked across parties
                "DEATH_REGISTRATION", List.of("deceased", "declarant"),
                "MARRIAGE_REGISTRATION", List.of("bride", "groom"),
                "JUDICIAL_RECORD", List.of("applicant"),
                "BIRTH_RESIDENCE_INSURANCE", List.of(),
                "DEATH_RESIDENCE_FUNERAL", List.of("deceased", "declarant"));
        for (Procedure procedure : Procedure.values()) {
            assertEquals(expected.get(procedure.code()), procedure.definition().parties().stream()
                    .filter(PartySpec::required).map(s -> s.role().key()).toList(), procedure.code());
        }
    }
}
