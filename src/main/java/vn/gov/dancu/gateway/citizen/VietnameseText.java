package vn.gov.dancu.gateway.citizen;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text at the edge of the gateway: Unicode NFC, outer whitespace trimmed, inner runs
 * collapsed (domain.md §5.2). Comparison follows the three levels of the domain notes: an exact
 * legal comparison, a tone-placement-tolerant one and an accent-folded one that is only ever a
 * hint. Normalisation never "corrects" a name beyond that.
 */
public final class VietnameseText {

    /** How closely two names agree; only {@link #EXACT} is a legal match. */
    public enum MatchLevel {
        /** Same after NFC, whitespace cleanup and case folding. */
        EXACT,
        /** Same once old/new tone placement (hòa/hoà, thủy/thuỷ) is unified. */
        TONE_PLACEMENT,
        /** Same without diacritics (đ→d); typical of MRZ or bank data, a warning at most. */
        WITHOUT_DIACRITICS,
        NONE
    }

    // \s alone misses the no-break, thin and ideographic spaces some exports contain: \p{Z} is
    // every Unicode space, line and paragraph separator.
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");

    private VietnameseText() {
    }

    /** NFC, trimmed, inner whitespace collapsed to one space; {@code null} stays {@code null}. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        // Register data is almost always clean already: checked without copying (issue 11's
        // profile had this method allocating a twentieth of every prefill's heap).
        String nfc = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text
                : Normalizer.normalize(text, Normalizer.Form.NFC);
        return tidy(nfc) ? nfc : SPACES.matcher(nfc).replaceAll(" ").strip();
    }

    /** Whether {@link #clean} would leave {@code s} as it is: single ASCII spaces between words only. */
    private static boolean tidy(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(n - 1))) {
            return false;
        }
        boolean previousSpace = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r'
                    || Character.isSpaceChar(c);
            if (space && (c != ' ' || previousSpace || i == 0 || i == n - 1)) {
                return false;
            }
            previousSpace = space;
        }
        return true;
    }

    /** The key for an exact legal comparison: cleaned and upper-cased without locale rules. */
    public static String legalKey(String name) {
        return clean(name).toUpperCase(Locale.ROOT);
    }

    /** Compares two names and says at which level they agree. */
    public static MatchLevel compare(String a, String b) {
        if (a == null || b == null) {
            return MatchLevel.NONE;
        }
        String ka = legalKey(a);
        String kb = legalKey(b);
        if (ka.equals(kb)) {
            return MatchLevel.EXACT;
        }
        if (unifyTonePlacement(ka).equals(unifyTonePlacement(kb))) {
            return MatchLevel.TONE_PLACEMENT;
        }
        if (withoutDiacritics(ka).equals(withoutDiacritics(kb))) {
            return MatchLevel.WITHOUT_DIACRITICS;
        }
        return MatchLevel.NONE;
    }

    /**
     * Moves the tone mark of the open clusters OA, OE, UY to the "old" position (on the first
     * vowel: HÒA, KHỎE, THÚY) so both conventions compare equal. Works on upper-case NFC text.
     * Only a cluster that ends its syllable right after the tone mark is open: in HOÀNG, HOẶC or
     * NGUYỄN the mark belongs where it is in both conventions, and in QUÝ the U is part of the
     * consonant QU, so none of those moves (and HÒANG, QÚY stay misspellings, not variants).
     */
    static String unifyTonePlacement(String upper) {
        String nfd = Normalizer.normalize(upper, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(nfd.length());
        int i = 0;
        while (i < nfd.length()) {
            char c = nfd.charAt(i);
            char next = i + 1 < nfd.length() ? nfd.charAt(i + 1) : 0;
            char before = i > 0 ? nfd.charAt(i - 1) : 0;
            if ((c == 'O' && (next == 'A' || next == 'E')) || (c == 'U' && next == 'Y' && before != 'Q')) {
                // pattern: first vowel, second vowel, then the tone mark that belongs to the cluster
                int j = i + 2;
                StringBuilder marks = new StringBuilder();
                while (j < nfd.length() && isToneMark(nfd.charAt(j))) {
                    marks.append(nfd.charAt(j));
                    j++;
                }
                if (marks.length() > 0 && (j >= nfd.length() || endsSyllable(nfd.charAt(j)))) {
                    out.append(c).append(marks).append(next);
                    i = j;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
    }

    /** Neither a letter (a final consonant) nor a further mark on the vowel (the breve of Ặ). */
    private static boolean endsSyllable(char c) {
        return !Character.isLetter(c) && Character.getType(c) != Character.NON_SPACING_MARK;
    }

    private static boolean isToneMark(char c) {
        // grave, acute, tilde, hook above, dot below
        return c == '\u0300' || c == '\u0301' || c == '\u0303' || c == '\u0309' || c == '\u0323';
    }

    /** Strips every diacritic, including the bar of Đ which has no canonical decomposition. */
    public static String withoutDiacritics(String text) {
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
        return COMBINING.matcher(nfd).replaceAll("").replace('Đ', 'D').replace('đ', 'd');
    }
}
