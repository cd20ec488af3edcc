package vn.gov.dancu.gateway.procedure;

import java.util.List;

/**
 * A piece of text inside an issue's or a suggestion's message that must itself be translated
 * (a relation, a reason): rendered from {@code key} and {@code args} in the caller's language
 * before the surrounding message is formatted.
 */
public record Phrase(String key, List<Object> args) {

    public Phrase {
        args = List.copyOf(args);
    }

    public static Phrase of(String key, Object... args) {
        return new Phrase(key, List.of(args));
    }
}
