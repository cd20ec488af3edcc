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
 * @param operation    what was done: PREFILL today; VERIFY, IDENTITY, ... as they arrive
 * @param outcome      the HTTP status the caller received
 * @param legalBasis   the statutory function (procedure's legal basis) or identity proof used
 */
public record AuditEntry(UUID id, Instant at, String requestId, String officer, String agency, String clientId,
        String operation, String procedure, String caseId, String legalBasis, List<Party> parties, int outcome,
        List<String> issueCodes, List<UpstreamCall> upstreamCalls) {

    public AuditEntry {
        // PostgreSQL keeps microseconds: hash what the database can give back.
        at = at.truncatedTo(ChronoUnit.MICROS);
        parties = List.copyOf(parties);
        issueCodes = List.copyOf(issueCodes);
        upstreamCalls = List.copyOf(upstreamCalls);
    }

    /** A person the access concerned and the fields released about them (empty when refused). */
    public record Party(String role, String personalId, List<String> releasedFields) {
        public Party {
            releasedFields = List.copyOf(releasedFields);
        }
    }

    /** One call to an upstream made for this access, and its result ({@code status} 0: no answer). */
    public record UpstreamCall(String upstream, String personalId, List<String> fields, int status) {
        public UpstreamCall {
            fields = List.copyOf(fields);
        }
    }
}
