package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.procedure.NewbornCommand;
import vn.gov.dancu.gateway.procedure.NewbornNumbers;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.procedure.WriteRequests;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.store.StoreUnavailableException;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * {@code POST /api/v1/newborns/personal-id} (spec §5.4, civil-status officers): thin — caller,
 * key, body, issue once, record, answer 201 (issued now) or 200 (the same number again). Blocking
 * (JDBC under a row lock), so it runs on a worker thread.
 */
@Path(AuditDraft.NEWBORN_PATH)
@RolesAllowed(Roles.CIVIL_STATUS_OFFICER)
public class NewbornResource {

    @Inject
    Callers callers;

    @Inject
    NewbornNumbers numbers;

    @Inject
    AuditEntries auditEntries;

    @Inject
    AuditTrail audit;

    @Inject
    Deadlines deadlines;

    @Inject
    GatewayConfig config;

    /** The answer: the number and when the gateway recorded it. */
    public record NewbornPersonalId(String requestId, String personalId, Instant issuedAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issue(@HeaderParam(WriteRequests.IDEMPOTENCY_HEADER) String idempotencyKey, JsonNode body,
            @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        // One budget, as for a prefill: an answer (number or a clear 503) within the deadline.
        Deadline deadline = deadlines.after(config.prefill().deadline());
        String caseId = body != null && body.path("caseId").isTextual() ? body.get("caseId").textValue() : null;
        context.auditDraft().ifPresent(draft -> draft.request(Procedure.BIRTH_REGISTRATION.code(),
                Procedure.BIRTH_REGISTRATION.definition().legalBasis(), caseId, NewbornCommand.parties(body)));
        Caller caller = callers.current();
        String key = WriteRequests.idempotencyKey(idempotencyKey);
        NewbornCommand command = NewbornCommand.validate(body, numbers.today());
        NewbornNumbers.Issued issued;
        try {
            issued = numbers.issue(command, key, caller, context.requestId(), deadline);
        } catch (StoreUnavailableException e) {
            throw GatewayException.unavailable(ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER);
        }
        Map<String, String> parties = new LinkedHashMap<>();
        parties.put("child", issued.personalId());
        parties.put("mother", command.motherPersonalId());
        if (command.fatherPersonalId() != null) {
            parties.put("father", command.fatherPersonalId());
        }
        int status = issued.created() ? 201 : 200;
        // Audit before release; the number is already safe in the idempotency record, so a
        // retry after 503 AUDIT_UNAVAILABLE gets it (200) without asking the NPD again.
        AuditEntry entry = auditEntries.write(AuditDraft.NEWBORN_PERSONAL_ID, caller, context,
                Procedure.BIRTH_REGISTRATION, command.caseId(), parties, status, List.of());
        try {
            audit.recordAndWait(entry, deadline.atMost(config.audit().writeTimeout()));
        } catch (AuditUnavailableException e) {
            throw GatewayException.unavailable(ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER);
        }
        context.auditDraft().ifPresent(AuditDraft::markRecorded);
        return Response.status(status)
                .entity(new NewbornPersonalId(context.requestId(), issued.personalId(), issued.issuedAt())).build();
    }
}
