package vn.gov.dancu.gateway.procedure;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.error.Violation;

/**
 * Everything particular to one procedure: its legal basis, parties, the NPD fields it may ask
 * for per party, its form, and the legal checks and suggestions beyond the common ones in
 * {@link CommonChecks}. Implementations are stateless.
 */
public interface ProcedureDefinition {

    String nameVi();

    String nameEn();

    /** The legal instruments the procedure rests on: also the audit trail's legal basis. */
    String legalBasis();

    /** The VNeID identification level the procedure requires, when it requires one. */
    Optional<Integer> requiredIdentityLevel();

    /** The roles a request may name, in form order. */
    List<PartySpec> parties();

    List<FormField> formFields();

    default Optional<PartySpec> party(PartyRole role) {
        return parties().stream().filter(p -> p.role() == role).findFirst();
    }

    /**
     * Structural rules beyond "known role, required roles present, valid numbers" that the
     * request must satisfy, such as "at least one parent" or "the bride is not the groom".
     */
    default void validateParties(Map<PartyRole, PersonalId> parties, List<Violation> violations) {
    }

    /**
     * True when the prefill also looks up the parties' parents (father/mother links only) so the
     * kinship bar can be checked (marriage, {@link Kinship}).
     */
    default boolean checksKinship() {
        return false;
    }

    /** The procedure's own legal checks on the fetched records. */
    default void check(PrefillFacts facts, LocalDate today, List<Issue> issues) {
    }

    /** Values to propose for declared form fields. */
    default void suggest(PrefillFacts facts, List<Suggestion> suggestions) {
    }
}
