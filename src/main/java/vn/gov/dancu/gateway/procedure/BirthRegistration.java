package vn.gov.dancu.gateway.procedure;

import static vn.gov.dancu.gateway.procedure.FormField.declared;
import static vn.gov.dancu.gateway.procedure.FormField.npd;
import static vn.gov.dancu.gateway.procedure.FormField.suggested;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.CURRENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.DATE_OF_BIRTH;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ETHNICITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.FULL_NAME;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.GENDER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.HOMETOWN;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.HOUSEHOLD;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ID_CARD;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.LIFE_STATUS;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.NATIONALITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.PERMANENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.SPOUSE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.TEMPORARY_RESIDENCE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * Birth registration (Law on Civil Status 2014 Arts. 13–16) and, with {@code interlinked}, the
 * interlinked group birth → permanent residence → child health insurance (Decree 63/2024), which
 * additionally reads the parents' household so the child's residence can be proposed.
 */
final class BirthRegistration implements ProcedureDefinition {

    /** Spec §3: what may be asked for a parent, and for the person declaring the birth. */
    static final List<NpdField> PARENT_FIELDS = List.of(FULL_NAME, DATE_OF_BIRTH, GENDER, ETHNICITY, NATIONALITY,
            HOMETOWN, PERMANENT_RESIDENCE, TEMPORARY_RESIDENCE, CURRENT_RESIDENCE, SPOUSE, LIFE_STATUS);
    /** Temporary residence: the forms' "Nơi cư trú" is permanent, else temporary, else current. */
    static final List<NpdField> DECLARANT_FIELDS = List.of(FULL_NAME, DATE_OF_BIRTH, ID_CARD, PERMANENT_RESIDENCE,
            TEMPORARY_RESIDENCE, CURRENT_RESIDENCE, LIFE_STATUS);

    private final boolean interlinked;
    private final List<PartySpec> parties;
    private final List<FormField> form;

    BirthRegistration(boolean interlinked) {
        this.interlinked = interlinked;
        List<NpdField> parentFields = interlinked
                ? Stream.concat(PARENT_FIELDS.stream(), Stream.of(HOUSEHOLD)).toList()
                : PARENT_FIELDS;
        this.parties = List.of(
                new PartySpec(PartyRole.MOTHER, false, parentFields),
                new PartySpec(PartyRole.FATHER, false, parentFields),
                new PartySpec(PartyRole.DECLARANT, false, DECLARANT_FIELDS));
        this.form = buildForm(interlinked);
    }

    private static List<FormField> buildForm(boolean interlinked) {
        List<FormField> f = new ArrayList<>(List.of(
                npd(PartyRole.DECLARANT, "fullName", FULL_NAME, "Họ, chữ đệm, tên người yêu cầu", "Declarant's full name"),
                npd(PartyRole.DECLARANT, "dateOfBirth", DATE_OF_BIRTH, "Ngày, tháng, năm sinh", "Declarant's date of birth"),
                npd(PartyRole.DECLARANT, "idDocument", ID_CARD, "Giấy tờ tùy thân", "Declarant's identity document"),
                npd(PartyRole.DECLARANT, "residence", PERMANENT_RESIDENCE, "Nơi cư trú", "Declarant's residence"),
                declared("declarant.relationshipToChild", "Quan hệ với người được khai sinh", "Relationship to the child"),
                declared("child.fullName", "Họ, chữ đệm, tên của trẻ", "Child's full name"),
                declared("child.dateOfBirth", "Ngày, tháng, năm sinh của trẻ", "Child's date of birth"),
                declared("child.gender", "Giới tính", "Child's sex"),
                declared("child.placeOfBirth", "Nơi sinh", "Place of birth"),
                suggested("child.ethnicity", null, ETHNICITY, "Dân tộc", "Child's ethnicity"),
                suggested("child.nationality", null, NATIONALITY, "Quốc tịch", "Child's nationality"),
                suggested("child.hometown", null, HOMETOWN, "Quê quán", "Child's hometown")));
        for (PartyRole parent : List.of(PartyRole.MOTHER, PartyRole.FATHER)) {
            String who = parent == PartyRole.MOTHER ? "mẹ" : "cha";
            String whoEn = parent == PartyRole.MOTHER ? "Mother's" : "Father's";
            f.add(npd(parent, "fullName", FULL_NAME, "Họ, chữ đệm, tên người " + who, whoEn + " full name"));
            f.add(npd(parent, "dateOfBirth", DATE_OF_BIRTH, "Năm sinh", whoEn + " year of birth"));
            f.add(npd(parent, "ethnicity", ETHNICITY, "Dân tộc", whoEn + " ethnicity"));
            f.add(npd(parent, "nationality", NATIONALITY, "Quốc tịch", whoEn + " nationality"));
            f.add(npd(parent, "residence", PERMANENT_RESIDENCE, "Nơi cư trú", whoEn + " residence"));
        }
        if (interlinked) {
            f.add(suggested("residence.household", null, HOUSEHOLD, "Hộ gia đình trẻ được đăng ký thường trú vào",
                    "Household the child joins"));
            f.add(suggested("residence.address", null, PERMANENT_RESIDENCE, "Địa chỉ thường trú", "Permanent address"));
            f.add(suggested("residence.relationshipToHead", null, HOUSEHOLD, "Quan hệ với chủ hộ",
                    "Relationship to the household head"));
            f.add(declared("insurance.initialHealthcareFacility", "Nơi đăng ký khám bệnh, chữa bệnh ban đầu",
                    "Initial health-care facility"));
            f.add(declared("insurance.cardDelivery", "Hình thức nhận thẻ bảo hiểm y tế", "Card delivery option"));
        }
        f.add(declared("extraCopies", "Số bản sao yêu cầu", "Extra certified extracts"));
        return List.copyOf(f);
    }

