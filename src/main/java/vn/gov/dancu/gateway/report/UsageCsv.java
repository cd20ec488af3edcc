package vn.gov.dancu.gateway.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV (spec §5.7): UTF-8, a header row, one figure per line
 * ({@code month,section,key,metric,value}), which a spreadsheet pivots as it likes and which
 * stays the same shape when the report gains a figure. Sections: {@code totals}, {@code procedure},
 * {@code agency}, {@code day}, {@code outbox}; small cells are merged exactly as in the JSON.
 */
public final class UsageCsv {

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Line.class).withHeader();

    private UsageCsv() {
    }

    @JsonPropertyOrder({"month", "section", "key", "metric", "value"})
    public record Line(String month, String section, String key, String metric, String value) {
    }

    public static String render(UsageReport r) {
        List<Line> lines = new ArrayList<>();
        String m = r.month();
        var t = r.totals();
        String[] totalNames = {"prefills", "complete", "partial", "refused", "npdUnavailable", "citizensServed",
            "npdCalls", "npdFailures", "cacheHits", "identityVerifications", "verifyChecks", "newbornIds",
            "eventsAccepted", "eventsDelivered", "eventsRejected"};
        long[] totalValues = {t.prefills(), t.complete(), t.partial(), t.refused(), t.npdUnavailable(),
            t.citizensServed(), t.npdCalls(), t.npdFailures(), t.cacheHits(), t.identityVerifications(),
            t.verifyChecks(), t.newbornIds(), t.eventsAccepted(), t.eventsDelivered(), t.eventsRejected()};
        for (int i = 0; i < totalNames.length; i++) {
            lines.add(new Line(m, "totals", "", totalNames[i], Long.toString(totalValues[i])));
        }
        for (var p : r.byProcedure()) {
            add(lines, m, "procedure", p.procedure(), "prefills", p.prefills());
            add(lines, m, "procedure", p.procedure(), "complete", p.complete());
            add(lines, m, "procedure", p.procedure(), "partial", p.partial());
            add(lines, m, "procedure", p.procedure(), "refused", p.refused());
            lines.add(new Line(m, "procedure", p.procedure(), "p95Ms", p.p95Ms() == null ? "" : p.p95Ms().toString()));
            add(lines, m, "procedure", p.procedure(), "fieldsPrefilled", p.fieldsPrefilled());
            add(lines, m, "procedure", p.procedure(), "fieldsDeclared", p.fieldsDeclared());
        }
        for (var a : r.byAgency()) {
            if (a.merged() != null) {
                add(lines, m, "agency", a.agency(), "merged", a.merged());
            }
            add(lines, m, "agency", a.agency(), "prefills", a.prefills());
            add(lines, m, "agency", a.agency(), "complete", a.complete());
            add(lines, m, "agency", a.agency(), "partial", a.partial());
            add(lines, m, "agency", a.agency(), "refused", a.refused());
        }
        for (var d : r.byDay()) {
            if (d.merged() != null) {
                add(lines, m, "day", d.date(), "merged", d.merged());
            }
            add(lines, m, "day", d.date(), "prefills", d.prefills());
        }
        add(lines, m, "outbox", "", "pending", r.outbox().pending());
        lines.add(new Line(m, "outbox", "", "oldestPendingSince",
                r.outbox().oldestPendingSince() == null ? "" : r.outbox().oldestPendingSince().toString()));
        try {
            return CSV.writer(SCHEMA).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(List<Line> lines, String month, String section, String key, String metric, long value) {
        lines.add(new Line(month, section, cell(key), metric, Long.toString(value)));
    }

    /**
     * An agency code comes from the identity provider's tokens: one that starts like a formula
     * ({@code =}, {@code +}, {@code -}, {@code @}) is prefixed with an apostrophe, so a spreadsheet
     * shows it instead of running it (CSV injection).
     */
    static String cell(String key) {
        return !key.isEmpty() && "=+-@\t\r".indexOf(key.charAt(0)) >= 0 ? "'" + key : key;
    }
}
