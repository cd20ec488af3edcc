package vn.gov.dancu.gateway.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Window keys: the kind and a SHA-256 of who, truncated to 128 bits (collisions stay out of reach
 * for any number of officers a country has). An officer's username is not a citizen's personal
 * data, but hashing it anyway means a Redis dump or a heap dump names nobody.
 */
final class RateLimitKeys {

    private static final HexFormat HEX = HexFormat.of();

    private RateLimitKeys() {
    }

    /** One officer: the same username in two agencies is two people. */
    static String officer(String agency, String officer) {
        return LimitKind.OFFICER.tag() + ":" + hash(nullToEmpty(agency) + '\n' + officer);
    }

    /** One counter application (the token's {@code azp}). */
    static String client(String clientId) {
        return LimitKind.CLIENT.tag() + ":" + hash(clientId);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
