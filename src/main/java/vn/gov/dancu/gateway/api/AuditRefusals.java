package vn.gov.dancu.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.security.Callers;

/**
 * Records refused data-access requests in the audit trail (Decree 13/2023 Art. 38 asks for every
 * processing, and inspectors ask "who tried"). One place for every refusal, whichever mapper
 * produced it; granted requests are recorded by their resource before the data leaves.
 */
public class AuditRefusals {

    /** Statuses that are a refusal of a data access (401: nobody known to record). */
    // 410, 422, 423: refused identity proofs and cancelled numbers of verify-only (issue 8).
    static final Set<Integer> AUDITED = Set.of(400, 403, 404, 409, 410, 413, 415, 422, 423, 429, 503);

    @Inject
    AuditEntries auditEntries;

    @Inject
    AuditTrail audit;

    @Inject
    Callers callers;

    @ServerResponseFilter
    public void recordRefusal(ContainerRequestContext request, ContainerResponseContext response) {
        if (!AUDITED.contains(response.getStatus())) {
            return;
        }
        RequestContext context = CorrelationFilter.of(request);
        context.auditDraft().filter(draft -> !draft.recorded()).ifPresent(draft -> {
            draft.markRecorded();
            String code = response.getEntity() instanceof Problem problem ? problem.code() : null;
            audit.recordRefusal(auditEntries.refusal(draft, callers.peek(), context, response.getStatus(), code));
        });
    }
}
