package vn.gov.dancu.gateway.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What is known so far about a data-access request, filled in as the request is understood, so
 * that a refusal at any point can still be recorded "with whatever is known". Lives on the
 * request; {@link #markRecorded()} prevents a second record when the resource wrote one itself.
 */
public final class AuditDraft {

    /** Data-access operations and the path prefixes that perform them. */
    public static final Map<String, String> OPERATIONS_BY_PATH = Map.of("/api/v1/prefill/", "PREFILL");

    private final String operation;
    private String procedure;
    private String caseId;
    private String legalBasis;
    private Map<String, String> parties = Map.of();
    private boolean recorded;

    private AuditDraft(String operation) {
        this.operation = operation;
    }

    /** A draft when {@code path} performs a data access, with the procedure from the path. */
    public static Optional<AuditDraft> forPath(String path) {
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

    public void markRecorded() {
        this.recorded = true;
    }
}
