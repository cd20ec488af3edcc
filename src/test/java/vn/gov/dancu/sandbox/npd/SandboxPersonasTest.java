package vn.gov.dancu.sandbox.npd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.POPULATION;
import static vn.gov.dancu.sandbox.npd.SandboxPersonas.*;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Gender;
import vn.gov.dancu.sandbox.npd.CitizenRecord.LifeStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.MaritalStatus;

class SandboxPersonasTest {

    /** Numbers that deliberately lead to no record. */
    private static final Set<String> WITHOUT_RECORD = Set.of(CANCELLED_WITH_REPLACEMENT,
            CANCELLED_WITHOUT_REPLACEMENT, NOT_IN_NPD, OLD_ID_CARD_NUMBER);

    @Test
    void everyPersonaNumberIsDistinctAndStructurallyValid() throws IllegalAccessException {
        List<String> numbers = personaNumbers();
        assertEquals(numbers.size(), Set.copyOf(numbers).size(), "no two personas share a number");
        numbers.stream().filter(n -> !n.equals(OLD_ID_CARD_NUMBER))
                .forEach(n -> assertTrue(PersonalId.isValid(n), n));
        assertFalse(PersonalId.isValid(OLD_ID_CARD_NUMBER), "a 9-digit CMND is not a personal id");
    }

    @Test
    void everyPersonaExceptTheUnreachableNumbersHasARecord() throws IllegalAccessException {
        for (String number : personaNumbers()) {
            assertEquals(!WITHOUT_RECORD.contains(number), POPULATION.find(number).isPresent(), number);
            if (!WITHOUT_RECORD.contains(number)) {
                assertTrue(POPULATION.isPersona(number));
            }
        }
    }

    @Test
    void motherAndFatherAreMarriedToEachOtherInAHouseholdOfFive() {
        CitizenRecord mother = citizen(MOTHER);
        CitizenRecord father = citizen(FATHER);
        assertEquals("Nguyễn Thị Lan", mother.fullName());
        assertEquals("1990-05-12", mother.dateOfBirth());
        assertEquals(Gender.FEMALE, mother.gender());
        assertEquals("1989", father.dateOfBirth().substring(0, 4));
        assertEquals(List.of("01", "01"), List.of(mother.ethnicity().code(), father.ethnicity().code()));
        assertEquals(FATHER, mother.spouse().personalId());
        assertEquals(MOTHER, father.spouse().personalId());
        assertEquals(MaritalStatus.MARRIED, mother.maritalStatus());
        assertEquals(FATHER, mother.household().headPersonalId());
        assertEquals("Chủ hộ", father.household().relationshipToHead());
        assertEquals("Vợ", mother.household().relationshipToHead());
        long members = POPULATION.all().stream().filter(c -> c.household() != null
                && c.household().householdNumber().equals(father.household().householdNumber())).count();
        assertEquals(5, members);
        assertNotEquals(mother.hometown(), father.hometown(), "two hometowns to suggest");
        assertNotNull(mother.religion(), "held, so a test can prove it is never asked for");
        assertNotNull(mother.bloodType());
    }

    @Test
    void declarantIsTheMothersLivingMotherWithAFullDateAndAValidCard() {
        CitizenRecord declarant = citizen(DECLARANT);
        assertEquals(DECLARANT, citizen(MOTHER).mother().personalId());
        assertEquals(LifeStatus.ALIVE, declarant.lifeStatus());
        assertEquals(10, declarant.dateOfBirth().length());
        assertNotNull(declarant.idCard());
        assertNull(declarant.idCard().expiryDate(), "issued at 59: valid for life");
    }

    @Test
    void addressesOccurInPreAndPostMergerUnits() {
        CitizenRecord.Address before = citizen(MOTHER).permanentResidence();
        assertEquals(List.of("70", "Bình Phước", "689", "25195"),
                List.of(before.provinceCode(), before.provinceName(), before.districtCode(), before.wardCode()));
        CitizenRecord.Address after = citizen(DECLARANT).permanentResidence();
        assertEquals(List.of("75", "Đồng Nai"), List.of(after.provinceCode(), after.provinceName()));
        assertNull(after.districtCode());
        assertNull(after.districtName());
    }

