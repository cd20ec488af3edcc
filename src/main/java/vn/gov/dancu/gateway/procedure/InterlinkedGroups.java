package vn.gov.dancu.gateway.procedure;

import static vn.gov.dancu.gateway.upstream.npd.NpdField.FULL_NAME;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.HOUSEHOLD;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.PERMANENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.SPOUSE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;

/**
 * The residence and benefit parts of the two interlinked groups (Decree 63/2024): what the NPD
 * lets the gateway propose, as suggestions and flags for the officer, never as facts. The
 * household a child joins is the parents' choice; the funeral-allowance recipient is whoever
 * arranges the funeral.
 */
final class InterlinkedGroups {

    /**
     * The child's relationship to the head, from the parent's: the head's or the head's spouse's
     * child is "Con", the head's child's child "Cháu". Other relationships need the officer.
     */
    private static final Map<String, String> CHILD_RELATIONSHIP = Map.of(
            "chủ hộ", "Con", "vợ", "Con", "chồng", "Con", "con", "Cháu");

    private InterlinkedGroups() {
    }

    /** A parent and the household the NPD records them in. */
    private record ParentHousehold(PartyRole parent, NpdCitizen record, JsonNode household) {
    }

    /** The parents' households, mother first; both only when the parents live apart. */
    private static List<ParentHousehold> households(PrefillFacts facts) {
        List<ParentHousehold> all = new ArrayList<>();
        for (PartyRole parent : List.of(PartyRole.MOTHER, PartyRole.FATHER)) {
            facts.found(parent).ifPresent(c -> {
                JsonNode h = c.value(HOUSEHOLD);
                if (h.isObject()) {
                    all.add(new ParentHousehold(parent, c, h));
                }
            });
        }
        if (all.size() == 2 && Objects.equals(number(all.get(0)), number(all.get(1)))) {
            return List.of(all.get(0)); // one household: propose it once
        }
        return all;
    }

    private static String number(ParentHousehold h) {
        return h.household().path("householdNumber").asText(null);
    }

    static void checkBirth(PrefillFacts facts, List<Issue> issues) {
        List<ParentHousehold> households = households(facts);
        boolean anyParent = facts.found(PartyRole.MOTHER).isPresent() || facts.found(PartyRole.FATHER).isPresent();
        if (anyParent && households.isEmpty()) {
            PartyRole who = facts.found(PartyRole.MOTHER).isPresent() ? PartyRole.MOTHER : PartyRole.FATHER;
            issues.add(Issue.of(IssueCode.INTERLINKED_CHECK, Severity.INFO, who, HOUSEHOLD.jsonName(),
                    Phrase.of("interlinked.noHousehold")));
        }
        if (households.size() == 2) {
            issues.add(Issue.of(IssueCode.INTERLINKED_CHECK, Severity.INFO, PartyRole.MOTHER, HOUSEHOLD.jsonName(),
                    Phrase.of("interlinked.parentsLiveApart")));
        }
        for (ParentHousehold h : households) {
            String relation = h.household().path("relationshipToHead").asText("");
            if (!CHILD_RELATIONSHIP.containsKey(relation.toLowerCase(java.util.Locale.ROOT))) {
                issues.add(Issue.of(IssueCode.INTERLINKED_CHECK, Severity.INFO, h.parent(), HOUSEHOLD.jsonName(),
                        Phrase.of("interlinked.relationshipToHead", h.household().path("headFullName").asText(""),
                                relation)));
            }
        }
    }

    /** The household(s), their address, and the child's relationship to the head. */
    static void suggestBirth(PrefillFacts facts, List<Suggestion> out) {
        for (ParentHousehold h : households(facts)) {
            String who = h.parent().key();
            out.add(new Suggestion("residence.household", h.household(), "suggestion.household." + who, List.of()));
            JsonNode address = h.household().path("address");
            JsonNode value = address.isObject() ? address : h.record().value(PERMANENT_RESIDENCE);
            if (value.isObject()) {
                out.add(new Suggestion("residence.address", value, "suggestion.residence.address." + who, List.of()));
            }
            String relation = h.household().path("relationshipToHead").asText("");
            String child = CHILD_RELATIONSHIP.get(relation.toLowerCase(java.util.Locale.ROOT));
            if (child != null) {
                out.add(new Suggestion("residence.relationshipToHead", TextNode.valueOf(child),
                        "suggestion.relationshipToHead", List.of(Phrase.of("role." + who), relation)));
            }
        }
    }

    /** The deceased heads the household the residence is deleted from: it needs a new head. */
    static void checkDeath(PrefillFacts facts, List<Issue> issues) {
        facts.found(PartyRole.DECEASED).ifPresent(d -> {
            JsonNode h = d.value(HOUSEHOLD);
            boolean head = h.isObject() && (Objects.equals(h.path("headPersonalId").asText(null), d.personalId())
                    || "chủ hộ".equalsIgnoreCase(h.path("relationshipToHead").asText("")));
            if (head) {
                issues.add(Issue.of(IssueCode.HOUSEHOLD_HEAD_DECEASED, Severity.WARNING, PartyRole.DECEASED,
                        HOUSEHOLD.jsonName()));
            }
        });
    }

    /** Funeral-allowance recipient: the declarant, and the deceased's recorded spouse. */
    static void suggestDeath(PrefillFacts facts, List<Suggestion> out) {
        facts.found(PartyRole.DECLARANT).ifPresent(d -> {
            ObjectNode who = JsonNodeFactory.instance.objectNode();
            who.put("personalId", d.personalId());
            who.set("fullName", d.value(FULL_NAME));
            out.add(new Suggestion("benefit.recipient", who, "suggestion.benefit.recipient.declarant", List.of()));
        });
        Optional<NpdCitizen> deceased = facts.found(PartyRole.DECEASED);
        Optional<JsonNode> spouse = deceased.flatMap(d -> d.related(SPOUSE));
        boolean declarantIsSpouse = spouse.isPresent() && facts.personalId(PartyRole.DECLARANT)
                .equals(deceased.get().relatedId(SPOUSE));
        if (spouse.isPresent() && !declarantIsSpouse) {
            out.add(new Suggestion("benefit.recipient", spouse.get(), "suggestion.benefit.recipient.spouse",
                    List.of()));
        }
    }
}
