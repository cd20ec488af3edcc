package vn.gov.dancu.gateway.logging;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import vn.gov.dancu.gateway.citizen.PersonalId;

/**
 * The last line of defence for "no personal number in any log line, from any library": every
 * record that reaches the console handler has each run of exactly twelve digits (the shape of a
 * personal identification number) masked, in its message and in the messages of its exception
 * chain. The gateway's own code already logs only masked numbers ({@link PersonalId#mask}); this
 * catches what a library prints on its own, such as an HTTP client quoting the URL of an abandoned
 * NPD lookup, whatever the log level an operator turns on.
 *
 * <p>Configured with {@code quarkus.log.console.filter=personal-data}; the stack trace is kept, so
 * an operator still sees where a failure happened.
 */
@LoggingFilter(name = PersonalDataRedaction.NAME)
public final class PersonalDataRedaction implements Filter {

    public static final String NAME = "personal-data";

    private static final Pattern PERSONAL_NUMBER = Pattern.compile("(?<!\\d)\\d{12}(?!\\d)");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message != null && PERSONAL_NUMBER.matcher(message).find()) {
            if (record instanceof ExtLogRecord ext) {
                ext.setMessage(redact(message), ExtLogRecord.FormatStyle.NO_FORMAT);
            } else {
                record.setMessage(redact(message));
            }
            record.setParameters(null);
        }
        if (record.getThrown() != null && mentionsANumber(record.getThrown())) {
            record.setThrown(Redacted.of(record.getThrown()));
        }
        return true;
    }

    /** {@code text} with every twelve-digit run masked as {@link PersonalId#mask} masks it. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = PERSONAL_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PersonalId.mask(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean mentionsANumber(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && PERSONAL_NUMBER.matcher(t.getMessage()).find()) {
                return true;
            }
        }
        return false;
    }

    /** A stand-in for a throwable whose message named a number: same class name and stack, masked text. */
    static final class Redacted extends RuntimeException {

        private final String type;

        private Redacted(String type, String message, Throwable cause, StackTraceElement[] stack) {
            super(message, cause, false, true);
            this.type = type;
            setStackTrace(stack);
        }

        static Throwable of(Throwable original) {
            Throwable cause = original.getCause() == null || original.getCause() == original ? null
                    : of(original.getCause());
            return new Redacted(original.getClass().getName(), redact(original.getMessage()), cause,
                    original.getStackTrace());
        }

        @Override
        public String toString() {
            return getMessage() == null ? type : type + ": " + getMessage();
        }
    }
}
