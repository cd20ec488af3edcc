package vn.gov.dancu.gateway.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;

/**
 * A valid civil-status event (spec §5.5), normalised: the NPD's {@code CivilStatusEvent} body the
 * outbox will deliver, the subjects by role (for the audit record), and the hash that tells a
 * replay from a reused key.
 */
public record CivilStatusEventCommand(String caseId, String type, Map<String, String> subjects, ObjectNode npdBody,
        String requestHash) {

    /** The event types and the roles each may name. */
    public static final Map<String, List<String>> ROLES = Map.of(
            "BIRTH_REGISTERED", List.of("child", "mother", "father"),
            "DEATH_REGISTERED", List.of("deceased"),
            "MARRIAGE_REGISTERED", List.of("bride", "groom"));
    /** The procedure each event type closes (its legal basis goes into the audit record). */
    public static final Map<String, Procedure> PROCEDURES = Map.of(
            "BIRTH_REGISTERED", Procedure.BIRTH_REGISTRATION,
            "DEATH_REGISTERED", Procedure.DEATH_REGISTRATION,
            "MARRIAGE_REGISTERED", Procedure.MARRIAGE_REGISTRATION);
    static final List<String> TYPES = List.of("BIRTH_REGISTERED", "DEATH_REGISTERED", "MARRIAGE_REGISTERED");
    static final Set<String> PROPERTIES = Set.of("caseId", "type", "registrationNumber", "registrationDate",
            "registrationAuthority", "subjects", "dateOfDeath");
    private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Procedure procedure() {
        return PROCEDURES.get(type);
    }

    /** Role → number as the caller sent them (text values only), for the audit record of a refusal. */
    public static Map<String, String> sentSubjects(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode subjects = body == null ? null : body.get("subjects");
        if (subjects != null && subjects.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = subjects.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && e.getKey().length() <= 32) {
                    out.put(e.getKey(), e.getValue().textValue());
                }
            }
        }
        return out;
    }

    /** Reports every problem at once (400 VALIDATION_FAILED with violations). */
    public static CivilStatusEventCommand validate(JsonNode raw, LocalDate today) {
        JsonNode body = WriteRequests.requireObject(raw);
        List<Violation> violations = new ArrayList<>();
        WriteRequests.Reader r = new WriteRequests.Reader(body, "", violations).only(PROPERTIES);
        String caseId = r.code("caseId", true, PrefillCommand.CASE_ID, "violation.caseId.pattern");
        String type = r.text("type", true, 32);
        if (type != null && !TYPES.contains(type)) {
            violations.add(Violation.of("type", "violation.event.type", String.join(", ", TYPES)));
            type = null;
        }
        String number = r.text("registrationNumber", true, WriteRequests.MAX_CODE);
        LocalDate registered = r.date("registrationDate", true, today);
        String authority = r.code("registrationAuthority", true, AUTHORITY, "violation.code");
        String dateOfDeath = r.partialDate("dateOfDeath", today);
        if (r.has("dateOfDeath") && type != null && !"DEATH_REGISTERED".equals(type)) {
            violations.add(Violation.of("dateOfDeath", "violation.dateOfDeath.onlyDeath"));
        }
        if (dateOfDeath != null && registered != null
                && vn.gov.dancu.gateway.citizen.PartialDate.parse(dateOfDeath).earliest().isAfter(registered)) {
            violations.add(Violation.of("dateOfDeath", "violation.dateOfDeath.afterRegistration"));
        }
        Map<String, String> subjects = subjects(type, r.object("subjects", true), violations);
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        ObjectNode npd = JsonNodeFactory.instance.objectNode();
        npd.put("type", type);
        npd.put("registrationNumber", number);
        npd.put("registrationDate", registered.toString());
        npd.put("registrationAuthority", authority);
        ObjectNode s = npd.putObject("subjects");
        subjects.forEach(s::put);
        WriteRequests.putIfPresent(npd, "dateOfDeath", dateOfDeath);
        ObjectNode hashed = JsonNodeFactory.instance.objectNode();
        hashed.put("caseId", caseId);
        hashed.set("npd", npd);
        return new CivilStatusEventCommand(caseId, type, subjects, npd, WriteRequests.hash(hashed));
    }

    /** The subjects by role, in the type's role order; unknown roles, missing ones and repeats are violations. */
    private static Map<String, String> subjects(String type, JsonNode node, List<Violation> violations) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (type == null) {
            return out; // the roles depend on the type, which is already reported
        }
        List<String> roles = ROLES.get(type);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String role = it.next();
            if (!roles.contains(role)) {
                violations.add(Violation.of(role.length() > 32 ? "subjects" : "subjects." + role,
                        "violation.subjects.unknownRole", String.join(", ", roles)));
            }
        }
        WriteRequests.Reader r = new WriteRequests.Reader(node, "subjects.", violations);
        Map<String, String> byNumber = new HashMap<>();
        for (String role : roles) {
            boolean required = !"BIRTH_REGISTERED".equals(type) || "child".equals(role);
            if (required && !r.has(role)) {
                violations.add(Violation.of("subjects." + role, "violation.subjects.missing"));
                continue;
            }
            String id = r.personalId(role, false);
            if (id == null) {
                continue;
            }
            String other = byNumber.putIfAbsent(id, role);
            if (other != null) {
                violations.add(Violation.of("subjects." + role, "violation.subjects.duplicate"));
                continue;
            }
            out.put(role, id);
        }
        if ("BIRTH_REGISTERED".equals(type) && !r.has("mother") && !r.has("father")) {
            violations.add(Violation.of("subjects", "violation.subjects.oneParent"));
        }
        return out;
    }
}
