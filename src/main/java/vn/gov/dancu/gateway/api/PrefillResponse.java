package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Body of a 200 prefill answer (spec §4): form-ready data with provenance on every field.
 * {@code canProceed} is false whenever an issue has severity ERROR: {@code status} only says
 * whether every party was found, and counter software must not read COMPLETE as "go ahead".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PrefillResponse(String requestId, String procedure, String caseId, String status,
        boolean canProceed, Instant retrievedAt, Map<String, Party> parties, List<SuggestionView> suggestions,
        List<IssueView> issues, IdentityView identity) {

    /** An answer without an identity proof. */
    public PrefillResponse(String requestId, String procedure, String caseId, String status, boolean canProceed,
            Instant retrievedAt, Map<String, Party> parties, List<SuggestionView> suggestions, List<IssueView> issues) {
        this(requestId, procedure, caseId, status, canProceed, retrievedAt, parties, suggestions, issues, null);
    }

    /** The identity proof given with the prefill, as proven (spec §5.2); matchedRole null when none matched. */
    public record IdentityView(String personalId, int identificationLevel, String method, Instant verifiedAt,
            @JsonInclude(JsonInclude.Include.ALWAYS) String matchedRole) {
    }

    /** This answer with its identity block (identity, issue 8). */
    public PrefillResponse withIdentity(IdentityView view) {
        return new PrefillResponse(requestId, procedure, caseId, status, canProceed, retrievedAt, parties, suggestions,
                issues, view);
    }

    /**
     * One party's data.
     *
     * @param outcome    FOUND, NOT_FOUND, CANCELLED or UNAVAILABLE
     * @param replacedBy the valid number when the one given was cancelled and the NPD knows it
     * @param fields     exactly the role's releasable fields when found, each with provenance
     * @param residenceFrom which of {@code fields} fills the forms' "Nơi cư trú": permanent
     *                   residence, else temporary, else current (the forms' footnote); absent when
     *                   the NPD holds none of them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Party(String personalId, boolean found, String outcome, String replacedBy,
            Map<String, FieldValue> fields, String residenceFrom) {
    }

    /**
     * A field value and where it came from.
     *
     * @param precision YEAR, MONTH or DAY for partial dates
     * @param source    NPD for looked-up values
     * @param editable  false: the state holds this fact; a correction goes to the NPD, not the form
     * @param retrievedAt when the NPD gave this value, for a value reused from the per-case cache
     * @param cached    true for a value reused from the per-case cache; absent otherwise
     * @param currentUnits for an address recorded in units abolished or merged in 2025, today's
     *                  units (spec §7); absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldValue(@JsonInclude(JsonInclude.Include.ALWAYS) JsonNode value, String precision,
            String source, Instant sourceUpdatedAt, boolean editable, Instant retrievedAt, Boolean cached,
            CurrentUnits currentUnits) {
    }

    /**
     * Spec §7. {@code ward} when the former unit went to one new commune; {@code candidates} (and
     * {@code mustChoose}) when it was split; neither when the old ward code is not in the mapping.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CurrentUnits(Unit ward, List<Unit> candidates, Boolean mustChoose, Unit province, String basis) {
    }

    public record Unit(String code, String name) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SuggestionView(String target, JsonNode value, String basis) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** @param relation with KINSHIP_PROHIBITED, the relation found (PARENT_CHILD, FIRST_COUSINS, ...) */
    public record IssueView(String code, String severity, String party, String field, String replacedBy,
            String message, String relation) {
    }
}
