package vn.gov.dancu.gateway.procedure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * The outcome of a prefill before it is rendered for the caller: the parties in request order
 * with the fields their role may release, findings, suggestions, and the NPD calls that were made
 * (for the audit trail).
 *
 * @param parties    per role, the lookup result; fields for a role are {@link #releasedFields}
 * @param complete   true when every party was found
 * @param npdCalls   one per distinct person looked up, with the fields asked and the NPD's answer
 * @param retryAfter when no party could be fetched at all, how long the caller should wait;
 *                   {@code null} otherwise (see {@link #unavailable()})
 */
public record PrefillResult(PrefillCommand command, Instant retrievedAt, Map<PartyRole, PartyResult> parties,
        List<Issue> issues, List<Suggestion> suggestions, boolean complete, List<NpdCall> npdCalls,
        Duration retryAfter) {

    /**
     * One lookup at the NPD.
     *
     * @param status the NPD's HTTP status (200, 404, 410, 429, 503), or 0 when no answer came
     *               (timeout, network failure, circuit open)
     * @param cached true when the answer came from the per-case cache: no call left the gateway
     * @param sent   false when the gateway held the call back itself (open circuit, full bulkhead,
     *               a Retry-After still running, or the deadline came while it still queued for
     *               quota): nothing reached the NPD
     * @param relativeOf for a lookup of a party's parent made for the kinship check, which one
     *                   ({@code bride.father}); {@code null} for a party's own lookup
     */
    public record NpdCall(String personalId, List<NpdField> fields, int status, boolean cached, boolean sent,
            String relativeOf) {

        /** A party's own lookup. */
        public NpdCall(String personalId, List<NpdField> fields, int status, boolean cached, boolean sent) {
            this(personalId, fields, status, cached, sent, null);
        }
    }

    /** True when no party could be fetched: nothing to release, the caller gets 503 NPD_UNAVAILABLE. */
    public boolean unavailable() {
        return retryAfter != null;
    }

    /** False when any finding is an ERROR: the registration cannot go ahead as requested (spec §4). */
    public boolean canProceed() {
        return issues.stream().noneMatch(i -> i.severity() == IssueCode.Severity.ERROR);
    }

    /** The fields the procedure lets this role release (and so the most the response may carry). */
    public List<NpdField> releasedFields(PartyRole role) {
        return command.procedure().definition().party(role).map(PartySpec::fields).orElse(List.of());
    }

    /** The fields actually released about a party: the role's fields when found, none otherwise. */
    public List<NpdField> releasedFields(PartyResult party) {
        return party.outcome() == PartyResult.Outcome.FOUND ? releasedFields(party.role()) : List.of();
    }

    /** This result with more findings (the identity checks, issue 8, which run after the lookups). */
    public PrefillResult withIssues(List<Issue> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<Issue> all = new java.util.ArrayList<>(issues);
        all.addAll(more);
        return new PrefillResult(command, retrievedAt, parties, List.copyOf(all), suggestions, complete, npdCalls,
                retryAfter);
    }
}
