package vn.gov.dancu.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Clock;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.report.PrefillLatencies;

/**
 * Keeps every answered prefill's duration, arrival to answer, for the monthly report's
 * {@code p95Ms} (spec §5.7): queued, written off the request's path ({@link PrefillLatencies}).
 * Only the catalogue's procedures: an unknown path segment is not a procedure to report on.
 */
public class PrefillLatencyFilter {

    private static final String PREFILL_PATH = "/api/v1/prefill/";

    @Inject
    PrefillLatencies latencies;

    @Inject
    Clock clock;

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PREFILL_PATH)) {
            return;
        }
        Procedure.fromPathSegment(path.substring(PREFILL_PATH.length())).ifPresent(procedure -> latencies.record(
                clock.instant(), procedure.code(), response.getStatus(),
                Duration.ofNanos(System.nanoTime() - CorrelationFilter.of(request).startedNanos())));
    }
}
