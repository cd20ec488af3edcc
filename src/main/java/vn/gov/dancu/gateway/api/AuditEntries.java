package vn.gov.dancu.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.procedure.Issue;
import vn.gov.dancu.gateway.procedure.PrefillResult;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.procedure.ProvenIdentity;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/** Builds audit entries from what the API layer knows about a request, stamped by the injected clock. */
@ApplicationScoped
class AuditEntries {

    static final String UPSTREAM_NPD = "NPD";
    /** An answer reused from the per-case cache: accessed (and audited) without a new NPD call. */
    static final String UPSTREAM_NPD_CACHE = "NPD_CACHE";

    @Inject
    Clock clock;

    /** A prefill that reached the NPD: released fields per party, issues, every NPD call. */
    AuditEntry prefill(PrefillResult result, Caller caller, RequestContext context, int outcome) {
        var command = result.command();
        List<AuditEntry.Party> parties = result.parties().values().stream()
                .map(p -> new AuditEntry.Party(p.role().key(), p.personalId(),
                        outcome == 200 ? names(result.releasedFields(p)) : List.of()))
                .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        // The kinship check's lookups of the parties' parents: persons the access concerned,
        // though nothing about them is released (their links only inform the finding).
        result.npdCalls().stream().filter(c -> c.relativeOf() != null && (c.sent() || c.cached()))
                .forEach(c -> parties.add(new AuditEntry.Party(c.relativeOf(), c.personalId(), List.of())));
        // Calls the gateway refused itself (open circuit, a running Retry-After) never reached the NPD.
        List<AuditEntry.UpstreamCall> calls = result.npdCalls().stream()
                .filter(c -> c.sent() || c.cached())
                .map(c -> new AuditEntry.UpstreamCall(c.cached() ? UPSTREAM_NPD_CACHE : UPSTREAM_NPD, c.personalId(),
                        names(c.fields()), c.status()))
                .toList();
        return new AuditEntry(UUID.randomUUID(), clock.instant(), context.requestId(), caller.officer(),
                caller.agency(), caller.clientId(), AuditDraft.PREFILL, command.procedure().code(), command.caseId(),
                command.procedure().definition().legalBasis(), parties, outcome,
                result.issues().stream().map(Issue::code).map(Enum::name).distinct().toList(), calls);
    }

    /** A refused data-access request, with whatever was known when it was refused. */
    AuditEntry refusal(AuditDraft draft, Caller caller, RequestContext context, int status, String code) {
        List<AuditEntry.Party> parties = draft.parties().entrySet().stream()
                .map(e -> new AuditEntry.Party(e.getKey(), e.getValue(), List.of()))
                .toList();
        return new AuditEntry(UUID.randomUUID(), clock.instant(), context.requestId(), caller.officer(),
                caller.agency(), caller.clientId(), draft.operation(), procedureCode(draft.procedure()),
                draft.caseId(), draft.legalBasis(), parties, status, code == null ? List.of() : List.of(code),
                draft.upstreamCalls(), draft.identity());
    }

    /**
     * An auditor's own read of the trail (spec §5.6: who searched for whom): the citizen searched
     * for under {@link AuditDraft#SEARCHED_ROLE}, the dossier in {@code caseId}. Nothing of the
     * NPD was released, so no fields; no procedure, so no procedure's legal basis (null rather
     * than a citation nobody checked).
     */
    AuditEntry auditRead(String operation, Caller caller, RequestContext context, String personalId,
            String caseId) {
        List<AuditEntry.Party> parties = personalId == null ? List.of()
                : List.of(new AuditEntry.Party(AuditDraft.SEARCHED_ROLE, personalId, List.of()));
        return new AuditEntry(UUID.randomUUID(), clock.instant(), context.requestId(), caller.officer(),
                caller.agency(), caller.clientId(), operation, null, caseId, null, parties, 200,
                List.of(), List.of());
    }

    // --- identity and verify-only (issue 8) ---

    static final String UPSTREAM_VNEID = "VNEID";

    /** The VNeID call of a QR redemption (none for an ID token or IN_PERSON: VNeID was not asked). */
    static List<AuditEntry.UpstreamCall> vneidCalls(ProvenIdentity proven) {
        return proven.vneidStatus() == 0 ? List.of()
                : List.of(new AuditEntry.UpstreamCall(UPSTREAM_VNEID, proven.personalId(), List.of(),
                        proven.vneidStatus()));
    }

    /** A granted identity verification: the proven citizen, what VNeID released about them, the call. */
    AuditEntry identityVerification(ProvenIdentity proven, String caseId, Caller caller, RequestContext context) {
        return new AuditEntry(UUID.randomUUID(), clock.instant(), context.requestId(), caller.officer(),
                caller.agency(), caller.clientId(), AuditDraft.IDENTITY_VERIFICATION, null, caseId, null,
                List.of(new AuditEntry.Party(AuditDraft.SUBJECT_ROLE, proven.personalId(),
                        List.of("fullName", "dateOfBirth", "gender", "identificationLevel"))),
                200, List.of(), vneidCalls(proven), new AuditEntry.Identity(proven.method(), proven.level(), null));
    }

    /**
     * A granted claim check: the citizen, the claim names checked (their values and the verdicts
     * are not personal data the gateway released, but the names say what was compared), the NPD call.
     */
    AuditEntry claimVerification(String procedure, String legalBasis, String caseId, String personalId,
            List<String> claims, int npdStatus, Caller caller, RequestContext context) {
        return new AuditEntry(UUID.randomUUID(), clock.instant(), context.requestId(), caller.officer(),
                caller.agency(), caller.clientId(), AuditDraft.CLAIM_VERIFICATION, procedure, caseId, legalBasis,
                List.of(new AuditEntry.Party(AuditDraft.SUBJECT_ROLE, personalId, List.of())), 200, List.of(),
                List.of(new AuditEntry.UpstreamCall(UPSTREAM_NPD, personalId, claims, npdStatus)));
    }

    /**
     * A write (newborn's number, civil-status event) or a read of events: the people it concerns
     * as parties (no NPD fields were released), the procedure it belongs to, its outcome.
     */
    AuditEntry write(String operation, Caller caller, RequestContext context, Procedure procedure, String caseId,
            java.util.Map<String, String> parties, int outcome, List<AuditEntry.UpstreamCall> calls) {
        List<AuditEntry.Party> list = parties.entrySet().stream()
                .map(e -> new AuditEntry.Party(e.getKey(), e.getValue(), List.of()))
                .toList();
        return new AuditEntry(UUID.randomUUID(), clock.instant(), context.requestId(), caller.officer(),
                caller.agency(), caller.clientId(), operation, procedure == null ? null : procedure.code(), caseId,
                procedure == null ? null : procedure.definition().legalBasis(), list, outcome, List.of(), calls);
    }

    /**
     * A refusal before the body was read knows the procedure only as its path segment: record the
     * code, as granted accesses do, so one query finds both; an unknown segment stays as sent.
     */
    private static String procedureCode(String procedure) {
        return procedure == null ? null
                : Procedure.fromPathSegment(procedure).map(Procedure::code).orElse(procedure);
    }

    private static List<String> names(List<NpdField> fields) {
        return fields.stream().map(NpdField::jsonName).toList();
    }
}
