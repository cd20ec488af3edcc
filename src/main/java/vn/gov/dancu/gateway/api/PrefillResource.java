package vn.gov.dancu.gateway.api;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.PrefillCommand;
import vn.gov.dancu.gateway.procedure.PrefillService;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;

/** {@code POST /api/v1/prefill/{procedure}}: thin — check the caller, validate, prefill, render. */
@Path("/api/v1/prefill")
@Authenticated
public class PrefillResource {

    @Inject
    Callers callers;

    @Inject
    PrefillService prefill;

    @POST
    @Path("/{procedure}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PrefillResponse> prefill(@PathParam("procedure") String segment, PrefillRequest body,
            @Context ContainerRequestContext request) {
        Caller caller = callers.current();
        Procedure procedure = Procedure.fromPathSegment(segment).orElseThrow(() -> GatewayException.of(
                ErrorCode.UNKNOWN_PROCEDURE, "error.UNKNOWN_PROCEDURE.detail", segment.length() > 64 ? "…" : segment));
        callers.requireRole(procedure.role());
        if (body == null) {
            throw GatewayException.validation(List.of(Violation.of("body", "violation.body.required")));
        }
        PrefillCommand command = PrefillCommand.validate(procedure, body.caseId(), body.parties(),
                body.identity() != null, body.identity() == null ? null : body.identity().method());
        RequestContext context = CorrelationFilter.of(request);
        return prefill.prefill(command, caller, context.requestId(), context.traceparent())
                .map(result -> PrefillResponses.render(result, context));
    }
}
