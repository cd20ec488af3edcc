package vn.gov.dancu.gateway.procedure;

import java.util.ArrayList;
import java.util.List;

/**
 * What a proven identity means for a prefill (spec §5.2): the party role the proven person
 * matched — one who acts in person (declarant, applicant, bride, groom; a mother or father only
 * as the declarant) — else IDENTITY_MISMATCH; and IDENTITY_LEVEL_TOO_LOW when the procedure needs
 * a stronger proof than the one given. Both are ERRORs: the officer must not go ahead.
 */
public final class IdentityChecks {

    /** The matched role ({@code null} when none) and the findings. */
    public record Outcome(String matchedRole, List<Issue> issues) {
    }

    private IdentityChecks() {
    }

    /** The identification level a procedure requires (the catalogue's {@code requiredIdentityLevel}); 1 when none. */
    public static int requiredLevel(Procedure procedure) {
        return procedure.definition().requiredIdentityLevel().orElse(1);
    }

    public static Outcome check(PrefillCommand command, ProvenIdentity identity) {
        List<Issue> issues = new ArrayList<>();
        String matched = null;
        List<PartySpec> acting = command.procedure().definition().parties().stream()
                .filter(p -> p.role().actsInPerson()).toList();
        for (PartySpec spec : acting) {
            var id = command.parties().get(spec.role());
            if (id == null) {
                continue;
            }
            // IN_PERSON: the officer attests the chip card of the party who acts in person.
            if (identity.personalId() == null || identity.personalId().equals(id.value())) {
                matched = spec.role().key();
                break;
            }
        }
        if (matched == null) {
            PartyRole party = acting.isEmpty() ? null : acting.get(0).role();
            issues.add(new Issue(IssueCode.IDENTITY_MISMATCH, IssueCode.Severity.ERROR,
                    party == null ? null : party.key(), null, null, List.of()));
        }
        if (identity.level() < requiredLevel(command.procedure())) {
            issues.add(new Issue(IssueCode.IDENTITY_LEVEL_TOO_LOW, IssueCode.Severity.ERROR, matched, null, null,
                    List.of()));
        }
        return new Outcome(matched, List.copyOf(issues));
    }

}
