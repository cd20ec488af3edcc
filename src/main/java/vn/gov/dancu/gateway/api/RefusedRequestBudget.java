package vn.gov.dancu.gateway.api;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import vn.gov.dancu.gateway.ratelimit.CallerRateLimits;
import vn.gov.dancu.gateway.security.Callers;

/**
 * Refused requests of an authenticated caller count against their rate-limit budget like granted
 * ones. Each refusal is an audit record, and most are refused before the resource reaches its
 * rate-limit check (a malformed body, a wrong content type, an unknown procedure, a role the
 * officer lacks): uncounted, one officer's script could write records without limit. Not counted:
 * 401 (nobody known), 429 (the budget is what refused it) and 5xx (the gateway's failure, and a
 * prefill that got that far was counted by its own check). Oversized bodies never reach JAX-RS;
 * {@link BodyLimit} counts those.
 */
public class RefusedRequestBudget {

    /** Looked up per use: Quarkus REST builds filters at static init, before config mappings exist. */
    @Inject
    Provider<CallerRateLimits> rateLimits;

    @Inject
    Callers callers;

    /** The answer waits for the count, so the caller's next request already sees it. */
    @ServerResponseFilter
    public Uni<Void> countRefusal(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || status >= 500 || status == 401 || status == 429) {
            return Uni.createFrom().voidItem();
        }
        return callers.known().chain(caller -> caller.officer() == null ? Uni.createFrom().voidItem()
                : rateLimits.get().countRefused(caller));
    }
}
