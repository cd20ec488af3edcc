package vn.gov.dancu.gateway.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;

/**
 * A valid request for a newborn's personal number (spec §5.4), normalised: the body the NPD
 * receives ({@code personal-ids}, without {@code caseId}, which travels as X-Case-Id) and the hash
 * of everything that makes it this request.
 *
 * @param npdBody     the NPD's request body, texts NFC
 * @param requestHash SHA-256 of case id and NPD body: equal for a replay, different for another birth
 */
public record NewbornCommand(String caseId, String motherPersonalId, String fatherPersonalId, ObjectNode npdBody,
        String requestHash) {

    static final Set<String> PROPERTIES = Set.of("caseId", "birthRegistrationNumber", "fullName", "dateOfBirth",
            "gender", "birthRegistrationPlace", "motherPersonalId", "fatherPersonalId", "ethnicity", "nationality");
    static final Set<String> ADDRESS = Set.of("countryCode", "provinceCode", "provinceName", "districtCode",
            "districtName", "wardCode", "wardName", "addressLine");
    static final Set<String> CODE_NAME = Set.of("code", "name");
    /** Statistical-office codes: provinces two digits, districts three, wards five; countries ISO alpha-2. */
    private static final Pattern UNIT_CODE = Pattern.compile("[0-9]{1,5}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CATALOGUE_CODE = Pattern.compile("[A-Za-z0-9._-]{1,16}");

    /** Role → number as the caller sent them, for the audit record of a refusal. */
    public static Map<String, String> parties(JsonNode body) {
        Map<String, String> parties = new LinkedHashMap<>();
        if (body != null && body.isObject()) {
            for (String[] p : new String[][] { { "mother", "motherPersonalId" }, { "father", "fatherPersonalId" } }) {
                JsonNode v = body.get(p[1]);
                if (v != null && v.isTextual()) {
                    parties.put(p[0], v.textValue());
                }
            }
        }
        return parties;
    }

    /** Reports every problem at once (400 VALIDATION_FAILED with violations). */
    public static NewbornCommand validate(JsonNode raw, LocalDate today) {
        JsonNode body = WriteRequests.requireObject(raw);
        List<Violation> violations = new ArrayList<>();
        WriteRequests.Reader r = new WriteRequests.Reader(body, "", violations).only(PROPERTIES);
        String caseId = r.code("caseId", true, PrefillCommand.CASE_ID, "violation.caseId.pattern");
        String number = r.text("birthRegistrationNumber", true, WriteRequests.MAX_CODE);
        String fullName = r.text("fullName", true, WriteRequests.MAX_TEXT);
        LocalDate born = r.date("dateOfBirth", true, today);
        String gender = r.text("gender", true, 16);
        if (gender != null && !Set.of("MALE", "FEMALE").contains(gender)) {
            violations.add(Violation.of("gender", "violation.gender"));
        }
        ObjectNode place = address(r.object("birthRegistrationPlace", true), violations);
        String mother = r.personalId("motherPersonalId", true);
        String father = r.personalId("fatherPersonalId", false);
        if (mother != null && mother.equals(father)) {
            violations.add(Violation.of("fatherPersonalId", "violation.parties.sameAs", "motherPersonalId"));
        }
        ObjectNode ethnicity = codeName("ethnicity", r.object("ethnicity", false), violations);
        ObjectNode nationality = codeName("nationality", r.object("nationality", false), violations);
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        ObjectNode npd = JsonNodeFactory.instance.objectNode();
        npd.put("fullName", fullName);
        npd.put("dateOfBirth", born.toString());
        npd.put("gender", gender);
        npd.set("birthRegistrationPlace", place);
        npd.put("motherPersonalId", mother);
        WriteRequests.putIfPresent(npd, "fatherPersonalId", father);
        WriteRequests.putIfPresent(npd, "ethnicity", ethnicity);
        WriteRequests.putIfPresent(npd, "nationality", nationality);
        npd.put("birthRegistrationNumber", number);
        ObjectNode hashed = JsonNodeFactory.instance.objectNode();
        hashed.put("caseId", caseId);
        hashed.set("npd", npd);
        return new NewbornCommand(caseId, mother, father, npd, WriteRequests.hash(hashed));
    }

    /** An address of the register: province and ward codes required (the number opens with the province). */
    private static ObjectNode address(JsonNode node, List<Violation> violations) {
        if (node == null) {
            return null;
        }
        String p = "birthRegistrationPlace.";
        WriteRequests.Reader r = new WriteRequests.Reader(node, p, violations).only(ADDRESS);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        WriteRequests.putIfPresent(out, "countryCode", r.code("countryCode", false, COUNTRY, "violation.code"));
        WriteRequests.putIfPresent(out, "provinceCode", r.code("provinceCode", true, UNIT_CODE, "violation.code"));
        WriteRequests.putIfPresent(out, "provinceName", r.text("provinceName", false, WriteRequests.MAX_TEXT));
        WriteRequests.putIfPresent(out, "districtCode", r.code("districtCode", false, UNIT_CODE, "violation.code"));
        WriteRequests.putIfPresent(out, "districtName", r.text("districtName", false, WriteRequests.MAX_TEXT));
        WriteRequests.putIfPresent(out, "wardCode", r.code("wardCode", true, UNIT_CODE, "violation.code"));
        WriteRequests.putIfPresent(out, "wardName", r.text("wardName", false, WriteRequests.MAX_TEXT));
        WriteRequests.putIfPresent(out, "addressLine", r.text("addressLine", false, WriteRequests.MAX_TEXT));
        return out;
    }

    private static ObjectNode codeName(String field, JsonNode node, List<Violation> violations) {
        if (node == null) {
            return null;
        }
        WriteRequests.Reader r = new WriteRequests.Reader(node, field + ".", violations).only(CODE_NAME);
        String code = r.code("code", true, CATALOGUE_CODE, "violation.code");
        String name = r.text("name", true, WriteRequests.MAX_TEXT);
        if (code == null || name == null) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("code", code);
        out.put("name", name);
        return out;
    }
}
