package vn.gov.dancu.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
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
        List<String> issueCodes, List<UpstreamCall> upstreamCalls,
        @JsonInclude(JsonInclude.Include.NON_NULL) Identity identity) {

    /**
     * An entry without an identity proof, as every entry was before identity proofs existed
     * (and as every non-identity operation still is).
     */
    public AuditEntry(UUID id, Instant at, String requestId, String officer, String agency, String clientId,
            String operation, String procedure, String caseId, String legalBasis, List<Party> parties, int outcome,
            List<String> issueCodes, List<UpstreamCall> upstreamCalls) {
        this(id, at, requestId, officer, agency, clientId, operation, procedure, caseId, legalBasis, parties, outcome,
                issueCodes, upstreamCalls, null);
    }

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

    /** This entry with an identity proof and the upstream calls the proof cost (identity, issue 8). */
    public AuditEntry withIdentity(Identity proof, List<UpstreamCall> moreCalls) {
        List<UpstreamCall> calls = new java.util.ArrayList<>(upstreamCalls);
        calls.addAll(moreCalls);
        return new AuditEntry(id, at, requestId, officer, agency, clientId, operation, procedure, caseId, legalBasis,
                parties, outcome, issueCodes, calls, proof);
    }

    /**
     * How the person at the counter proved who they are (identity, issue 8): method
     * ({@code VNEID_QR}, {@code VNEID_ID_TOKEN}, {@code IN_PERSON}), level (1 or 2; IN_PERSON is
     * recorded as 2), and the party role the proven person matched (null when none or no party).
     * Never the code or the token. Absent from the canonical JSON when null ({@code NON_NULL}), so
     * records written before the column existed hash exactly as they did.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Identity(String method, int level, String matchedRole) {
        public Identity {
            method = StorableText.of(method);
            matchedRole = StorableText.of(matchedRole);
        }
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
