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
import java.time.Duration;
import java.util.List;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.metrics.GatewayMetrics;
import java.util.concurrent.atomic.AtomicReference;
import vn.gov.dancu.gateway.procedure.IdentityChecks;
import vn.gov.dancu.gateway.procedure.IdentityProofRefused;
import vn.gov.dancu.gateway.procedure.IdentityProofs;
import vn.gov.dancu.gateway.procedure.PartyRole;
import vn.gov.dancu.gateway.procedure.PrefillCommand;
import vn.gov.dancu.gateway.procedure.ProvenIdentity;
import vn.gov.dancu.gateway.procedure.PrefillService;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.ratelimit.CallerRateLimits;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * {@code POST /api/v1/prefill/{procedure}}: thin — check the caller, validate, prefill, record in
 * the audit trail, render. The response is built only after its audit record is committed.
 */
@Path("/api/v1/prefill")
@Authenticated
public class PrefillResource {

    /** The registration date of a declared child's birth is today in Vietnam (config/Clocks). */
    @Inject
    java.time.Clock clock;

    @Inject
    AuditEntries auditEntries;

    @Inject
    Callers callers;

    @Inject
    PrefillService prefill;

    @Inject
    AuditTrail audit;

    @Inject
    CallerRateLimits rateLimits;

    @Inject
    GatewayConfig config;

    @Inject
    Deadlines deadlines;

    @Inject
    GatewayMetrics metrics;

    /** What to tell a caller when the audit store is down: it usually recovers within seconds. */
    static final Duration AUDIT_RETRY_AFTER = Duration.ofSeconds(5);

    @POST
    @Path("/{procedure}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<PrefillResponse> prefill(@PathParam("procedure") String segment, PrefillRequest body,
            @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        // The counter's budget starts now: data, PARTIAL or a clear 503 within it, whatever happens.
        // One deadline for every step, the NPD lookups and the audit commit alike.
        Deadline deadline = deadlines.after(config.prefill().deadline());
        Caller caller = callers.current();
        Procedure procedure = Procedure.fromPathSegment(segment).orElseThrow(() -> GatewayException.of(
                ErrorCode.UNKNOWN_PROCEDURE, "error.UNKNOWN_PROCEDURE.detail", segment.length() > 64 ? "…" : segment));
        context.auditDraft().ifPresent(draft -> draft.request(procedure.code(),
                procedure.definition().legalBasis(), body == null ? null : body.caseId(),
                body == null ? null : body.parties()));
        callers.requireRole(procedure.role());
        if (body == null) {
            throw GatewayException.validation(List.of(Violation.of("body", "violation.body.required")));
        }
        PrefillCommand command = PrefillCommand.validate(procedure, body.caseId(), body.parties(),
                body.identity() != null, body.identity() == null ? null : body.identity().method(), body.child(),
                java.time.LocalDate.now(clock));
        PrefillRequest.IdentityProof proof = body.identity();
        validateProof(proof);
        // Identity (issue 8): the proof first; a refused proof answers as such and fetches nothing.
        AtomicReference<ProvenIdentity> proven = new AtomicReference<>();
        AtomicReference<IdentityChecks.Outcome> checked = new AtomicReference<>();
        return rateLimits.check(caller)
                .chain(() -> proof == null ? Uni.createFrom().voidItem()
                        : identityProofs.prove(proof.method(), proof.code(), proof.idToken(), caller,
                                context.requestId(), deadline)
                                .onFailure(IdentityProofRefused.class).invoke(e -> IdentityResource.recordRefusedCall(
                                        context, (IdentityProofRefused) e))
                                .invoke(proven::set).replaceWithVoid())
                .chain(() -> prefill.prefill(command, caller, context.requestId(), deadline))
                .map(result -> {
                    if (proven.get() == null) {
                        return result;
                    }
                    checked.set(IdentityChecks.check(command, proven.get()));
                    return result.withIssues(checked.get().issues());
                })
                .invoke(metrics::cacheLookups)
                // Audit before release: nothing below runs until the record is committed.
                .call(result -> {
                    AuditEntry plain = auditEntries.prefill(result, caller, context,
                            result.unavailable() ? ErrorCode.NPD_UNAVAILABLE.status() : 200);
                    AuditEntry entry = proven.get() == null ? plain : plain.withIdentity(
                            new AuditEntry.Identity(proven.get().method(), proven.get().level(),
                                    checked.get().matchedRole()), AuditEntries.vneidCalls(proven.get()));
                    return audit.record(entry, deadline)
                            .invoke(() -> context.auditDraft().ifPresent(AuditDraft::markRecorded))
                            // Refused for want of a record: the refusal's record still names the
                            // NPD calls that were made.
                            .onFailure(AuditUnavailableException.class).invoke(() -> context.auditDraft()
                                    .ifPresent(draft -> draft.upstreamCalls(entry.upstreamCalls())));
                })
                .onFailure(AuditUnavailableException.class).transform(e -> GatewayException.unavailable(
                        ErrorCode.AUDIT_UNAVAILABLE, AUDIT_RETRY_AFTER))
                .map(result -> {
                    if (result.unavailable()) {
                        throw GatewayException.unavailable(ErrorCode.NPD_UNAVAILABLE, result.retryAfter());
                    }
                    PrefillResponse response = PrefillResponses.render(result, context);
                    return proven.get() == null ? response : response.withIdentity(identityView(proven.get(),
                            checked.get().matchedRole(), command));
                });
    }

    @Inject
    IdentityProofs identityProofs;

    /** A proof without its credential is a 400 naming the field (identity, issue 8). */
    private static void validateProof(PrefillRequest.IdentityProof proof) {
        if (proof == null) {
            return;
        }
        if (ProvenIdentity.VNEID_QR.equals(proof.method()) && (proof.code() == null || proof.code().isEmpty())) {
            throw GatewayException.validation(List.of(Violation.of("identity.code", "violation.identity.code.required")));
        }
        if (ProvenIdentity.VNEID_ID_TOKEN.equals(proof.method())
                && (proof.idToken() == null || proof.idToken().isEmpty())) {
            throw GatewayException.validation(
                    List.of(Violation.of("identity.idToken", "violation.identity.idToken.required")));
        }
    }

    /** The response's identity block; IN_PERSON names the party the officer checked. */
    private static PrefillResponse.IdentityView identityView(ProvenIdentity p, String matchedRole,
            PrefillCommand command) {
        String personalId = p.personalId();
        if (personalId == null && matchedRole != null) {
            personalId = PartyRole.fromKey(matchedRole).map(r -> command.parties().get(r))
                    .map(vn.gov.dancu.gateway.citizen.PersonalId::value).orElse(null);
        }
        return new PrefillResponse.IdentityView(personalId, p.level(), p.method(), p.verifiedAt(), matchedRole);
    }
}
