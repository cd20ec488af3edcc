package vn.gov.dancu.gateway.procedure;

import static vn.gov.dancu.gateway.upstream.npd.NpdField.FATHER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.MOTHER;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * The kinship bar of the Law on Marriage and Family 2014 Art. 5(2)(d): no marriage between
 * persons of one direct blood line (Art. 3(17)) or related within three generations (Art. 3(18):
 * same parents are the first generation, siblings the second, first cousins the third). Worked
 * out from the {@code father}/{@code mother} links of the bride, the groom and their parents, so
 * it sees up to the grandparents: parent–child, grandparent–grandchild, (half-)siblings,
 * uncle/aunt–niece/nephew and first cousins. A link without a number, or a parent the NPD did not
 * return, makes the answer unverifiable, never "no relation". Adoptive and in-law bars
 * (Art. 5(2)(d) second half) are outside what the NPD holds; the messages say so.
 */
final class Kinship {

    /** The relations found, closest first; the name is the API's {@code relation}. */
    enum Relation {
        PARENT_CHILD, GRANDPARENT_GRANDCHILD, SIBLINGS, HALF_SIBLINGS, UNCLE_AUNT_NIECE_NEPHEW, FIRST_COUSINS;

        Phrase phrase() {
            return Phrase.of("kinship.relation." + name());
        }
    }

    /** Most lookups the check adds to a marriage prefill: the two parties' four parents. */
    static final int MAX_RELATIVE_LOOKUPS = 4;

    /** The fields a relative's lookup asks for: only the links, nothing about the person. */
    static final List<NpdField> RELATIVE_FIELDS = List.of(FATHER, MOTHER);

    private Kinship() {
    }

    /**
     * The parents to look up for the check: the parties' linked parents with a number who are
     * not a party themselves (their record is at hand), as relation label → number, at most
     * {@link #MAX_RELATIVE_LOOKUPS}.
     */
    static Map<String, String> parentsToLookUp(Map<PartyRole, NpdCitizen> parties) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Set<String> partyIds = new java.util.HashSet<>();
        parties.values().forEach(c -> partyIds.add(c.personalId()));
        for (var e : parties.entrySet()) {
            for (NpdField link : RELATIVE_FIELDS) {
                e.getValue().relatedId(link)
                        .filter(id -> !partyIds.contains(id) && !out.containsValue(id))
                        .filter(id -> out.size() < MAX_RELATIVE_LOOKUPS)
                        .ifPresent(id -> out.put(e.getKey().key() + "." + link.jsonName(), id));
            }
        }
        return out;
    }

    /**
     * Adds KINSHIP_PROHIBITED for the closest relation found, or KINSHIP_NOT_VERIFIABLE for each
     * missing link when none was found.
     *
     * @param known every record at hand by number: the parties' and the looked-up parents'
     */
    static void check(NpdCitizen bride, NpdCitizen groom, Map<String, NpdCitizen> known, List<Issue> issues) {
        Set<String> brideParents = parents(bride);
        Set<String> groomParents = parents(groom);
        Set<String> brideGrandparents = grandparents(brideParents, known);
        Set<String> groomGrandparents = grandparents(groomParents, known);
        Optional<Relation> found = Optional.empty();
        if (brideParents.contains(groom.personalId()) || groomParents.contains(bride.personalId())) {
            found = Optional.of(Relation.PARENT_CHILD);
        } else if (brideGrandparents.contains(groom.personalId()) || groomGrandparents.contains(bride.personalId())) {
            found = Optional.of(Relation.GRANDPARENT_GRANDCHILD);
        } else if (intersects(brideParents, groomParents)) {
            long shared = brideParents.stream().filter(groomParents::contains).count();
            found = Optional.of(shared >= 2 ? Relation.SIBLINGS : Relation.HALF_SIBLINGS);
        } else if (intersects(groomParents, brideGrandparents) || intersects(brideParents, groomGrandparents)) {
            found = Optional.of(Relation.UNCLE_AUNT_NIECE_NEPHEW);
        } else if (intersects(brideGrandparents, groomGrandparents)) {
            found = Optional.of(Relation.FIRST_COUSINS);
        }
        if (found.isPresent()) {
            issues.add(Issue.of(IssueCode.KINSHIP_PROHIBITED, Severity.ERROR, PartyRole.GROOM, null,
                    found.get().phrase()));
            return;
        }
        missingLinks(PartyRole.BRIDE, bride, known, issues);
        missingLinks(PartyRole.GROOM, groom, known, issues);
    }

    private static void missingLinks(PartyRole side, NpdCitizen party, Map<String, NpdCitizen> known,
            List<Issue> issues) {
        for (NpdField link : RELATIVE_FIELDS) {
            Optional<String> parent = party.relatedId(link);
            if (parent.isEmpty()) {
                issues.add(Issue.of(IssueCode.KINSHIP_NOT_VERIFIABLE, Severity.INFO, side, link.jsonName(),
                        Phrase.of("kinship.link." + link.name())));
                continue;
            }
            NpdCitizen record = known.get(parent.get());
            boolean complete = record != null && record.relatedId(FATHER).isPresent()
                    && record.relatedId(MOTHER).isPresent();
            if (!complete) {
                issues.add(Issue.of(IssueCode.KINSHIP_NOT_VERIFIABLE, Severity.INFO, side, link.jsonName(),
                        Phrase.of("kinship.link." + link.name() + "S_PARENTS")));
            }
        }
    }

    private static Set<String> parents(NpdCitizen c) {
        Set<String> out = new LinkedHashSet<>();
        RELATIVE_FIELDS.forEach(f -> c.relatedId(f).ifPresent(out::add));
        return out;
    }

    private static Set<String> grandparents(Set<String> parents, Map<String, NpdCitizen> known) {
        Set<String> out = new LinkedHashSet<>();
        parents.stream().map(known::get).filter(java.util.Objects::nonNull).forEach(p -> out.addAll(parents(p)));
        return out;
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    /** The relation of a KINSHIP_PROHIBITED issue, for tests and renderers. */
    static List<Relation> relations(List<Issue> issues) {
        List<Relation> out = new ArrayList<>();
        for (Issue i : issues) {
            for (Object a : i.args()) {
                if (a instanceof Phrase p && p.key().startsWith("kinship.relation.")) {
                    out.add(Relation.valueOf(p.key().substring("kinship.relation.".length())));
                }
            }
        }
        return out;
    }
}
