package vn.gov.dancu.gateway.procedure;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.error.Violation;

/** Small helpers the procedure definitions share to state their party rules. */
final class Parties {

    private Parties() {
    }

    /** Two roles the law requires to be different people (bride and groom, say). */
    static void requireDistinct(Map<PartyRole, PersonalId> parties, PartyRole first, PartyRole second,
            List<Violation> violations) {
        PersonalId a = parties.get(first);
        PersonalId b = parties.get(second);
        if (a != null && b != null && Objects.equals(a.value(), b.value())) {
            violations.add(Violation.of("parties." + second.key(), "violation.parties.sameAs", first.key()));
        }
    }
}
