package vn.gov.dancu.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import vn.gov.dancu.gateway.metrics.GatewayMetrics;
import vn.gov.dancu.gateway.procedure.Procedure;

/**
 * Counts every answered {@code /api/v1} request by operation, procedure and outcome, and times
 * prefills (spec §5.9). Runs for refusals too: the problem mapper's answers pass through response
 * filters, so a 400, 403 or 503 is counted with its stable problem code as the outcome.
 *
 * <p>Every label value comes from a closed set: the contract's operation ids, procedure codes,
 * problem codes and prefill statuses. A path the gateway does not know is {@code unknown}, and a
 * procedure segment that is not one of the six is {@code UNKNOWN}: what a caller typed in the URL
 * never becomes a label.
 */
public class RequestMetricsFilter {

    /** Contract operation ids ({@code openapi.yaml}) by exact path; prefill is matched by prefix. */
    private static final Map<String, String> OPERATIONS = Map.of(
            "/api/v1/procedures", "listProcedures",
            "/api/v1/audit/access-log", "auditAccessLog",
            "/api/v1/audit/citizen-export", "auditCitizenExport",
            "/api/v1/audit/verification", "auditVerification",
            // reports (issue 9)
            "/api/v1/reports/usage", "usageReport",
            "/api/v1/reports/usage/months", "usageReportMonths");
    private static final String PREFILL_PATH = "/api/v1/prefill/";

    @Inject
    GatewayMetrics metrics;

    /** The writes' operation ids (spec §5.4, §5.5): one path is two operations, one has an id in it. */
    static String writeOperation(String method, String path) {
        if (path.equals("/api/v1/newborns/personal-id")) {
            return "issueNewbornPersonalId";
        }
        if (path.equals("/api/v1/civil-status-events")) {
            return "POST".equals(method) ? "submitCivilStatusEvent" : "listCivilStatusEvents";
        }
        return path.startsWith("/api/v1/civil-status-events/") ? "getCivilStatusEvent" : "unknown";
    }

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        boolean prefill = path.startsWith(PREFILL_PATH);
        String operation = prefill ? "prefill" : OPERATIONS.getOrDefault(path, writeOperation(request.getMethod(), path));
        String procedure = prefill ? Procedure.fromPathSegment(path.substring(PREFILL_PATH.length()))
                .map(Procedure::code).orElse("UNKNOWN") : "NONE";
        Object entity = response.getEntity();
        String outcome = entity instanceof Problem problem ? problem.code()
                : entity instanceof PrefillResponse answer ? answer.status()
                : response.getStatus() < 400 ? "OK" : "ERROR";
        metrics.request(operation, procedure, response.getStatus(), outcome);
        if (prefill) {
            metrics.prefillDuration(procedure, outcome,
                    Duration.ofNanos(System.nanoTime() - CorrelationFilter.of(request).startedNanos()));
        }
    }
}
