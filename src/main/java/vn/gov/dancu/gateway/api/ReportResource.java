package vn.gov.dancu.gateway.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.report.ReportUnreadableException;
import vn.gov.dancu.gateway.report.UsageCsv;
import vn.gov.dancu.gateway.report.UsageReport;
import vn.gov.dancu.gateway.report.UsageReports;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * The monthly usage report (spec §5.7, role {@code report-viewer}), due on the 15th: JSON, or CSV
 * on {@code Accept: text/csv} or {@code format=csv}. A month that has begun and holds no data is
 * an empty report (zeros: "nothing happened" is a valid answer for the monthly return); a month
 * that has not begun is 404. Each read is recorded in the audit trail ({@code USAGE_REPORT})
 * before it leaves, as an auditor's reads are. JDBC work runs on worker threads.
 */
@Path("/api/v1/reports/usage")
@RolesAllowed(Roles.REPORT_VIEWER)
public class ReportResource {

    public static final String TEXT_CSV = "text/csv";
    /** Strictly {@code YYYY-MM}: a four-digit year and a two-digit month. */
    static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");
    static final Duration READ_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(ReportResource.class);

    @Inject
    UsageReports reports;

    @Inject
    AuditEntries auditEntries;

    @Inject
    AuditedReads reads;

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @Inject
    Deadlines deadlines;

    @Inject
    GatewayConfig config;

    /** {@code GET /api/v1/reports/usage/months}: the months with data, oldest first. */
    public record Months(List<String> months) {
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    public Response usage(@QueryParam("month") String month, @QueryParam("format") String format,
            @Context HttpHeaders headers, @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Caller caller = callers.current();
        List<Violation> violations = new java.util.ArrayList<>();
        YearMonth ym = month(month, violations);
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            violations.add(Violation.of("format", "violation.report.format"));
        }
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        if (ym.isAfter(reports.currentMonth())) {
            throw GatewayException.of(ErrorCode.NOT_FOUND, "error.NOT_FOUND.month.detail", ym.toString());
        }
        UsageReport report = read(() -> reports.report(ym));
        reads.record(AuditDraft.USAGE_REPORT, caller, context, null, null);
        if (csv(format, headers)) {
            return Response.ok(UsageCsv.render(report), TEXT_CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"usage-" + report.month() + ".csv\"")
                    .build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/months")
    @Produces(MediaType.APPLICATION_JSON)
    public Months months(@Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Caller caller = callers.current();
        Months months = new Months(read(reports::months));
        reads.record(AuditDraft.USAGE_REPORT, caller, context, null, null);
        return months;
    }

    /** CSV when asked by {@code format}, else when {@code text/csv} is preferred to JSON in {@code Accept}. */
    static boolean csv(String format, HttpHeaders headers) {
        if (format != null) {
            return format.equals("csv");
        }
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isWildcardType() || acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)
                    && !acceptable.isWildcardSubtype()) {
                return false;
            }
            if (acceptable.getType().equals("text") && !acceptable.isWildcardSubtype()
                    && acceptable.getSubtype().equals("csv")) {
                return true;
            }
        }
        return false;
    }

    private static YearMonth month(String text, List<Violation> violations) {
        if (text == null || !MONTH.matcher(text).matches() || text.startsWith("0000")) {
            violations.add(Violation.of("month", "violation.report.month"));
            return null;
        }
        return YearMonth.parse(text);
    }


    /** The report's source unreadable is an outage (503 AUDIT_UNAVAILABLE), not a bug. */
    private static <T> T read(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ReportUnreadableException e) {
            LOG.warnf("Report data not readable (SQL state %s)", e.sqlState());
            throw new GatewayException(ErrorCode.AUDIT_UNAVAILABLE, "error.AUDIT_UNAVAILABLE.read.detail", List.of(),
                    List.of(), READ_RETRY_AFTER);
        }
    }
}
