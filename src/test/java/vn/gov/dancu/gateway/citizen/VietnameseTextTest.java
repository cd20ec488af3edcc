package vn.gov.dancu.gateway.citizen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.gov.dancu.gateway.citizen.VietnameseText.MatchLevel;

/**
 * Names are written with escapes where the encoding is the point: a literal "ệ" in this file
 * would be NFC already and prove nothing about decomposed input.
 */
class VietnameseTextTest {

    /** "ệ" decomposed: e, combining dot below (U+0323), combining circumflex (U+0302). */
    private static final String E_DOT_CIRCUMFLEX_NFD = "e\u0323\u0302";

    @Test
    void composesADoubleMarkedLetterIntoOneCodePoint() {
        assertEquals(3, E_DOT_CIRCUMFLEX_NFD.codePointCount(0, E_DOT_CIRCUMFLEX_NFD.length()));
        assertArrayEquals(new int[] { 0x1EC7 }, VietnameseText.clean(E_DOT_CIRCUMFLEX_NFD).codePoints().toArray());
    }

    @Test
    void composesADecomposedFullName() {
        String nfd = "Nguye\u0302\u0303n Thi\u0323 Hu\u031Bo\u031B\u0300ng"; // Nguyễn Thị Hường
        assertArrayEquals("Nguy\u1EC5n Th\u1ECB H\u01B0\u1EDDng".codePoints().toArray(),
                VietnameseText.clean(nfd).codePoints().toArray());
    }

    @Test
    void trimsAndCollapsesEveryKindOfSpace() {
        String messy = " \t Nguy\u1EC5n\u00A0\u00A0Th\u1ECB \u2009 Lan\u3000\u202F\n";
        assertEquals("Nguy\u1EC5n Th\u1ECB Lan", VietnameseText.clean(messy));
    }

    @Test
    void leavesNullAsNull() {
        assertNull(VietnameseText.clean(null));
    }

    @Test
    void buildsTheLegalKeyInUpperCaseWithoutLocaleRules() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr")); // Turkish would make "i" a dotted İ
            assertEquals("NGUY\u1EC4N TH\u1ECA LINH", VietnameseText.legalKey("  nguy\u1EC5n  th\u1ECB linh "));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "Nguy\u1EC5n Th\u1ECB Lan, NGUY\u1EC4N TH\u1ECA LAN", // case
            "Nguy\u1EC5n Th\u1ECB Lan, '  Nguy\u1EC5n   Th\u1ECB\u00A0Lan '", // spaces
            "Nguy\u1EC5n Th\u1ECB Lan, Nguye\u0302\u0303n Thi\u0323 Lan" }) // NFC against NFD
    void comparesEncodingCaseAndSpacingDifferencesAsExact(String a, String b) {
        assertEquals(MatchLevel.EXACT, VietnameseText.compare(a, b));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
            "H\u00F2a, Ho\u00E0", // Hòa / Hoà
            "Th\u1EE7y, Thu\u1EF7", // Thủy / Thuỷ
            "Kh\u1ECFe, Kho\u1EBB", // Khỏe / Khoẻ
            "Nguy\u1EC5n Th\u1ECB Th\u00FAy H\u00F2a, Nguy\u1EC5n Th\u1ECB Thu\u00FD Ho\u00E0", // two clusters
            "L\u00EA Kh\u00E1nh H\u00F2a, LE\u0302 KHA\u0301NH HOA\u0300" }) // NFD new-style against NFC old-style
    void unifiesOldAndNewTonePlacement(String oldStyle, String newStyle) {
        assertEquals(MatchLevel.TONE_PLACEMENT, VietnameseText.compare(oldStyle, newStyle));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
            "Ho\u00E0ng, H\u00F2ang", // Hoàng / Hòang: closed syllable, the mark is on a in both styles
            "Qu\u00FD, Q\u00FAy", // Quý / Qúy: the u belongs to the consonant qu
            "Ho\u1EB7c, H\u1ECD\u0103c", // Hoặc / Họăc: the dot sits on ă, which also has a breve
            "Hu\u1EF3nh, H\u1EE7ynh" }) // Huỳnh / Hủynh
    void doesNotTreatMisplacedMarksInClosedSyllablesAsToneVariants(String right, String wrong) {
        assertEquals(MatchLevel.WITHOUT_DIACRITICS, VietnameseText.compare(right, wrong));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
            "\u0110\u1EE9c, Duc", // Đức / Duc
            "Tr\u1EA7n V\u0103n \u0110\u1EE9c, TRAN VAN DUC",
            "\u0111\u1EB7ng, DANG" })
    void matchesWithoutDiacriticsOnlyAtTheFoldedLevel(String a, String b) {
        assertEquals(MatchLevel.WITHOUT_DIACRITICS, VietnameseText.compare(a, b));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            "Lan, L\u00E2m",
            "L\u00FD, L\u00ED", // Lý / Lí are distinct legal names
            "Nguy\u1EC5n Th\u1ECB Lan, Nguy\u1EC5n Lan" })
    void reportsDifferentNamesAsNone(String a, String b) {
        assertEquals(MatchLevel.NONE, VietnameseText.compare(a, b));
    }

    @Test
    void reportsAMissingNameAsNone() {
        assertEquals(MatchLevel.NONE, VietnameseText.compare(null, "Lan"));
        assertEquals(MatchLevel.NONE, VietnameseText.compare("Lan", null));
    }

    @Test
    void foldsTheBarredDIntoD() {
        assertEquals("Dang Dinh dung", VietnameseText.withoutDiacritics("\u0110\u1EB7ng \u0110\u00ECnh \u0111\u0169ng"));
    }

    /**
     * The fast path for text that is already clean must answer exactly what NFC plus the
     * whitespace rules give: random mixes of letters, precomposed and combining diacritics, and
     * every kind of space the rules name (and a few they do not), at the ends and inside.
     */
    @Test
    void cleaningAgreesWithNfcAndTheWhitespaceRulesOnRandomText() {
        String[] pieces = {"a", "Đ", "ư", "ờ", "o\u0301", "e\u0302\u0300", "Nguyễn", " ", "  ", "\t", "\n", "\u00a0",
            "\u2009", "\u3000", "\u2028", "\u001c", "-", "'"};
        java.util.Random random = new java.util.Random(20261202);
        java.util.regex.Pattern spaces = java.util.regex.Pattern.compile("[\\s\\p{Z}]+");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            String expected = spaces.matcher(java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFC))
                    .replaceAll(" ").strip();
            assertEquals(expected, VietnameseText.clean(t), () -> "for " + t.codePoints()
                    .mapToObj(c -> String.format("U+%04X", c)).toList());
        }
    }
}
