package vn.gov.dancu.gateway.audit;

import java.util.List;

/**
 * Text as PostgreSQL can store it. A {@code TEXT} column refuses U+0000 (SQL state 22021) and
 * {@code JSONB} refuses its escape {@code \u0000} (22P05); an unpaired surrogate has no UTF-8
 * form at all (the driver would silently write "?", and the stored record would no longer match
 * its hash). Such characters come from callers (a case id, a party number, a token claim), so
 * they are replaced by U+FFFD, visibly: an inspector still sees that something odd was sent.
 *
 * <p>Applied by {@link AuditEntry}'s constructors, the one door every record passes through
 * before it is hashed, stored or read back, so what is hashed is exactly what is stored.
 */
public final class StorableText {

    /** What an unstorable character becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** {@code text} with every unstorable character replaced; the same instance when there is none. */
    public static String of(String text) {
        if (text == null || storable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\0' || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Every element through {@link #of(String)}; null stays null. */
    public static List<String> of(List<String> texts) {
        return texts == null ? null : texts.stream().map(StorableText::of).toList();
    }

    /** Whether PostgreSQL can store {@code text} as it is. */
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
