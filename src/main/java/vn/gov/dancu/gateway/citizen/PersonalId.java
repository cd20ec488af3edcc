package vn.gov.dancu.gateway.citizen;

import java.time.Year;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A 12-digit personal identification number ({@code số định danh cá nhân}): three digits of the
 * birth-registration province, one century/sex digit, two digits of the birth year and six serial
 * digits (Decree 137/2015 Art. 13, Circular 07/2016 Art. 7). There is no check digit, so the
 * structure check below is all a client can verify before asking the NPD.
 *
 * <p>{@link #toString()} is masked on purpose, so that a number that slips into a log line or an
 * exception message does not leak; call {@link #value()} where the full number is meant.
 */
public record PersonalId(String value) {

    /** What is wrong with a candidate number; each has a message for the officer. */
    public enum Problem {
        BLANK, NOT_DIGITS, OLD_ID_CARD, WRONG_LENGTH, UNKNOWN_PROVINCE, INVALID_CENTURY_DIGIT, FUTURE_BIRTH_YEAR
    }

    /** Thrown by {@link #parse(String)}; carries the {@link Problem}, never the number itself. */
    public static final class InvalidPersonalIdException extends IllegalArgumentException {
        private final Problem problem;

        public InvalidPersonalIdException(Problem problem) {
            super("invalid personal id: " + problem);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Numbers are issued in Vietnam: "this year" is Vietnam's, whatever the server's zone. */
    private static final ZoneId ISSUING_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public PersonalId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Checks the structure against the current year in Vietnam (a child born there just after
     * midnight on 1 January already carries the new year while a UTC server is still in the old).
     *
     * @throws InvalidPersonalIdException naming the first problem found
     */
    public static PersonalId parse(String raw) {
        return parse(raw, Year.now(ISSUING_ZONE).getValue());
    }

    /** As {@link #parse(String)}, with the current year given (for tests and for reproducible data). */
    public static PersonalId parse(String raw, int currentYear) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPersonalIdException(Problem.BLANK);
        }
        String s = raw.strip();
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidPersonalIdException(Problem.NOT_DIGITS);
        }
        if (s.length() == 9) {
            throw new InvalidPersonalIdException(Problem.OLD_ID_CARD);
        }
        if (s.length() != 12) {
            throw new InvalidPersonalIdException(Problem.WRONG_LENGTH);
        }
        if (!Provinces.isKnown(s.substring(0, 3))) {
            throw new InvalidPersonalIdException(Problem.UNKNOWN_PROVINCE);
        }
        int centuryDigit = s.charAt(3) - '0';
        // 0-1: 1900-1999, 2-3: 2000-2099; digits 4-9 encode the 22nd century onwards and
        // cannot belong to anybody alive today.
        if (centuryDigit > 3) {
            throw new InvalidPersonalIdException(Problem.INVALID_CENTURY_DIGIT);
        }
        PersonalId id = new PersonalId(s);
        if (id.birthYear() > currentYear) {
            throw new InvalidPersonalIdException(Problem.FUTURE_BIRTH_YEAR);
        }
        return id;
    }

    /** True when {@code raw} passes {@link #parse(String)}. */
    public static boolean isValid(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidPersonalIdException e) {
            return false;
        }
    }

    /** Three-digit birth-registration province code. */
    public String provinceCode() {
        return value.substring(0, 3);
    }

    /** The sex the number encodes: even century digit male, odd female. */
    public Gender gender() {
        return (value.charAt(3) - '0') % 2 == 0 ? Gender.MALE : Gender.FEMALE;
    }

    /** The birth year the number encodes: {@code 1900 + 100 * floor(d4 / 2) + yy}. */
    public int birthYear() {
        int centuryDigit = value.charAt(3) - '0';
        return 1900 + 100 * (centuryDigit / 2) + Integer.parseInt(value.substring(4, 6));
    }

    /** The number with its middle hidden, for logs and metrics: {@code 070******521}. */
    public String masked() {
        return mask(value);
    }

    /**
     * Masks anything that may be a personal number (or any identifier a citizen could be found
     * by): keeps the first three and last three characters of strings of nine or more characters,
     * hides everything of shorter ones. The one masking helper of the gateway.
     */
    public static String mask(String raw) {
        if (raw == null) {
            return "null";
        }
        if (raw.length() < 9) {
            return "*".repeat(raw.length());
        }
        return raw.substring(0, 3) + "*".repeat(raw.length() - 6) + raw.substring(raw.length() - 3);
    }

    @Override
    public String toString() {
        return masked();
    }
}
