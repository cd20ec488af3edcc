package vn.gov.dancu.gateway.api;

import io.quarkus.security.AuthenticationRedirectException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The dashboard's login (authorization-code flow, spec §5.8) ends with a redirect that Quarkus
 * OIDC raises as an exception: it must stay the redirect it is, not become the catch-all mapper's
 * 500. Only the web-app tenant raises it; the bearer-only API never does.
 */
public class DashboardRedirects {

    @ServerExceptionMapper
    public Response redirect(AuthenticationRedirectException e) {
        return Response.status(e.getCode()).header("Location", e.getRedirectUri())
                .header("Cache-Control", "no-store").build();
    }
}
