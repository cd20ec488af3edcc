package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.citizen.VietnameseText;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.ClaimChecks;
import vn.gov.dancu.gateway.procedure.PrefillCommand;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.ratelimit.CallerRateLimits;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * {@code POST /api/v1/verify} (spec §5.3): thin — validate and normalise the claims, check them at
 * the NPD, record (operation CLAIM_VERIFICATION), answer with the verdicts only. The officer needs
 * the role of the procedure named as purpose.
 */
@Path("/api/v1/verify")
@Authenticated
public class VerifyResource {

    private static final Pattern PARTIAL_DATE = Pattern.compile("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?");
    private static final int MAX_TEXT = 256;

    @Inject
    Callers callers;

    @Inject
    ClaimChecks checks;

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
    public Uni<VerifyResponse> verify(VerifyRequest body, @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Deadline deadline = deadlines.after(config.prefill().deadline());
        Caller caller = callers.current();
        if (body == null) {
            throw GatewayException.validation(List.of(Violation.of("body", "violation.body.required")));
        }
        Optional<Procedure> procedure = Arrays.stream(Procedure.values())
                .filter(p -> p.code().equals(body.procedure())).findFirst();
        context.auditDraft().ifPresent(draft -> draft.request(procedure.map(Procedure::code).orElse(null),
                procedure.map(p -> p.definition().legalBasis()).orElse(null), body.caseId(),
                body.personalId() == null ? null : Map.of(AuditDraft.SUBJECT_ROLE, body.personalId())));
        List<Violation> violations = new ArrayList<>();
        if (body.caseId() == null || body.caseId().isEmpty()) {
            violations.add(Violation.of("caseId", "violation.caseId.required"));
        } else if (!PrefillCommand.CASE_ID.matcher(body.caseId()).matches()) {
            violations.add(Violation.of("caseId", "violation.caseId.pattern"));
        }
        if (procedure.isEmpty()) {
            violations.add(Violation.of("procedure", "violation.verify.procedure",
                    Arrays.stream(Procedure.values()).map(Procedure::code).collect(Collectors.joining(", "))));
        }
        PersonalId personalId = null;
        if (body.personalId() == null || body.personalId().isEmpty()) {
            violations.add(Violation.of("personalId", "violation.verify.personalId.required"));
        } else {
            try {
                personalId = PersonalId.parse(body.personalId());
            } catch (PersonalId.InvalidPersonalIdException e) {
                violations.add(Violation.of("personalId", "violation.personalId." + e.problem().name()));
            }
        }
        Map<String, String> claims = claims(body.claims(), violations);
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        Procedure purpose = procedure.get();
        callers.requireRole(purpose.role());
        PersonalId subject = personalId;
        return rateLimits.check(caller)
                .chain(() -> checks.check(purpose, body.caseId(), subject, claims, caller, context.requestId(),
                        deadline))
                .call(checked -> audit.record(auditEntries.claimVerification(purpose.code(),
                        purpose.definition().legalBasis(), body.caseId(), subject.value(), List.copyOf(claims.keySet()),
                        checked.npdStatus(), caller, context), deadline)
                        .invoke(() -> context.auditDraft().ifPresent(AuditDraft::markRecorded)))
                .onFailure(AuditUnavailableException.class).transform(e -> GatewayException.unavailable(
                        ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER))
                .map(checked -> new VerifyResponse(context.requestId(), subject.value(), checked.results()));
    }

    /** The claims as the NPD gets them: known names only, text in NFC with spaces tidied. */
    private static Map<String, String> claims(JsonNode claims, List<Violation> violations) {
        Map<String, String> out = new LinkedHashMap<>();
        if (claims == null || claims.isNull() || !claims.isObject() || claims.isEmpty()) {
            violations.add(Violation.of("claims", "violation.verify.claims.required"));
            return out;
        }
        String allowed = String.join(", ", ClaimChecks.CLAIM_NAMES);
        claims.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            String field = "claims." + (name.length() > 64 ? name.substring(0, 64) : name);
            if (!ClaimChecks.CLAIM_NAMES.contains(name)) {
                violations.add(Violation.of(field, "violation.verify.claims.unknown", allowed));
                return;
            }
            JsonNode value = entry.getValue();
            String text = value.isTextual() ? VietnameseText.clean(value.asText()) : null;
            if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
                violations.add(Violation.of(field, "violation.verify.claims.text"));
            } else if (name.equals("dateOfBirth") && !PARTIAL_DATE.matcher(text).matches()) {
                violations.add(Violation.of(field, "violation.verify.claims.date"));
            } else if (name.equals("gender") && !(text.equals("MALE") || text.equals("FEMALE"))) {
                violations.add(Violation.of(field, "violation.verify.claims.gender"));
            } else {
                out.put(name, text);
            }
        });
        return out;
    }
}
