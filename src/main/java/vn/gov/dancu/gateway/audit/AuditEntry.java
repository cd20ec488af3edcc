package vn.gov.dancu.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One access to personal data, granted or refused: who (officer, agency, client), when, for
 * which dossier and procedure, on which legal basis, about whom, what was released, what the
 * upstreams were asked and how it ended. This is the unit the hash chain covers.
 *
 * <p>Every text is made storable on construction ({@link StorableText}): whatever a caller sent,
 * the record can be written, and one caller's odd text cannot fail the commit of others.
 *
 * @param operation    what was done: PREFILL, the auditor's own ACCESS_LOG_SEARCH, CITIZEN_EXPORT and
 *                     AUDIT_VERIFICATION; more as further operations arrive
 * @param outcome      the HTTP status the caller received
 * @param legalBasis   the statutory function (procedure's legal basis) or identity proof used
 */
public record AuditEntry(UUID id, Instant at, String requestId, String officer, String agency, String clientId,
        String operation, String procedure, String caseId, String legalBasis, List<Party> parties, int outcome,
        List<String> issueCodes, List<UpstreamCall> upstreamCalls) {

    public AuditEntry {
        // PostgreSQL keeps microseconds: hash what the database can give back.
        at = at.truncatedTo(ChronoUnit.MICROS);
        // Every text as PostgreSQL can store it, before anything hashes it (see StorableText).
        requestId = StorableText.of(requestId);
        officer = StorableText.of(officer);
        agency = StorableText.of(agency);
        clientId = StorableText.of(clientId);
        operation = StorableText.of(operation);
        procedure = StorableText.of(procedure);
        caseId = StorableText.of(caseId);
        legalBasis = StorableText.of(legalBasis);
        parties = List.copyOf(parties);
        issueCodes = List.copyOf(StorableText.of(issueCodes));
        upstreamCalls = List.copyOf(upstreamCalls);
    }

    /** A person the access concerned and the fields released about them (empty when refused). */
    public record Party(String role, String personalId, List<String> releasedFields) {
        public Party {
            role = StorableText.of(role);
            personalId = StorableText.of(personalId);
            releasedFields = List.copyOf(StorableText.of(releasedFields));
        }
    }

    /** One call to an upstream made for this access, and its result ({@code status} 0: no answer). */
    public record UpstreamCall(String upstream, String personalId, List<String> fields, int status) {
        public UpstreamCall {
            upstream = StorableText.of(upstream);
            personalId = StorableText.of(personalId);
            fields = List.copyOf(StorableText.of(fields));
        }
    }
}
