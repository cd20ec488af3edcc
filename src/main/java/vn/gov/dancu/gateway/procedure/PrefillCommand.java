package vn.gov.dancu.gateway.procedure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;

/**
 * A prefill request that passed every structural rule: a well-formed case id and, for each role
 * the procedure knows, a structurally valid personal number. Built only by {@link #validate}.
 */
public record PrefillCommand(Procedure procedure, String caseId, Map<PartyRole, PersonalId> parties,
        DeclaredChild child) {

    /** Spec §4: the one-stop dossier number, 1–64 characters of {@code [A-Za-z0-9._/-]}. */
    public static final Pattern CASE_ID = Pattern.compile("[A-Za-z0-9._/-]{1,64}");

    /** The identity-proof methods the request may name (spec §4). */
    public static final List<String> IDENTITY_METHODS = List.of("VNEID_QR", "VNEID_ID_TOKEN", "IN_PERSON");

    public PrefillCommand {
        parties = Map.copyOf(parties);
    }

    public PrefillCommand(Procedure procedure, String caseId, Map<PartyRole, PersonalId> parties) {
        this(procedure, caseId, parties, null);
    }

    // --- issue 10 item 10: facts about the child the declarant gives (the newborn is not in the NPD) ---

    /** The procedures that take a declared {@code child}: the birth ones. */
    public static final java.util.Set<Procedure> CHILD_PROCEDURES = java.util.EnumSet.of(
            Procedure.BIRTH_REGISTRATION, Procedure.BIRTH_RESIDENCE_INSURANCE);

    /** What the declarant says about the child; {@code dateOfBirth} may be {@code null}. */
    public record DeclaredChild(java.time.LocalDate dateOfBirth) {
    }

    /**
     * Reads the optional {@code child} member: only for a birth procedure, only known members, and
     * a date of birth that is an ISO date not after today.
     */
    static DeclaredChild child(Procedure procedure, com.fasterxml.jackson.databind.JsonNode child,
            java.time.LocalDate today, List<Violation> violations) {
        if (child == null || child.isNull()) {
            return null;
        }
        if (!CHILD_PROCEDURES.contains(procedure)) {
            violations.add(Violation.of("child", "violation.child.notForProcedure"));
            return null;
        }
        if (!child.isObject()) {
            violations.add(Violation.of("child", "violation.child.object"));
            return null;
        }
        List<String> names = new ArrayList<>();
        child.fieldNames().forEachRemaining(names::add);
        boolean sound = true;
        for (String name : names) {
            if (!name.equals("dateOfBirth")) {
                violations.add(Violation.of("child." + name, "violation.child.unknownMember", "dateOfBirth"));
                sound = false;
            }
        }
        com.fasterxml.jackson.databind.JsonNode dob = child.get("dateOfBirth");
        java.time.LocalDate date = null;
        if (dob != null && !dob.isNull()) {
            try {
                if (!dob.isTextual() || !ISO_DATE.matcher(dob.asText()).matches()) {
                    throw new java.time.format.DateTimeParseException("not yyyy-MM-dd", dob.asText(), 0);
                }
                date = java.time.LocalDate.parse(dob.asText());
                if (date.isAfter(today)) {
                    violations.add(Violation.of("child.dateOfBirth", "violation.child.dateOfBirth.future"));
                    sound = false;
                }
            } catch (java.time.format.DateTimeParseException e) {
                violations.add(Violation.of("child.dateOfBirth", "violation.child.dateOfBirth.format"));
                sound = false;
            }
        }
        return sound ? new DeclaredChild(date) : null;
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Checks a request against the procedure's party rules and collects every violation at once,
     * so the officer can fix the whole form in one go.
     *
     * @param identityMethod the {@code identity.method} given, or {@code null} when no identity was sent
     * @throws GatewayException 400 VALIDATION_FAILED listing each offending field
     */
    public static PrefillCommand validate(Procedure procedure, String caseId, Map<String, String> rawParties,
            boolean identityGiven, String identityMethod) {
        return validate(procedure, caseId, rawParties, identityGiven, identityMethod, null, null);
    }

    /**
     * As above, with the optional declared {@code child} (birth procedures) checked against
     * {@code today}, the registration date in Vietnam.
     */
    public static PrefillCommand validate(Procedure procedure, String caseId, Map<String, String> rawParties,
            boolean identityGiven, String identityMethod, com.fasterxml.jackson.databind.JsonNode rawChild,
            java.time.LocalDate today) {
        List<Violation> violations = new ArrayList<>();
        DeclaredChild child = child(procedure, rawChild, today, violations);
        if (caseId == null || caseId.isEmpty()) {
            violations.add(Violation.of("caseId", "violation.caseId.required"));
        } else if (!CASE_ID.matcher(caseId).matches()) {
            violations.add(Violation.of("caseId", "violation.caseId.pattern"));
        }
        if (identityGiven && (identityMethod == null || !IDENTITY_METHODS.contains(identityMethod))) {
            violations.add(Violation.of("identity.method", "violation.identity.method",
                    String.join(", ", IDENTITY_METHODS)));
        }
        ProcedureDefinition definition = procedure.definition();
        Map<PartyRole, PersonalId> parties = new EnumMap<>(PartyRole.class);
        if (rawParties == null || rawParties.isEmpty()) {
            violations.add(Violation.of("parties", "violation.parties.required"));
        } else {
            String allowed = definition.parties().stream().map(p -> p.role().key()).collect(Collectors.joining(", "));
            rawParties.forEach((key, number) -> {
                var role = PartyRole.fromKey(key).filter(r -> definition.party(r).isPresent());
                if (role.isEmpty()) {
                    violations.add(Violation.of("parties." + key, "violation.parties.unknownRole", allowed));
                    return;
                }
                try {
                    parties.put(role.get(), PersonalId.parse(number));
                } catch (PersonalId.InvalidPersonalIdException e) {
                    violations.add(Violation.of("parties." + key, "violation.personalId." + e.problem().name()));
                }
            });
            definition.parties().stream()
                    .filter(spec -> spec.required() && !rawParties.containsKey(spec.role().key()))
                    .forEach(spec -> violations.add(Violation.of("parties." + spec.role().key(),
                            "violation.parties.missing")));
            // Rules across parties only make sense once each party is individually sound.
            if (violations.stream().noneMatch(v -> v.field().startsWith("parties"))) {
                definition.validateParties(parties, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        return new PrefillCommand(procedure, caseId, parties, child);
    }
}
