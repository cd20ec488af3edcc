package vn.gov.dancu.gateway.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record the JVM emits while open, as the text a log file would hold and more: the
 * formatted message, each parameter, the MDC and NDC, and the whole stack trace of the thrown
 * exception with every cause and suppressed exception. Installed on the root logger at level ALL,
 * so it sees what any handler could see; the given categories are lowered to {@code level} for
 * the duration, so that a leaking DEBUG statement is caught too, and restored on {@link #close()}.
 *
 * <p>Quarkus routes java.util.logging, JBoss Logging, SLF4J and commons-logging through the JBoss
 * LogManager, so the JUL root logger is the one place every record passes.
 *
 * <p>A category that the configuration sets on its own keeps its level when a parent is lowered,
 * exactly as when an operator turns on {@code quarkus.log.category."io.quarkus.oidc".level=DEBUG}:
 * that is how a library class whose debug lines quote caller input is kept quiet for good. Below
 * DEBUG nothing can be lowered at run time ({@code quarkus.log.min-level} is DEBUG at build time).
 */
public final class LogCapture extends Handler implements AutoCloseable {

    /** One captured record: its category, level and everything of it that could be written out. */
    public record Line(String logger, String level, String text) {
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final Logger root = Logger.getLogger("");
    /** Strong references, so the loggers whose level we changed are the ones we restore. */
    private final Map<Logger, Level> previousLevels = new LinkedHashMap<>();

    private LogCapture() {
        setLevel(Level.ALL);
    }

    /**
     * Starts capturing, with {@code categories} lowered to {@code level} (e.g. JBoss
     * {@code Level.DEBUG}) until closed.
     */
    public static LogCapture start(Level level, String... categories) {
        LogCapture capture = new LogCapture();
        for (String category : categories) {
            Logger logger = Logger.getLogger(category);
            capture.previousLevels.put(logger, logger.getLevel());
            logger.setLevel(level);
        }
        capture.root.addHandler(capture);
        return capture;
    }

    /** The lines captured so far, in arrival order. */
    public List<Line> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (record != null) {
            lines.add(new Line(String.valueOf(record.getLoggerName()), record.getLevel().getName(), format(record)));
        }
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    /** Removes the handler and gives every category its level back. */
    @Override
    public void close() {
        root.removeHandler(this);
        previousLevels.forEach(Logger::setLevel);
    }

    /**
     * Everything of a record that a formatter, a JSON log encoder or a log shipper could write out:
     * the message with its parameters filled in, the raw message and each parameter, the MDC and
     * NDC, and the printed stack trace of the thrown exception (messages of causes and suppressed
     * exceptions included).
     */
    public static String format(LogRecord record) {
        StringBuilder text = new StringBuilder();
        text.append(formattedMessage(record));
        if (record.getMessage() != null) {
            text.append(" | raw: ").append(record.getMessage());
        }
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append(" | param: ").append(safeToString(parameter));
            }
        }
        if (record instanceof ExtLogRecord ext) {
            Map<String, String> mdc = ext.getMdcCopy();
            if (mdc != null && !mdc.isEmpty()) {
                text.append(" | mdc: ").append(mdc);
            }
            if (ext.getNdc() != null && !ext.getNdc().isEmpty()) {
                text.append(" | ndc: ").append(ext.getNdc());
            }
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                record.getThrown().printStackTrace(out);
            }
            text.append(" | thrown: ").append(trace);
        }
        return text.toString();
    }

    private static String formattedMessage(LogRecord record) {
        try {
            if (record instanceof ExtLogRecord ext) {
                return String.valueOf(ext.getFormattedMessage());
            }
            return new java.util.logging.Formatter() {
                @Override
                public String format(LogRecord r) {
                    return formatMessage(r);
                }
            }.format(record);
        } catch (RuntimeException badFormat) {
            return String.valueOf(record.getMessage());
        }
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<toString failed: " + e.getClass().getName() + ">";
        }
    }
}
