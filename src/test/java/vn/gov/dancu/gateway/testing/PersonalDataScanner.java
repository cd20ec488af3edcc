package vn.gov.dancu.gateway.testing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.gov.dancu.gateway.citizen.PersonalId;

/**
 * Finds the personal data and secrets of a test's fixtures in text that must hold none of them:
 * log lines, metrics, URLs, headers. Text is compared the way a reader would recognise it: Unicode
 * NFC with runs of white space collapsed (so an NFD name from an old NPD record is still found),
 * names and addresses also without diacritics ("Nguyen Thi Lan") and regardless of case.
 *
 * <p>What is found is reported masked ({@link #mask(String)}), so a failing test does not itself
 * print the data it guards.
 */
public final class PersonalDataScanner {

    /** One thing to look for: what it is (printable, never the value) and how to find it. */
    private record Needle(String label, List<Pattern> patterns, String value) {
    }

    /** A hit: what was found, and the text around it with every known value masked. */
    public record Finding(String what, String excerpt) {
    }

    private final List<Needle> needles = new ArrayList<>();

    /**
     * A personal identification number (or an old 9-digit card number, or any number a citizen
     * was asked for by). Numbers of twelve digits or more are found anywhere, even inside a longer
     * run of digits; shorter ones only standing alone, so that they do not match inside timestamps.
     */
    public PersonalDataScanner personalId(String number) {
        String quoted = Pattern.quote(number);
        Pattern p = number.length() >= 12 ? Pattern.compile(quoted) : Pattern.compile("(?<!\\d)" + quoted + "(?!\\d)");
        needles.add(new Needle("personal number " + PersonalId.mask(number), List.of(p), number));
        return this;
    }

    /**
     * A full name: found in NFC or NFD, with any spacing, in any case, with or without
     * diacritics. Also adds each part of three letters or more that is not in {@code commonWords}
     * as a whole word (a surname alone identifies as much as a first name in a small commune).
     */
    public PersonalDataScanner name(String fullName, String... commonWords) {
        text("name", fullName);
        List<String> common = List.of(commonWords).stream().map(w -> fold(w).toLowerCase()).toList();
        for (String part : normalise(fullName).split(" ")) {
            if (part.codePointCount(0, part.length()) >= 3 && !common.contains(fold(part).toLowerCase())) {
                namePart(part);
            }
        }
        return this;
    }

    /**
     * A word of a name on its own, as a whole word, in any case; also without diacritics when
     * that still leaves a distinctive word of four letters or more ("Lan" stripped would match
     * English words; "Nguyen" would not).
     */
    public PersonalDataScanner namePart(String part) {
        String nfc = normalise(part);
        List<Pattern> patterns = new ArrayList<>();
        patterns.add(word(nfc));
        String folded = fold(nfc);
        if (!folded.equals(nfc) && folded.length() >= 4) {
            patterns.add(word(folded));
        }
        needles.add(new Needle("part of a name " + mask(nfc), patterns, nfc));
        return this;
    }

    /** Free text (an address line, a name): any case, any Unicode form and spacing, with or without diacritics. */
    public PersonalDataScanner text(String what, String value) {
        String nfc = normalise(value);
        int flags = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        List<Pattern> patterns = new ArrayList<>();
        patterns.add(Pattern.compile(Pattern.quote(nfc), flags));
        String folded = fold(nfc);
        if (!folded.equals(nfc)) {
            patterns.add(Pattern.compile(Pattern.quote(folded), flags));
        }
        needles.add(new Needle(what + " " + mask(nfc), patterns, nfc));
        return this;
    }

    /**
     * A credential (token, client secret, QR code): exact, case-sensitive. A JWT is also looked for
     * by its claims and signature segments, since logging half a token leaks as much as all of it.
     */
    public PersonalDataScanner secret(String what, String value) {
        List<Pattern> patterns = new ArrayList<>();
        patterns.add(Pattern.compile(Pattern.quote(value)));
        String[] segments = value.split("\\.");
        if (segments.length == 3) {
            // segment 0 is the header ({"kid":"1","alg":"RS256",...}): the same for every token, no secret
            for (int i = 1; i < 3; i++) {
                if (segments[i].length() >= 16) {
                    patterns.add(Pattern.compile(Pattern.quote(segments[i])));
                }
            }
        }
        needles.add(new Needle(what + " " + mask(value), patterns, value));
        return this;
    }

    /** The first piece of guarded data in {@code text}, if any. */
    public Optional<Finding> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String nfc = normalise(text);
        String folded = fold(nfc);
        for (Needle needle : needles) {
            for (Pattern pattern : needle.patterns()) {
                for (String haystack : List.of(text, nfc, folded)) {
                    Matcher m = pattern.matcher(haystack);
                    if (m.find()) {
                        return Optional.of(new Finding(needle.label(), excerpt(haystack, m.start(), m.end())));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code text} with every guarded value in it masked: safe to print in a failure message. */
    public String masked(String text) {
        String result = text;
        for (Needle needle : needles) {
            for (Pattern pattern : needle.patterns()) {
                result = pattern.matcher(result).replaceAll(m -> Matcher.quoteReplacement(mask(m.group())));
            }
        }
        return result;
    }

    private String excerpt(String haystack, int start, int end) {
        int from = Math.max(0, start - 160);
        int to = Math.min(haystack.length(), end + 160);
        return (from > 0 ? "…" : "") + masked(haystack.substring(from, to)) + (to < haystack.length() ? "…" : "");
    }

    /**
     * The gateway's masking ({@link PersonalId#mask}) for numbers and long values; short words
     * keep only their first letter, so a report says which name leaked without printing it.
     */
    public static String mask(String value) {
        if (value.length() >= 9) {
            return PersonalId.mask(value);
        }
        return value.isEmpty() ? value : value.charAt(0) + "*".repeat(value.length() - 1);
    }

    /** Every run of nine digits or more masked, whoever's number it is: for printing text from other tests. */
    public static String maskDigitRuns(String text) {
        return Pattern.compile("\\d{9,}").matcher(text).replaceAll(m -> PersonalId.mask(m.group()));
    }

    /** Unicode NFC, white space runs collapsed to one space, trimmed. */
    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
    }

    /** Without diacritics: "Nguyễn Thị Lan" → "Nguyen Thi Lan", đ → d. */
    public static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('đ', 'd').replace('Đ', 'D');
    }

    private static Pattern word(String word) {
        return Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{M}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
