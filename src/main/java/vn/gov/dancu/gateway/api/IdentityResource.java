package vn.gov.dancu.gateway.api;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.IdentityProofRefused;
import vn.gov.dancu.gateway.procedure.IdentityProofs;
import vn.gov.dancu.gateway.procedure.PrefillCommand;
import vn.gov.dancu.gateway.procedure.ProvenIdentity;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.ratelimit.CallerRateLimits;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * {@code POST /api/v1/identity/verify} (spec §5.2): thin — validate, prove, record, answer. The
 * answer leaves only after its audit record (operation IDENTITY_VERIFICATION) is committed; a
 * refused proof is recorded too, with the VNeID call it cost. The code or token is never logged,
 * recorded or echoed.
 */
@Path("/api/v1/identity/verify")
@Authenticated
public class IdentityResource {

    /** The methods this endpoint checks: IN_PERSON has nothing to verify, it is an attestation in a prefill. */
    static final List<String> METHODS = List.of(ProvenIdentity.VNEID_QR, ProvenIdentity.VNEID_ID_TOKEN);

    @Inject
    Callers callers;

    @Inject
    IdentityProofs proofs;

    @Inject
    AuditEntries auditEntries;

    @Inject
    AuditTrail audit;

    @Inject
    CallerRateLimits rateLimits;

    @Inject
    GatewayConfig config;

    @Inject
    Deadlines deadlines;

    @POST
    @RolesAllowed({ Roles.CIVIL_STATUS_OFFICER, Roles.JUDICIAL_RECORD_OFFICER })
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<IdentityVerifyResponse> verify(IdentityVerifyRequest body, @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Deadline deadline = deadlines.after(config.prefill().deadline());
        Caller caller = callers.current();
        context.auditDraft().ifPresent(draft -> draft.request(null, null, body == null ? null : body.caseId(), null));
        validate(body);
        context.auditDraft().ifPresent(draft -> draft.identity(new AuditEntry.Identity(body.method(), 0, null)));
        return rateLimits.check(caller)
                .chain(() -> proofs.prove(body.method(), body.code(), body.idToken(), caller, context.requestId(),
                        deadline))
                .onFailure(IdentityProofRefused.class).invoke(e -> recordRefusedCall(context, (IdentityProofRefused) e))
                .call(proven -> audit.record(auditEntries.identityVerification(proven, body.caseId(), caller, context),
                        deadline).invoke(() -> context.auditDraft().ifPresent(draft -> {
                            draft.markRecorded();
                        }))
                        .onFailure(AuditUnavailableException.class).invoke(() -> context.auditDraft()
                                .ifPresent(draft -> {
                                    draft.request(null, null, body.caseId(),
                                            java.util.Map.of(AuditDraft.SUBJECT_ROLE, proven.personalId()));
                                    draft.upstreamCalls(AuditEntries.vneidCalls(proven));
                                    draft.identity(new AuditEntry.Identity(proven.method(), proven.level(), null));
                                })))
                .onFailure(AuditUnavailableException.class).transform(e -> GatewayException.unavailable(
                        ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER))
                .map(p -> new IdentityVerifyResponse(context.requestId(), p.personalId(), p.fullName(),
                        p.dateOfBirth(), p.gender(), p.level(), p.method(), p.verifiedAt()));
    }

    /** A refused proof's record names the redemption that was sent (its status), never the code. */
    static void recordRefusedCall(RequestContext context, IdentityProofRefused refused) {
        // The level is unknown (0) when the proof was refused.
        context.auditDraft().ifPresent(draft -> draft.identity(new AuditEntry.Identity(refused.method(), 0, null)));
        if (refused.vneidCalled()) {
            context.auditDraft().ifPresent(draft -> draft.upstreamCalls(List.of(new AuditEntry.UpstreamCall(
                    AuditEntries.UPSTREAM_VNEID, null, List.of(), refused.vneidStatus()))));
        }
    }

    private static void validate(IdentityVerifyRequest body) {
        if (body == null) {
            throw GatewayException.validation(List.of(Violation.of("body", "violation.body.required")));
        }
        List<Violation> violations = new ArrayList<>();
        if (body.caseId() == null || body.caseId().isEmpty()) {
            violations.add(Violation.of("caseId", "violation.caseId.required"));
        } else if (!PrefillCommand.CASE_ID.matcher(body.caseId()).matches()) {
            violations.add(Violation.of("caseId", "violation.caseId.pattern"));
        }
        if (body.method() == null || !METHODS.contains(body.method())) {
            violations.add(Violation.of("method", "violation.identity.verifyMethod", String.join(", ", METHODS)));
        } else if (body.method().equals(ProvenIdentity.VNEID_QR) && (body.code() == null || body.code().isEmpty())) {
            violations.add(Violation.of("code", "violation.identity.code.required"));
        } else if (body.method().equals(ProvenIdentity.VNEID_ID_TOKEN)
                && (body.idToken() == null || body.idToken().isEmpty())) {
            violations.add(Violation.of("idToken", "violation.identity.idToken.required"));
        }
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
    }
}
