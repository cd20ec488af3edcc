package vn.gov.dancu.gateway.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Security headers on every answer under {@code /dashboard} (spec §5.8), refusals included: a
 * strict CSP (no inline script, no framing), no caching of a page or data a logged-in officer saw,
 * no referrer to other sites.
 */
public class DashboardHeaders {

    @ServerResponseFilter
    public void onResponse(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/dashboard") && !path.startsWith("/dashboard/")) {
            return;
        }
        var headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", DashboardResource.CSP);
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cache-Control", "no-store");
    }
}
