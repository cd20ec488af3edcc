package vn.gov.dancu.gateway.citizen;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date that may be known only to the year or the month, as old NPD records often are
 * ("1950", "1950-07", "1950-07-15"). The precision is kept, never padded into a fake full date:
 * a 1 January placeholder must not be compared as if it were exact (domain.md §5.4).
 */
public record PartialDate(int year, Integer month, Integer day) {

    /** How much of the date is known. */
    public enum Precision {
        YEAR, MONTH, DAY
    }

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    public PartialDate {
        if (day != null && month == null) {
            throw new IllegalArgumentException("a day needs a month");
        }
        if (day != null) {
            LocalDate.of(year, month, day); // validates the calendar date
        } else if (month != null) {
            YearMonth.of(year, month);
        }
    }

    /** Parses the NPD's partial-date format; throws {@link IllegalArgumentException} otherwise. */
    public static PartialDate parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a partial date");
        }
        Integer month = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer day = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        try {
            return new PartialDate(Integer.parseInt(m.group(1)), month, day);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a calendar date", e);
        }
    }

    public Precision precision() {
        return day != null ? Precision.DAY : month != null ? Precision.MONTH : Precision.YEAR;
    }

    /** The earliest day this date can stand for. */
    public LocalDate earliest() {
        return LocalDate.of(year, month == null ? 1 : month, day == null ? 1 : day);
    }

    /** The latest day this date can stand for. */
    public LocalDate latest() {
        if (day != null) {
            return LocalDate.of(year, month, day);
        }
        return month != null ? YearMonth.of(year, month).atEndOfMonth() : LocalDate.of(year, 12, 31);
    }

    /**
     * True only when a person born on this date is certainly younger than {@code years} full
     * years on {@code on}: even the earliest possible birthday leaves them short of it.
     */
    public boolean certainlyYoungerThan(int years, LocalDate on) {
        return earliest().plusYears(years).isAfter(on);
    }

    /** The ISO-like text with its precision: "1950", "1950-07" or "1950-07-15". */
    @Override
    public String toString() {
        return switch (precision()) {
            case YEAR -> String.format("%04d", year);
            case MONTH -> String.format("%04d-%02d", year, month);
            case DAY -> String.format("%04d-%02d-%02d", year, month, day);
        };
    }
}
