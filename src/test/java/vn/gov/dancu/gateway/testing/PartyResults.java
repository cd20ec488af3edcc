package vn.gov.dancu.gateway.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import vn.gov.dancu.gateway.procedure.PartyResult;
import vn.gov.dancu.gateway.procedure.PartyResult.Outcome;
import vn.gov.dancu.gateway.procedure.PartyRole;
import vn.gov.dancu.gateway.procedure.PrefillFacts;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;

/**
 * What the NPD said about each party, built without a running NPD, for tests of the legal checks.
 * Records go through {@link NpdCitizen#fromNpd(ObjectNode)} exactly as the client's answers do.
 */
public final class PartyResults {

    private PartyResults() {
    }

    /** The party was found with {@code record} (a {@link Citizens} record, possibly edited). */
    public static PartyResult found(PartyRole role, ObjectNode record) {
        return new PartyResult(role, record.get("personalId").asText(), Outcome.FOUND, NpdCitizen.fromNpd(record),
                null, null);
    }

    public static PartyResult notFound(PartyRole role, String personalId) {
        return new PartyResult(role, personalId, Outcome.NOT_FOUND, null, null, null);
    }

    public static PartyResult cancelled(PartyRole role, String personalId, String replacedBy) {
        return new PartyResult(role, personalId, Outcome.CANCELLED, null, replacedBy, null);
    }

    public static PartyResult unavailable(PartyRole role, String personalId) {
        return new PartyResult(role, personalId, Outcome.UNAVAILABLE, null, null, Duration.ofSeconds(5));
    }

    public static PrefillFacts facts(Procedure procedure, PartyResult... parties) {
        Map<PartyRole, PartyResult> byRole = new EnumMap<>(PartyRole.class);
        for (PartyResult p : parties) {
            byRole.put(p.role(), p);
        }
        return new PrefillFacts(procedure, byRole);
    }
}