    @Test
    void mixedEthnicityParentsAreMarriedAndDiffer() {
        CitizenRecord father = citizen(MIXED_ETHNICITY_FATHER);
        CitizenRecord mother = citizen(MIXED_ETHNICITY_MOTHER);
        assertEquals("02", father.ethnicity().code());
        assertEquals("Tày", father.ethnicity().name());
        assertEquals("01", mother.ethnicity().code());
        assertEquals(MIXED_ETHNICITY_MOTHER, father.spouse().personalId());
    }

    @Test
    void foreignSpouseAndForeignFatherAreNamedWithoutANumber() {
        CitizenRecord mother = citizen(MOTHER_WITH_FOREIGN_SPOUSE);
        assertEquals(MaritalStatus.MARRIED, mother.maritalStatus());
        assertNull(mother.spouse().personalId());
        assertEquals(new CitizenRecord.CodeName("KR", "Hàn Quốc"), mother.spouse().nationality());
        CitizenRecord child = citizen(CHILD_WITH_FOREIGN_FATHER);
        assertNull(child.father().personalId());
        assertEquals("KR", child.father().nationality().code());
        assertEquals(MOTHER_WITH_FOREIGN_SPOUSE, child.mother().personalId());
        assertEquals("VN", child.nationality().code());
    }

    @Test
    void childWithoutFatherHasOnlyAMother() {
        CitizenRecord child = citizen(CHILD_WITHOUT_FATHER);
        assertNull(child.father());
        assertNotNull(child.mother().personalId());
        assertTrue(child.fullName().startsWith("Nguyễn"), "the mother's surname");
    }

    @Test
    void partialDatesOfBirthAreHeldAsPartial() {
        assertEquals("1952", citizen(YEAR_ONLY_BIRTH).dateOfBirth());
        assertEquals("1968-03", citizen(YEAR_MONTH_BIRTH).dateOfBirth());
    }

    @Test
    void nfdNameIsReallyDecomposed() {
        String name = citizen(NFD_NAME).fullName();
        assertFalse(Normalizer.isNormalized(name, Normalizer.Form.NFC));
        assertNotEquals("Nguyễn Thị Ho\u00E0", name);
        assertEquals("Nguyễn Thị Ho\u00E0", Normalizer.normalize(name, Normalizer.Form.NFC));
    }

    @Test
    void spacedNameKeepsItsSurplusSpaces() {
        assertEquals("  Trần   Văn  Nam ", citizen(SPACED_NAME).fullName());
    }

    @Test
    void oldStyleToneMarkDiffersFromTheNewStyleEvenInNfc() {
        String held = citizen(TONE_MARK_OLD_STYLE).fullName();
        assertEquals("Lê Thị H\u00F2a", held);
        assertTrue(Normalizer.isNormalized(held, Normalizer.Form.NFC));
        assertNotEquals(Normalizer.normalize("Lê Thị Ho\u00E0", Normalizer.Form.NFC), held);
    }

    @Test
    void inconsistentPersonaContradictsItsNumber() {
        CitizenRecord record = citizen(ID_DATA_INCONSISTENT);
        PersonalId number = PersonalId.parse(ID_DATA_INCONSISTENT);
        assertEquals(Gender.FEMALE, record.gender());
        assertEquals("MALE", number.gender().name());
        assertEquals(1939, number.birthYear());
        assertEquals("1994-01-01", record.dateOfBirth());
    }

    @Test
    void oldIdCardHolderCarriesTheNineDigitCmnd() {
        assertEquals(OLD_ID_CARD_NUMBER, citizen(OLD_ID_CARD_HOLDER).oldIdNumber());
        assertEquals(9, OLD_ID_CARD_NUMBER.length());
    }

