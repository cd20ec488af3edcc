package vn.gov.dancu.gateway.procedure;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;

/**
 * The parties of one prefill with what the NPD returned for each, handed to the legal checks.
 *
 * @param relatives for a procedure that {@linkplain ProcedureDefinition#checksKinship() checks
 *                  kinship}, every record at hand by number (parties and looked-up parents, with
 *                  their father/mother links); {@code null} when no kinship lookups were made
 */
public record PrefillFacts(Procedure procedure, Map<PartyRole, PartyResult> parties,
        Map<String, NpdCitizen> relatives, PrefillCommand.DeclaredChild child) {

    public PrefillFacts(Procedure procedure, Map<PartyRole, PartyResult> parties,
            Map<String, NpdCitizen> relatives) {
        this(procedure, parties, relatives, null);
    }

    public PrefillFacts {
        parties = Map.copyOf(parties);
        relatives = relatives == null ? null : Map.copyOf(relatives);
    }

    public PrefillFacts(Procedure procedure, Map<PartyRole, PartyResult> parties) {
        this(procedure, parties, null);
    }

    /** The party's record when it was given and found. */
    public Optional<NpdCitizen> found(PartyRole role) {
        PartyResult r = parties.get(role);
        return r == null ? Optional.empty() : r.found();
    }

    public Optional<String> personalId(PartyRole role) {
        return Optional.ofNullable(parties.get(role)).map(PartyResult::personalId);
    }

    public Collection<PartyResult> all() {
        return parties.values();
    }
}