    @Override
    public String nameVi() {
        return interlinked ? "Liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"
                : "Đăng ký khai sinh";
    }

    @Override
    public String nameEn() {
        return interlinked ? "Interlinked birth registration, permanent residence and child health insurance"
                : "Birth registration";
    }

    @Override
    public String legalBasis() {
        return interlinked ? "Nghị định 63/2024/NĐ-CP; Quyết định 296/QĐ-VPCP; Luật Hộ tịch 2014 Điều 13–16"
                : "Luật Hộ tịch 2014 (60/2014/QH13) Điều 13–16; Nghị định 123/2015/NĐ-CP";
    }

    @Override
    public Optional<Integer> requiredIdentityLevel() {
        return Optional.empty();
    }

    @Override
    public List<PartySpec> parties() {
        return parties;
    }

    @Override
    public List<FormField> formFields() {
        return form;
    }

    @Override
    public void validateParties(Map<PartyRole, PersonalId> given, List<Violation> violations) {
        if (!given.containsKey(PartyRole.MOTHER) && !given.containsKey(PartyRole.FATHER)) {
            violations.add(Violation.of("parties", "violation.parties.oneParent"));
        }
        // The declarant may well be a parent; the two parents may not be one person.
        Parties.requireDistinct(given, PartyRole.MOTHER, PartyRole.FATHER, violations);
    }

    /**
     * Paternity (Law on Marriage and Family 2014 Art. 88; Decree 123/2015 Art. 15): a child born
     * in marriage is presumed the spouses' child; a father who is not the mother's recorded
     * spouse, or a father named by an unmarried mother, needs a paternity recognition before he
     * is written on the certificate. The NPD's spouse link is a hint, so this is a WARNING.
     */
    @Override
    public void check(PrefillFacts facts, LocalDate today, List<Issue> issues) {
        Optional<NpdCitizen> mother = facts.found(PartyRole.MOTHER);
        Optional<String> father = facts.personalId(PartyRole.FATHER);
        if (mother.isPresent() && father.isPresent() && facts.found(PartyRole.FATHER).isPresent()) {
            Optional<JsonNode> spouse = mother.get().related(SPOUSE);
            if (spouse.isEmpty()) {
                issues.add(Issue.of(IssueCode.PATERNITY_RECOGNITION_NEEDED, Severity.WARNING, PartyRole.FATHER,
                        SPOUSE.jsonName(), Phrase.of("paternity.motherUnmarried")));
            } else if (!mother.get().relatedId(SPOUSE).equals(father)) {
                issues.add(Issue.of(IssueCode.PATERNITY_RECOGNITION_NEEDED, Severity.WARNING, PartyRole.FATHER,
                        SPOUSE.jsonName(), Phrase.of("paternity.motherMarriedToAnother")));
            }
        }
        if (interlinked) {
            InterlinkedGroups.checkBirth(facts, issues);
        }
        checkChildAge(facts, today, issues);
    }

    /** Law on Civil Status 2014 Arts. 13–16: a birth is registered within 60 days of it. */
    static final int REGISTRATION_DAYS = 60;
    /** Decree 63/2024 group 1: the health-insurance card part is for children under 6. */
    static final int STATE_BUDGET_CARD_AGE = 6;

