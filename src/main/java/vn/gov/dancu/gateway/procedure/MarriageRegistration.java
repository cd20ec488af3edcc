package vn.gov.dancu.gateway.procedure;

import static vn.gov.dancu.gateway.procedure.FormField.declared;
import static vn.gov.dancu.gateway.procedure.FormField.npd;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.CURRENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.DATE_OF_BIRTH;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ETHNICITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.FATHER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.FULL_NAME;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.GENDER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ID_CARD;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.LIFE_STATUS;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.MARITAL_STATUS;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.MOTHER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.NATIONALITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.PERMANENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.SPOUSE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.TEMPORARY_RESIDENCE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * Marriage registration (Law on Civil Status 2014 Arts. 17–18) with the conditions of the Law on
 * Marriage and Family 2014 Arts. 5 and 8 that the NPD can inform: age, existing marriage, and
 * direct blood relation through a shared parent. The NPD's marital status is collected data, not
 * the civil-status register, so these findings are for the officer to confirm.
 */
final class MarriageRegistration implements ProcedureDefinition {

    static final List<NpdField> SPOUSE_TO_BE_FIELDS = List.of(FULL_NAME, DATE_OF_BIRTH, GENDER, ETHNICITY, NATIONALITY,
            ID_CARD, PERMANENT_RESIDENCE, TEMPORARY_RESIDENCE, CURRENT_RESIDENCE, MARITAL_STATUS, SPOUSE, FATHER, MOTHER, LIFE_STATUS);

    /** Law on Marriage and Family 2014 Art. 8(1)(a): men from full 20 years, women from full 18. */
    static final int MIN_AGE_GROOM = 20;
    static final int MIN_AGE_BRIDE = 18;

    private final List<PartySpec> parties = List.of(
            new PartySpec(PartyRole.BRIDE, true, SPOUSE_TO_BE_FIELDS),
            new PartySpec(PartyRole.GROOM, true, SPOUSE_TO_BE_FIELDS));
    private final List<FormField> form;

    MarriageRegistration() {
        List<FormField> f = new ArrayList<>();
        for (PartyRole side : List.of(PartyRole.BRIDE, PartyRole.GROOM)) {
            String en = side == PartyRole.BRIDE ? "Bride's " : "Groom's ";
            f.add(npd(side, "fullName", FULL_NAME, "Họ, chữ đệm, tên", en + "full name"));
            f.add(npd(side, "dateOfBirth", DATE_OF_BIRTH, "Ngày, tháng, năm sinh", en + "date of birth"));
            f.add(npd(side, "ethnicity", ETHNICITY, "Dân tộc", en + "ethnicity"));
            f.add(npd(side, "nationality", NATIONALITY, "Quốc tịch", en + "nationality"));
            f.add(npd(side, "residence", PERMANENT_RESIDENCE, "Nơi cư trú", en + "residence"));
            f.add(npd(side, "idDocument", ID_CARD, "Giấy tờ tùy thân", en + "identity document"));
            // Not the NPD's marital status: the form has no such line (the register proves it),
            // but it asks how many times the person has married, which only they can declare.
            f.add(declared(side.key() + ".marriageNumber", "Kết hôn lần thứ mấy", en + "marriage (first, second, ...)"));
        }
        f.add(declared("extraCopies", "Số bản sao yêu cầu", "Extra certified extracts"));
        this.form = List.copyOf(f);
    }

    @Override
    public String nameVi() {
        return "Đăng ký kết hôn";
    }

    @Override
    public String nameEn() {
        return "Marriage registration";
    }

    @Override
    public String legalBasis() {
        return "Luật Hộ tịch 2014 (60/2014/QH13) Điều 17–18; Luật Hôn nhân và gia đình 2014 Điều 5, 8";
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
    public boolean checksKinship() {
        return true;
    }

    @Override
    public void validateParties(Map<PartyRole, PersonalId> given, List<Violation> violations) {
        Parties.requireDistinct(given, PartyRole.BRIDE, PartyRole.GROOM, violations);
    }

    @Override
    public void check(PrefillFacts facts, LocalDate today, List<Issue> issues) {
        Optional<NpdCitizen> bride = facts.found(PartyRole.BRIDE);
        Optional<NpdCitizen> groom = facts.found(PartyRole.GROOM);
        bride.ifPresent(b -> checkAge(PartyRole.BRIDE, b, MIN_AGE_BRIDE, today, issues));
        groom.ifPresent(g -> checkAge(PartyRole.GROOM, g, MIN_AGE_GROOM, today, issues));
        bride.ifPresent(b -> checkNotMarried(PartyRole.BRIDE, b, facts.personalId(PartyRole.GROOM), issues));
        groom.ifPresent(g -> checkNotMarried(PartyRole.GROOM, g, facts.personalId(PartyRole.BRIDE), issues));
        if (bride.isPresent() && groom.isPresent()) {
            for (NpdField parent : List.of(FATHER, MOTHER)) {
                Optional<String> brideParent = bride.get().relatedId(parent);
                if (brideParent.isPresent() && brideParent.equals(groom.get().relatedId(parent))) {
                    issues.add(Issue.of(IssueCode.SHARED_PARENT, Severity.ERROR, PartyRole.GROOM, parent.jsonName()));
                }
            }
            if (facts.relatives() != null) {
                Kinship.check(bride.get(), groom.get(), facts.relatives(), issues);
            }
        }
    }

    /** Under age only when certain: a year-only date of birth counts from its earliest day. */
    static void checkAge(PartyRole role, NpdCitizen c, int minimum, LocalDate today, List<Issue> issues) {
        c.dateOfBirth()
                .filter(dob -> dob.certainlyYoungerThan(minimum, today))
                .ifPresent(dob -> issues.add(Issue.of(IssueCode.UNDER_MARRIAGE_AGE, Severity.ERROR, role,
                        DATE_OF_BIRTH.jsonName(), minimum)));
    }

    /**
     * The NPD's marital status is collected data, a hint; the civil-status register is the proof
     * (domain §4.4). MARRIED, or a spouse link to someone else under any status but DIVORCED or
     * WIDOWED, is an ERROR the officer confirms in the register. A DIVORCED or WIDOWED person whose
     * record still links a spouse has a stale link, the usual lag after a divorce or a death: a
     * WARNING that says to check the divorce judgment or death extract, not a refusal.
     */
    private static void checkNotMarried(PartyRole role, NpdCitizen c, Optional<String> other, List<Issue> issues) {
        Optional<String> status = c.maritalStatus();
        boolean married = status.filter("MARRIED"::equals).isPresent();
        boolean ended = status.filter(st -> st.equals("DIVORCED") || st.equals("WIDOWED")).isPresent();
        // A spouse reference to someone else, even without a number (a foreign spouse), counts.
        boolean otherSpouse = c.related(SPOUSE).isPresent() && !c.relatedId(SPOUSE).equals(other);
        if (married) {
            issues.add(Issue.of(IssueCode.ALREADY_MARRIED, Severity.ERROR, role, MARITAL_STATUS.jsonName(),
                    Phrase.of("married.check.married")));
        } else if (otherSpouse) {
            issues.add(Issue.of(IssueCode.ALREADY_MARRIED, ended ? Severity.WARNING : Severity.ERROR, role,
                    SPOUSE.jsonName(), Phrase.of(ended ? "married.check.staleLink" : "married.check.spouseLink")));
        }
    }
}