    @Test
    void deceasedMissingAndElderlyHaveTheirLifeStatus() {
        CitizenRecord deceased = citizen(DECEASED);
        assertEquals(LifeStatus.DECEASED, deceased.lifeStatus());
        assertEquals("2025-10-03", deceased.dateOfDeath());
        assertEquals(LifeStatus.MISSING, citizen(MISSING).lifeStatus());
        assertNull(citizen(MISSING).dateOfDeath());
        assertEquals(LifeStatus.ALIVE, citizen(ELDERLY_ALIVE).lifeStatus());
        assertEquals(10, citizen(ELDERLY_ALIVE).dateOfBirth().length());
    }

    @Test
    void cancelledNumbersLeadToNoRecordAndOneToItsReplacement() {
        assertEquals(REPLACEMENT, POPULATION.cancellation(CANCELLED_WITH_REPLACEMENT).orElseThrow().replacedBy());
        assertNull(POPULATION.cancellation(CANCELLED_WITHOUT_REPLACEMENT).orElseThrow().replacedBy());
        assertEquals(LifeStatus.ALIVE, citizen(REPLACEMENT).lifeStatus());
        assertTrue(POPULATION.find(NOT_IN_NPD).isEmpty());
        assertTrue(POPULATION.cancellation(NOT_IN_NPD).isEmpty());
    }

    @Test
    void singleBrideAndGroomAreFreeToMarry() {
        CitizenRecord bride = citizen(SINGLE_WOMAN);
        CitizenRecord groom = citizen(SINGLE_MAN);
        assertEquals(List.of(MaritalStatus.SINGLE, MaritalStatus.SINGLE),
                List.of(bride.maritalStatus(), groom.maritalStatus()));
        assertEquals(List.of(Gender.FEMALE, Gender.MALE), List.of(bride.gender(), groom.gender()));
        assertNull(bride.spouse());
        assertNull(groom.spouse());
        assertTrue(ageOn(bride, LocalDate.now()) >= 18 && ageOn(groom, LocalDate.now()) >= 20);
    }

    @Test
    void marriedManHasAnotherSpouse() {
        CitizenRecord man = citizen(MARRIED_MAN);
        assertEquals(MaritalStatus.MARRIED, man.maritalStatus());
        assertNotNull(man.spouse().personalId());
        assertNotEquals(SINGLE_WOMAN, man.spouse().personalId());
    }

    @Test
    void siblingsShareTheirFatherButNotTheirMother() {
        CitizenRecord brother = citizen(SIBLING_BROTHER);
        CitizenRecord sister = citizen(SIBLING_SISTER);
        assertEquals(brother.father().personalId(), sister.father().personalId());
        assertNotEquals(brother.mother().personalId(), sister.mother().personalId());
        assertEquals(List.of(MaritalStatus.SINGLE, MaritalStatus.SINGLE),
                List.of(brother.maritalStatus(), sister.maritalStatus()));
    }

    @Test
    void minorsStayUnderMarriageAgeUntil2029() {
        CitizenRecord girl = citizen(UNDERAGE_GIRL);
        CitizenRecord boy = citizen(UNDERAGE_BOY);
        assertEquals("2011", girl.dateOfBirth().substring(0, 4));
        assertEquals("2009", boy.dateOfBirth().substring(0, 4));
        for (LocalDate day : List.of(LocalDate.now(), LocalDate.of(2029, 1, 1))) {
            assertTrue(ageOn(girl, day) < 18, "girl under 18 on " + day);
            assertTrue(ageOn(boy, day) < 20, "boy under 20 on " + day);
        }
        assertNotNull(girl.father().personalId(), "minors' parents are in the NPD");
    }

    private static CitizenRecord citizen(String number) {
        return POPULATION.find(number).orElseThrow(() -> new AssertionError("no persona " + number));
    }

    private static int ageOn(CitizenRecord c, LocalDate day) {
        return Period.between(LocalDate.parse(c.dateOfBirth()), day).getYears();
    }

    private static List<String> personaNumbers() throws IllegalAccessException {
        List<String> numbers = new java.util.ArrayList<>();
        for (Field field : SandboxPersonas.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class) {
                numbers.add((String) field.get(null));
            }
        }
        assertTrue(numbers.size() > 25, Arrays.toString(numbers.toArray()));
        return numbers;
    }
}