    /**
     * Issue 10 item 10. The newborn is not in the NPD, so only the declared date of birth can say
     * whether registration is late or the child under six on today's (registration) date; without
     * it the officer is told it was not checked, never a guess. Flags, never facts: the officer
     * checks the birth certificate. Reported on the parent given (the child is no party).
     */
    private void checkChildAge(PrefillFacts facts, LocalDate today, List<Issue> issues) {
        PartyRole on = facts.personalId(PartyRole.MOTHER).isPresent() ? PartyRole.MOTHER : PartyRole.FATHER;
        LocalDate born = facts.child() == null ? null : facts.child().dateOfBirth();
        if (born == null) {
            issues.add(Issue.of(IssueCode.CHILD_AGE_NOT_CHECKED, Severity.INFO, on, null));
            return;
        }
        long days = java.time.temporal.ChronoUnit.DAYS.between(born, today);
        if (days > REGISTRATION_DAYS) {
            issues.add(Issue.of(IssueCode.LATE_BIRTH_REGISTRATION, Severity.WARNING, on, null, days));
        }
        if (interlinked && today.isBefore(born.plusYears(STATE_BUDGET_CARD_AGE))) {
            issues.add(Issue.of(IssueCode.CHILD_UNDER_SIX, Severity.INFO, on, null,
                    born.plusYears(STATE_BUDGET_CARD_AGE).minusDays(1).toString()));
        }
    }

    @Override
    public void suggest(PrefillFacts facts, List<Suggestion> out) {
        List<PartyRole> given = Stream.of(PartyRole.MOTHER, PartyRole.FATHER)
                .filter(r -> facts.personalId(r).isPresent()).toList();
        List<NpdCitizen> parents = given.stream().map(facts::found).flatMap(Optional::stream).toList();
        if (!given.isEmpty() && parents.size() == given.size()) {
            suggestShared(parents, ETHNICITY, "child.ethnicity", "suggestion.ethnicity", out);
            if (!suggestMixedNationality(parents, out)) {
                suggestShared(parents, NATIONALITY, "child.nationality", "suggestion.nationality", out);
            }
        }
        for (PartyRole parent : List.of(PartyRole.FATHER, PartyRole.MOTHER)) {
            facts.found(parent).map(c -> c.value(HOMETOWN)).filter(JsonNode::isObject).ifPresent(home ->
                    out.add(new Suggestion("child.hometown", home, "suggestion.hometown." + parent.key(), List.of())));
        }
        if (interlinked) {
            InterlinkedGroups.suggestBirth(facts, out);
        }
    }

    /**
     * Nationality Law 2008 Art. 16(2): one parent Vietnamese, the other foreign — the child is
     * Vietnamese on the parents' written agreement at the birth registration (and, born in Viet
     * Nam without agreement, Vietnamese all the same). The other parent is the father on the
     * request, or, with the mother alone, her recorded foreign spouse (presumed the father,
     * Law on Marriage and Family Art. 88), who has no personal id.
     *
     * @return true when this case applied and the suggestion was made
     */
    private static boolean suggestMixedNationality(List<NpdCitizen> parents, List<Suggestion> out) {
        List<JsonNode> nationalities = new ArrayList<>(parents.stream().map(p -> p.value(NATIONALITY)).toList());
        if (parents.size() == 1) {
            parents.get(0).related(SPOUSE).filter(sp -> sp.path("personalId").isNull() || sp.get("personalId") == null)
                    .map(sp -> sp.get("nationality")).filter(n -> n != null && n.isObject())
                    .ifPresent(nationalities::add);
        }
        if (nationalities.size() != 2) {
            return false;
        }
        Optional<JsonNode> vietnamese = nationalities.stream().filter(n -> VIETNAM.equals(n.path("code").asText()))
                .findFirst();
        Optional<JsonNode> foreign = nationalities.stream()
                .filter(n -> n.isObject() && n.hasNonNull("code") && !VIETNAM.equals(n.path("code").asText()))
                .findFirst();
        if (vietnamese.isEmpty() || foreign.isEmpty()) {
            return false;
        }
        out.add(new Suggestion("child.nationality", vietnamese.get(), "suggestion.nationality.mixedParents",
                List.of(foreign.get().path("name").asText())));
        return true;
    }

    private static final String VIETNAM = "VN";

    /**
     * Proposes a value when every parent on the request has the same one (by code): with a
     * single declared parent that parent's value, with two only when they agree.
     */
    private static void suggestShared(List<NpdCitizen> parents, NpdField field, String target, String basis,
            List<Suggestion> out) {
        List<JsonNode> values = parents.stream().map(p -> p.value(field)).toList();
        JsonNode first = values.get(0);
        if (!first.isObject() || first.get("code") == null) {
            return;
        }
        boolean agree = values.stream().allMatch(v -> v.isObject() && Objects.equals(v.get("code"), first.get("code")));
        if (agree) {
            String key = basis + (parents.size() == 1 ? ".oneParent" : ".bothParents");
            out.add(new Suggestion(target, first, key, List.of(first.path("name").asText())));
        }
    }
}
