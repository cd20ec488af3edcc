package vn.gov.dancu.gateway.api;

import java.text.MessageFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Texts for people, Vietnamese by default and English on {@code Accept-Language: en}. The
 * bundles are {@code messages.properties} (Vietnamese) and {@code messages_en.properties}.
 */
public final class Messages {

    public static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {
    }

    /** Picks English when the caller prefers it over Vietnamese, Vietnamese otherwise. */
    public static Locale choose(List<Locale> acceptable) {
        for (Locale l : acceptable) {
            if ("en".equals(l.getLanguage())) {
                return Locale.ENGLISH;
            }
            if ("vi".equals(l.getLanguage())) {
                return VIETNAMESE;
            }
        }
        return VIETNAMESE;
    }

    /**
     * As {@link #choose(List)}, from a raw {@code Accept-Language} header (for code that runs
     * before JAX-RS has parsed the request); a missing or garbled header means Vietnamese.
     */
    public static Locale choose(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return VIETNAMESE;
        }
        try {
            return choose(Locale.LanguageRange.parse(acceptLanguage).stream()
                    .map(range -> Locale.forLanguageTag(range.getRange())).toList());
        } catch (IllegalArgumentException garbled) {
            return VIETNAMESE;
        }
    }

    private static final ResourceBundle ROOT = ResourceBundle.getBundle("messages", Locale.ROOT, NO_FALLBACK);
    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("messages", Locale.ENGLISH, NO_FALLBACK);

    /**
     * Parsed patterns by language and key: every prefill formats its issues' texts, and parsing
     * each pattern anew was a twentieth of a prefill's allocation (issue 11's profile). A
     * MessageFormat is not thread-safe: each use formats with a copy.
     */
    private static final Map<String, MessageFormat> FORMATS = new ConcurrentHashMap<>();

    public static String get(Locale locale, String key, List<Object> args) {
        boolean english = Locale.ENGLISH.getLanguage().equals(locale.getLanguage());
        String pattern;
        try {
            pattern = (english ? ENGLISH : ROOT).getString(key);
        } catch (MissingResourceException e) {
            pattern = ROOT.getString(key);
        }
        if (args.isEmpty()) {
            return pattern;
        }
        String text = pattern;
        MessageFormat format = FORMATS.computeIfAbsent(locale.toLanguageTag() + ':' + key,
                k -> new MessageFormat(text, locale));
        return ((MessageFormat) format.clone()).format(args.toArray());
    }

    public static String get(Locale locale, String key, Object... args) {
        return get(locale, key, List.of(args));
    }
}
