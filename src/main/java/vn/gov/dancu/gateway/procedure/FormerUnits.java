package vn.gov.dancu.gateway.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import vn.gov.dancu.gateway.citizen.AdminUnits2025;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * Spec §7: every released address recorded under the units abolished or merged in 2025 gets
 * ADDRESS_IN_FORMER_UNITS, so the officer writes today's unit on the form; the recorded value is
 * kept as it is (the response adds {@code currentUnits} beside it).
 */
public final class FormerUnits {

    /** The released fields that hold an address, directly or (household) in {@code address}. */
    static final List<NpdField> ADDRESS_FIELDS = List.of(NpdField.BIRTH_REGISTRATION_PLACE, NpdField.HOMETOWN,
            NpdField.PERMANENT_RESIDENCE, NpdField.TEMPORARY_RESIDENCE, NpdField.CURRENT_RESIDENCE,
            NpdField.HOUSEHOLD);

    private FormerUnits() {
    }

    /** The address a field's value holds: the value itself, or a household's address. */
    public static JsonNode address(NpdField field, JsonNode value) {
        return field == NpdField.HOUSEHOLD ? value.path("address") : value;
    }

    /** Today's units for a field's value, when it holds an address in former units. */
    public static Optional<AdminUnits2025.CurrentUnits> currentUnits(NpdField field, JsonNode value) {
        if (!ADDRESS_FIELDS.contains(field)) {
            return Optional.empty();
        }
        JsonNode a = address(field, value);
        if (!a.isObject()) {
            return Optional.empty();
        }
        return AdminUnits2025.get().currentUnits(text(a, "provinceCode"), text(a, "districtCode"),
                text(a, "wardCode"));
    }

    static void check(PrefillFacts facts, List<Issue> issues) {
        for (PartyResult party : facts.all()) {
            NpdCitizen c = party.citizen();
            if (c == null) {
                continue;
            }
            List<NpdField> released = facts.procedure().definition().party(party.role())
                    .map(PartySpec::fields).orElse(List.of());
            for (NpdField field : released) {
                currentUnits(field, c.value(field)).ifPresent(now -> issues.add(Issue.of(
                        IssueCode.ADDRESS_IN_FORMER_UNITS, Severity.INFO, party.role(), field.jsonName(),
                        describe(now), now.wards().size())));
            }
        }
    }

    /** "Phường Bình Phước, Tỉnh Đồng Nai"; candidates joined by " / " for a split ward. */
    static String describe(AdminUnits2025.CurrentUnits now) {
        String wards = now.wards().stream().map(AdminUnits2025.Unit::name).collect(Collectors.joining(" / "));
        String province = now.province() == null ? "" : now.province().name();
        return wards.isEmpty() ? province : province.isEmpty() ? wards : wards + ", " + province;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
