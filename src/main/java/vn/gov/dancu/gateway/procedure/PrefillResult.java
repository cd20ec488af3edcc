package vn.gov.dancu.gateway.procedure;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a prefill before it is rendered for the caller: the parties in request order
 * with the fields their role may release, findings and suggestions.
 *
 * @param parties  per role, the lookup result; fields for a role are {@link #releasedFields}
 * @param complete true when every party was found
 */
public record PrefillResult(PrefillCommand command, Instant retrievedAt, Map<PartyRole, PartyResult> parties,
        List<Issue> issues, List<Suggestion> suggestions, boolean complete) {

    /** The fields the procedure lets this role release (and so the most the response may carry). */
    public List<vn.gov.dancu.gateway.upstream.npd.NpdField> releasedFields(PartyRole role) {
        return command.procedure().definition().party(role).map(PartySpec::fields).orElse(List.of());
    }
}
