package vn.gov.dancu.gateway.citizen;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.dancu.gateway.citizen.PersonalId.InvalidPersonalIdException;
import vn.gov.dancu.gateway.citizen.PersonalId.Problem;

class PersonalIdTest {

    /** Parsing is pinned to a year so the FUTURE_BIRTH_YEAR boundary does not move with the calendar. */
    private static final int THIS_YEAR = 2026;

    @ParameterizedTest(name = "{0}: province {1}, {2}, born {3}")
    @CsvSource({
            "070190004521, 070, FEMALE, 1990", // Bình Phước, 20th century, odd digit
            "070089001234, 070, MALE,   1989",
            "079215000001, 079, MALE,   2015", // Hồ Chí Minh City, 21st century, even digit
            "058186000028, 058, FEMALE, 1986", // Ninh Thuận
            "001300000123, 001, FEMALE, 2000", // Hà Nội, first year of the 2000s
            "096226123456, 096, MALE,   2026", // Cà Mau, born this year
            "011099999999, 011, MALE,   1999" })
    void decodesProvinceSexAndBirthYearOfValidNumbers(String number, String province, Gender gender, int year) {
        PersonalId id = PersonalId.parse(number, THIS_YEAR);
        assertAll(
                () -> assertEquals(number, id.value()),
                () -> assertEquals(province, id.provinceCode()),
                () -> assertEquals(gender, id.gender()),
                () -> assertEquals(year, id.birthYear()));
    }

    @Test
    void acceptsEveryProvinceCodeOfTheTable() {
        assertEquals(63, Provinces.codes().size());
        for (String code : Provinces.codes()) {
            assertEquals(code, PersonalId.parse(code + "190004521", THIS_YEAR).provinceCode());
        }
    }

    @Test
    void stripsOuterWhitespaceButKeepsTheDigits() {
        assertEquals("070190004521", PersonalId.parse(" 070190004521\t", THIS_YEAR).value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "\t\n" })
    void rejectsBlankAsBlank(String raw) {
        assertProblem(Problem.BLANK, raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "07019000452A", // a letter
            "070 190004521", // a space inside
            "070-190-004521",
            "+70190004521",
            "\u0660\u0667\u0660\u0661\u0669\u0660\u0660\u0660\u0664\u0665\u0662\u0661", // Arabic-Indic ٠٧٠١٩٠٠٠٤٥٢١
            "\uFF10\uFF17\uFF10\uFF11\uFF19\uFF10\uFF10\uFF10\uFF14\uFF15\uFF12\uFF11" }) // fullwidth ０７０...
    void rejectsAnythingButAsciiDigitsAsNotDigits(String raw) {
        assertProblem(Problem.NOT_DIGITS, raw);
    }

    @Test
    void recognisesANineDigitNumberAsAnOldIdCard() {
        assertProblem(Problem.OLD_ID_CARD, "285123456");
    }

    @ParameterizedTest
    @ValueSource(strings = { "07019000452", "0701900045211", "0701", "07019000452100" })
    void rejectsOtherLengthsAsWrongLength(String raw) {
        assertProblem(Problem.WRONG_LENGTH, raw);
    }

    @ParameterizedTest
    @ValueSource(strings = { "003190004521", "999190004521", "000190004521", "005190004521" })
    void rejectsCodesOutsideTheProvinceTableAsUnknownProvince(String raw) {
        assertProblem(Problem.UNKNOWN_PROVINCE, raw);
    }

    @ParameterizedTest
    @ValueSource(chars = { '4', '5', '6', '7', '8', '9' })
    void rejectsCenturyDigitsFromTheTwentySecondCenturyOn(char digit) {
        assertProblem(Problem.INVALID_CENTURY_DIGIT, "070" + digit + "90004521");
    }

    @Test
    void rejectsABirthYearAfterTheCurrentYear() {
        assertProblem(Problem.FUTURE_BIRTH_YEAR, "001227000001"); // 2027 in 2026
        assertEquals(2027, PersonalId.parse("001227000001", 2027).birthYear());
    }

    @Test
    void reportsTheProblemWithoutTheNumber() {
        var e = assertThrows(InvalidPersonalIdException.class, () -> PersonalId.parse("003190004521", THIS_YEAR));
        assertFalse(e.getMessage().contains("003190004521"), e.getMessage());
        assertFalse(e.getMessage().contains("190004521"), e.getMessage());
    }

    @Test
    void isValidAgreesWithParse() {
        assertTrue(PersonalId.isValid("070190004521"));
        assertFalse(PersonalId.isValid("285123456"));
        assertFalse(PersonalId.isValid(null));
    }

    @Test
    void masksTheMiddleOfTheNumber() {
        PersonalId id = PersonalId.parse("070190004521", THIS_YEAR);
        assertEquals("070******521", id.masked());
        assertEquals("070******521", PersonalId.mask("070190004521"));
        assertEquals("285***456", PersonalId.mask("285123456"));
    }

    @Test
    void masksShortStringsCompletely() {
        assertEquals("********", PersonalId.mask("12345678"));
        assertEquals("*", PersonalId.mask("7"));
        assertEquals("", PersonalId.mask(""));
        assertEquals("null", PersonalId.mask(null));
    }

    @Test
    void neverShowsTheNumberInToString() {
        PersonalId id = PersonalId.parse("070190004521", THIS_YEAR);
        assertEquals("070******521", id.toString());
        assertFalse(id.toString().contains("190004"));
        assertFalse(String.valueOf(java.util.List.of(id)).contains("070190004521"));
    }

    private static void assertProblem(Problem expected, String raw) {
        var e = assertThrows(InvalidPersonalIdException.class, () -> PersonalId.parse(raw, THIS_YEAR));
        assertEquals(expected, e.problem());
    }
}
