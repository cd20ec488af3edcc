package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The dashboard (spec §5.8) for the Department's leadership and the inspectors: a page with charts
 * of a month's report, its data as JSON for the page's script, and the month's CSV. Officers log
 * in through the OIDC tenant {@code dashboard} (authorization-code flow, a session cookie under
 * {@code /dashboard}); the page and its data come from the same report code as
 * {@code /api/v1/reports/usage}, and each read of the data is audited as {@code USAGE_REPORT}.
 * The page carries no inline script (a strict CSP): its texts travel as a JSON data block, its
 * code and the chart library (ECharts, from its WebJar) are served by the gateway itself.
 */
@Path("/dashboard")
@RolesAllowed({Roles.REPORT_VIEWER, Roles.AUDITOR})
public class DashboardResource {

    static final String ECHARTS = "/webjars/echarts/5.3.1/dist/echarts.min.js";
    /** Scripts only from the gateway, no inline script, no framing; styles also set by the chart library. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'";
    static final List<String> TEXT_KEYS = List.of("title", "month", "csv", "byDay", "byProcedure", "byAgency",
            "outcomes", "npd", "latency", "outbox", "complete", "partial", "refused", "npdAnswered", "npdFailed",
            "accepted", "delivered", "rejected", "pending", "prefills", "citizens", "other", "noData", "smallCells",
            "availability", "loading", "error");

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** What the page's script draws: the month's report and the months to pick from. */
    public record DashboardData(UsageReport report, List<String> months) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("lang") String lang, @QueryParam("month") String month,
            @Context HttpHeaders headers) {
        Caller caller = callers.current();
        Locale locale = "en".equals(lang) ? Locale.ENGLISH : "vi".equals(lang) ? Messages.VIETNAMESE
                : Messages.choose(headers.getAcceptableLanguages());
        boolean english = Locale.ENGLISH.equals(locale);
        String chosen = month != null && ReportResource.MONTH.matcher(month).matches() ? month
                : reports.currentMonth().toString();
        Map<String, String> texts = new LinkedHashMap<>();
        TEXT_KEYS.forEach(key -> texts.put(key, Messages.get(locale, "dashboard." + key)));
        String textsJson;
        try {
            // "<" as \u003c: the JSON block can never close its <script> element
            textsJson = JSON.writeValueAsString(texts).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sections = new StringBuilder();
        for (String chart : List.of("byDay", "byProcedure", "byAgency", "outcomes", "npd", "latency", "outbox")) {
            sections.append("""
                    <section class="card" data-chart="%1$s">
                      <h2>%2$s</h2>
                      <div class="plot" id="plot-%1$s"></div>
                      <table class="figures"><caption>%2$s</caption><tbody></tbody></table>
                    </section>
                    """.formatted(chart, html(texts.get(chart))));
        }
        String page = """
                <!DOCTYPE html>
                <html lang="%1$s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%2$s</title>
                <link rel="stylesheet" href="/dashboard-assets/dashboard.css">
                <script type="application/json" id="dashboard-texts">%3$s</script>
                <script src="%4$s" defer></script>
                <script src="/dashboard-assets/dashboard.js" defer></script>
                </head>
                <body data-month="%5$s" data-lang="%1$s">
                <header>
                  <h1>%2$s</h1>
                  <p class="who">%6$s</p>
                  <label for="month">%7$s</label> <select id="month"><option value="%5$s">%5$s</option></select>
                  <a id="csv-download" class="button" href="/dashboard/usage.csv?month=%5$s">%8$s</a>
                  <a id="language" href="/dashboard?lang=%9$s&amp;month=%5$s">%10$s</a>
                </header>
                <main>
                <section class="card totals" data-chart="totals"><h2>%11$s</h2><dl id="totals"></dl></section>
                %12$s</main>
                <footer><p>%13$s</p></footer>
                </body>
                </html>
                """.formatted(english ? "en" : "vi", html(texts.get("title")), textsJson, ECHARTS, chosen,
                html(caller.officer() + " · " + caller.agency()), html(texts.get("month")), html(texts.get("csv")),
                english ? "vi" : "en", english ? "Tiếng Việt" : "English", html(texts.get("prefills")), sections,
                html(texts.get("smallCells")));
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
    }

    @GET
    @Path("/data")
    @Produces(MediaType.APPLICATION_JSON)
    public DashboardData data(@QueryParam("month") String month, @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Caller caller = callers.current();
        YearMonth ym = month(month);
        UsageReport report = read(() -> reports.report(ym));
        List<String> months = new ArrayList<>(read(reports::months));
        String current = reports.currentMonth().toString();
        if (!months.contains(current)) {
            months.add(current);
        }
        reads.record(AuditDraft.USAGE_REPORT, caller, context, null, null);
        return new DashboardData(report, months);
    }

    @GET
    @Path("/usage.csv")
    @Produces(ReportResource.TEXT_CSV)
    public Response csv(@QueryParam("month") String month, @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Caller caller = callers.current();
        UsageReport report = read(() -> reports.report(month(month)));
        reads.record(AuditDraft.USAGE_REPORT, caller, context, null, null);
        return Response.ok(UsageCsv.render(report), ReportResource.TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"usage-" + report.month() + ".csv\"")
                .build();
    }

    private YearMonth month(String text) {
        if (text == null || !ReportResource.MONTH.matcher(text).matches() || text.startsWith("0000")) {
            throw GatewayException.validation(List.of(Violation.of("month", "violation.report.month")));
        }
        YearMonth ym = YearMonth.parse(text);
        if (ym.isAfter(reports.currentMonth())) {
            throw GatewayException.of(ErrorCode.NOT_FOUND, "error.NOT_FOUND.month.detail", ym.toString());
        }
        return ym;
    }


    private static <T> T read(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (ReportUnreadableException e) {
            throw new GatewayException(ErrorCode.AUDIT_UNAVAILABLE, "error.AUDIT_UNAVAILABLE.read.detail", List.of(),
                    List.of(), ReportResource.READ_RETRY_AFTER);
        }
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
