package vn.gov.dancu.sandbox.npd;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import vn.gov.dancu.sandbox.npd.CitizenRecord.RelatedPerson;

/**
 * The comparison rules of the NPD's {@code :verify} operation: names after NFC normalisation, case
 * folding and collapsing of spaces (tone-mark variants such as hòa/hoà stay different, as the
 * contract says nothing about them); partial dates match when the parts both sides hold agree.
 */
public final class ClaimVerifier {

    static final String MATCH = "MATCH";
    static final String MISMATCH = "MISMATCH";
    static final String NO_DATA = "NO_DATA";

    /** The claims the contract allows, in its order. */
    static final List<String> CLAIM_NAMES = List.of("fullName", "dateOfBirth", "gender",
            "permanentResidenceWardCode", "fatherFullName", "motherFullName");

    /** Where each claim's value sits in a record. */
    private static final Map<String, Function<CitizenRecord, String>> CLAIMS = claims();

    private static final Pattern SPACES = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    static final Pattern PARTIAL_DATE = Pattern.compile("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$");

    private ClaimVerifier() {
    }

    private static Map<String, Function<CitizenRecord, String>> claims() {
        Map<String, Function<CitizenRecord, String>> claims = new java.util.HashMap<>();
        claims.put("fullName", CitizenRecord::fullName);
        claims.put("dateOfBirth", CitizenRecord::dateOfBirth);
        claims.put("gender", r -> r.gender() == null ? null : r.gender().name());
        claims.put("permanentResidenceWardCode", r -> r.permanentResidence() == null ? null
                : r.permanentResidence().wardCode());
        claims.put("fatherFullName", r -> name(r.father()));
        claims.put("motherFullName", r -> name(r.mother()));
        return Map.copyOf(claims);
    }

    /** One verdict per claim, in the contract's order of claims. */
    static Map<String, String> verify(CitizenRecord record, Map<String, String> claimed) {
        Map<String, String> results = new LinkedHashMap<>();
        for (String claim : CLAIM_NAMES) {
            if (claimed.containsKey(claim)) {
                results.put(claim, verdict(claim, claimed.get(claim), CLAIMS.get(claim).apply(record)));
            }
        }
        return results;
    }

    private static String verdict(String claim, String claimed, String held) {
        // NO_DATA before any comparison: "nothing to compare" must not read as a mismatch.
        if (held == null || held.isBlank()) {
            return NO_DATA;
        }
        boolean same = switch (claim) {
            case "fullName", "fatherFullName", "motherFullName" -> foldName(claimed).equals(foldName(held));
            case "dateOfBirth" -> partialDatesAgree(claimed, held);
            default -> claimed.strip().equals(held.strip());
        };
        return same ? MATCH : MISMATCH;
    }

    /** NFC, outer spaces trimmed, inner runs of any Unicode space made one, case folded. */
    static String foldName(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        String spaced = SPACES.matcher(nfc).replaceAll(" ").strip();
        // Upper then lower approximates full case folding without locale rules (no Turkish i).
        return Normalizer.normalize(spaced.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    /** "1990" agrees with "1990-05-12"; "1990-06" does not; both must be well formed. */
    static boolean partialDatesAgree(String claimed, String held) {
        // Both are yyyy[-MM[-dd]], so the parts both hold are exactly their common prefix.
        int common = Math.min(claimed.length(), held.length());
        return claimed.regionMatches(0, held, 0, common);
    }

    private static String name(RelatedPerson person) {
        return person == null ? null : person.fullName();
    }
}
