package vn.gov.dancu.gateway.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.gov.dancu.gateway.citizen.PartialDate.Precision;

class PartialDateTest {

    @Test
    void parsesAYearOnly() {
        PartialDate d = PartialDate.parse("1950");
        assertEquals(Precision.YEAR, d.precision());
        assertEquals(1950, d.year());
        assertNull(d.month());
        assertNull(d.day());
    }

    @Test
    void parsesAYearAndMonth() {
        PartialDate d = PartialDate.parse("1950-07");
        assertEquals(Precision.MONTH, d.precision());
        assertEquals(7, d.month());
        assertNull(d.day());
    }

    @Test
    void parsesAFullDate() {
        PartialDate d = PartialDate.parse("1950-07-15");
        assertEquals(Precision.DAY, d.precision());
        assertEquals(new PartialDate(1950, 7, 15), d);
    }

    @ParameterizedTest
    @ValueSource(strings = { "1950", "1950-07", "1950-07-15", "2024-02-29", "0950" })
    void printsWhatItParsed(String text) {
        assertEquals(text, PartialDate.parse(text).toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "2023-02-30", // no such day
            "2023-02-29", // not a leap year
            "1990-13", "1990-00", "1990-05-00",
            "1990-5", "1990-5-12", "90", "19900", // wrong widths
            "12/05/1990", "1990-05-12T00:00", "1990/05",
            "\u0661\u0669\u0669\u0660" }) // Arabic-Indic ١٩٩٠
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> PartialDate.parse(text));
    }

    @Test
    void refusesADayWithoutAMonth() {
        assertThrows(IllegalArgumentException.class, () -> new PartialDate(1990, null, 12));
    }

    @Test
    void spansTheWholeYearOrMonthItStandsFor() {
        assertEquals(LocalDate.of(1950, 1, 1), PartialDate.parse("1950").earliest());
        assertEquals(LocalDate.of(1950, 12, 31), PartialDate.parse("1950").latest());
        assertEquals(LocalDate.of(2024, 2, 1), PartialDate.parse("2024-02").earliest());
        assertEquals(LocalDate.of(2024, 2, 29), PartialDate.parse("2024-02").latest());
        assertEquals(LocalDate.of(2023, 2, 28), PartialDate.parse("2023-02").latest());
        assertEquals(LocalDate.of(1950, 7, 15), PartialDate.parse("1950-07-15").earliest());
        assertEquals(LocalDate.of(1950, 7, 15), PartialDate.parse("1950-07-15").latest());
    }

    @Test
    void reachesTheAgeOnTheBirthdayItself() {
        PartialDate born = PartialDate.parse("2006-11-29");
        assertFalse(born.certainlyYoungerThan(20, LocalDate.of(2026, 11, 29)));
        assertTrue(born.certainlyYoungerThan(20, LocalDate.of(2026, 11, 28)));
    }

    @Test
    void isYoungerTheDayBeforeTheBirthday() {
        assertTrue(PartialDate.parse("2006-11-30").certainlyYoungerThan(20, LocalDate.of(2026, 11, 29)));
    }

    @Test
    void isCertainlyYoungerWhenEvenTheFirstDayOfTheYearIsTooLate() {
        // Born some day in 2007: on 2026-06-01 either 18 or 19, never 20 (2007-01-01 + 20 = 2027-01-01).
        assertTrue(PartialDate.parse("2007").certainlyYoungerThan(20, LocalDate.of(2026, 6, 1)));
    }

    @Test
    void isNotCertainWhenTheYearAllowsEitherAge() {
        // Born some day in 2006: 2006-01-01 + 20 = 2026-01-01, not after 2026-06-01, so perhaps 20 already.
        assertFalse(PartialDate.parse("2006").certainlyYoungerThan(20, LocalDate.of(2026, 6, 1)));
    }

    @Test
    void countsAYearAndMonthFromTheFirstOfTheMonth() {
        PartialDate born = PartialDate.parse("2006-06");
        assertTrue(born.certainlyYoungerThan(20, LocalDate.of(2026, 5, 31)));
        assertFalse(born.certainlyYoungerThan(20, LocalDate.of(2026, 6, 1)));
    }
}
