package vn.gov.dancu.gateway.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known so far about a data-access request, filled in as the request is understood, so
 * that a refusal at any point can still be recorded "with whatever is known". Lives on the
 * request; {@link #markRecorded()} prevents a second record when the resource wrote one itself.
 */
public final class AuditDraft {

    /** A counter's prefill of a procedure's form. */
    public static final String PREFILL = "PREFILL";
    /** An auditor's search of the access log (GET, or POST with the filters in the body). */
    public static final String ACCESS_LOG_SEARCH = "ACCESS_LOG_SEARCH";
    /** An auditor's export of everything that concerns one citizen. */
    public static final String CITIZEN_EXPORT = "CITIZEN_EXPORT";
    /** An auditor's walk of the hash chain. */
    public static final String AUDIT_VERIFICATION = "AUDIT_VERIFICATION";

    // Writes (spec §5.4, §5.5): the newborn's number, civil-status events and reading them back.
    /** A newborn's personal number asked of the NPD. */
    public static final String NEWBORN_PERSONAL_ID = "NEWBORN_PERSONAL_ID";
    /** A civil-status event accepted into the outbox. */
    public static final String CIVIL_STATUS_EVENT = "CIVIL_STATUS_EVENT";
    /** A civil-status event (or a page of them) read back. */
    public static final String CIVIL_STATUS_EVENT_READ = "CIVIL_STATUS_EVENT_READ";
    /** The writes' paths. */
    public static final String NEWBORN_PATH = "/api/v1/newborns/personal-id";
    public static final String EVENTS_PATH = "/api/v1/civil-status-events";

    // --- identity and verify-only (issue 8) ---
    /** An identity proof checked on its own ({@code POST /api/v1/identity/verify}). */
    public static final String IDENTITY_VERIFICATION = "IDENTITY_VERIFICATION";
    /** Declared data checked against the NPD without reading it ({@code POST /api/v1/verify}). */
    public static final String CLAIM_VERIFICATION = "CLAIM_VERIFICATION";
    /** The role under which an identity verification and a claim check record their citizen. */
    public static final String SUBJECT_ROLE = "subject";
    // Reports (issue 9): a report viewer's read of the usage report or its month list.
    /** A report viewer's read of the monthly usage report (counts only, but a read of the trail). */
    public static final String USAGE_REPORT = "USAGE_REPORT";

    /** The role under which an auditor's search records the citizen searched for. */
    public static final String SEARCHED_ROLE = "searched";

    /** Data-access operations and the path prefixes that perform them (the procedure follows the prefix). */
    public static final Map<String, String> OPERATIONS_BY_PATH = Map.of("/api/v1/prefill/", PREFILL);

    /** Data-access operations at exactly these paths: an auditor's reads (spec §5.6) are accesses too. */
    public static final Map<String, String> OPERATIONS_AT_PATH = Map.of(
            "/api/v1/audit/access-log", ACCESS_LOG_SEARCH,
            "/api/v1/audit/access-log/search", ACCESS_LOG_SEARCH,
            "/api/v1/audit/citizen-export", CITIZEN_EXPORT,
            "/api/v1/audit/verification", AUDIT_VERIFICATION,
            "/api/v1/identity/verify", IDENTITY_VERIFICATION,
            "/api/v1/verify", CLAIM_VERIFICATION,
            // reports (issue 9)
            "/api/v1/reports/usage", USAGE_REPORT,
            "/api/v1/reports/usage/months", USAGE_REPORT,
            "/dashboard/data", USAGE_REPORT,
            "/dashboard/usage.csv", USAGE_REPORT);

    private final String operation;
    private String procedure;
    private String caseId;
    private String legalBasis;
    private Map<String, String> parties = Map.of();
    private List<AuditEntry.UpstreamCall> upstreamCalls = List.of();
    private boolean recorded;
    private AuditEntry.Identity identity;

    private AuditDraft(String operation) {
        this.operation = operation;
    }

    /** A draft when {@code path} performs a data access, with the procedure from the path. */
    public static Optional<AuditDraft> forPath(String path) {
        String exact = OPERATIONS_AT_PATH.get(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        if (exact != null) {
            return Optional.of(new AuditDraft(exact));
        }
        return OPERATIONS_BY_PATH.entrySet().stream()
                .filter(e -> path.startsWith(e.getKey()))
                .findFirst()
                .map(e -> {
                    AuditDraft draft = new AuditDraft(e.getValue());
                    String rest = path.substring(e.getKey().length());
                    draft.procedure = rest.isEmpty() || rest.length() > 64 ? null : rest;
                    return draft;
                });
    }

    /**
     * As {@link #forPath(String)}, knowing the method: the civil-status events' one path is a
     * write when POSTed and a read when fetched, and an event's own path is always a read.
     */
    public static Optional<AuditDraft> forRequest(String method, String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (p.equals(NEWBORN_PATH)) {
            return Optional.of(new AuditDraft(NEWBORN_PERSONAL_ID));
        }
        if (p.equals(EVENTS_PATH)) {
            return Optional.of(new AuditDraft("POST".equals(method) ? CIVIL_STATUS_EVENT : CIVIL_STATUS_EVENT_READ));
        }
        if (p.startsWith(EVENTS_PATH + "/")) {
            return Optional.of(new AuditDraft(CIVIL_STATUS_EVENT_READ));
        }
        return forPath(path);
    }

    public String operation() {
        return operation;
    }

    public String procedure() {
        return procedure;
    }

    public String caseId() {
        return caseId;
    }

    public String legalBasis() {
        return legalBasis;
    }

    /** Role → number as the caller sent them (possibly invalid: that is what was asked for). */
    public Map<String, String> parties() {
        return parties;
    }

    /** Upstream calls made before the request was refused (e.g. 503 AUDIT_UNAVAILABLE after the lookups). */
    public List<AuditEntry.UpstreamCall> upstreamCalls() {
        return upstreamCalls;
    }

    public boolean recorded() {
        return recorded;
    }

    /** Records what the request body said, as soon as it is read. */
    public void request(String procedureCode, String legalBasis, String caseId, Map<String, String> parties) {
        this.procedure = procedureCode;
        this.legalBasis = legalBasis;
        this.caseId = caseId;
        this.parties = parties == null ? Map.of() : new LinkedHashMap<>(parties);
    }

    /**
     * Records what an auditor searched for, as sent: the citizen (under {@link #SEARCHED_ROLE})
     * and the dossier. Either may be null.
     */
    public void searched(String personalId, String caseId) {
        this.caseId = caseId;
        this.parties = personalId == null ? Map.of() : Map.of(SEARCHED_ROLE, personalId);
    }

    public void upstreamCalls(List<AuditEntry.UpstreamCall> calls) {
        this.upstreamCalls = List.copyOf(calls);
    }

    /** How the person at the counter proved who they are, once known (identity, issue 8). */
    public AuditEntry.Identity identity() {
        return identity;
    }

    public void identity(AuditEntry.Identity identity) {
        this.identity = identity;
    }

    public void markRecorded() {
        this.recorded = true;
    }
}
