package vn.gov.dancu.gateway.procedure;

import static vn.gov.dancu.gateway.procedure.FormField.declared;
import static vn.gov.dancu.gateway.procedure.FormField.npd;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.CURRENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.DATE_OF_BIRTH;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.DATE_OF_DEATH;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ETHNICITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.FULL_NAME;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.GENDER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.HOUSEHOLD;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ID_CARD;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.LIFE_STATUS;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.NATIONALITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.PERMANENT_RESIDENCE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import vn.gov.dancu.gateway.citizen.PartialDate;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.IssueCode.Severity;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * Death registration (Law on Civil Status 2014 Arts. 32–34) and, with {@code interlinked}, the
 * group death → deletion of permanent residence → funeral allowance (Decree 63/2024), which also
 * reads the deceased's household so the residence deletion can be prepared.
 */
final class DeathRegistration implements ProcedureDefinition {

    static final List<NpdField> DECEASED_FIELDS = List.of(FULL_NAME, DATE_OF_BIRTH, GENDER, ETHNICITY, NATIONALITY,
            ID_CARD, PERMANENT_RESIDENCE, NpdField.TEMPORARY_RESIDENCE, CURRENT_RESIDENCE, LIFE_STATUS, DATE_OF_DEATH);

    private final boolean interlinked;
    private final List<PartySpec> parties;
    private final List<FormField> form;

    DeathRegistration(boolean interlinked) {
        this.interlinked = interlinked;
        List<NpdField> deceasedFields = interlinked
                // The spouse link only to suggest the funeral-allowance recipient.
                ? Stream.concat(DECEASED_FIELDS.stream(), Stream.of(HOUSEHOLD, NpdField.SPOUSE)).toList()
                : DECEASED_FIELDS;
        this.parties = List.of(
                new PartySpec(PartyRole.DECEASED, true, deceasedFields),
                new PartySpec(PartyRole.DECLARANT, true, BirthRegistration.DECLARANT_FIELDS));
        List<FormField> f = new ArrayList<>(List.of(
                npd(PartyRole.DECLARANT, "fullName", FULL_NAME, "Họ, chữ đệm, tên người yêu cầu", "Declarant's full name"),
                npd(PartyRole.DECLARANT, "idDocument", ID_CARD, "Giấy tờ tùy thân", "Declarant's identity document"),
                npd(PartyRole.DECLARANT, "residence", PERMANENT_RESIDENCE, "Nơi cư trú", "Declarant's residence"),
                declared("declarant.relationshipToDeceased", "Quan hệ với người đã chết", "Relationship to the deceased"),
                npd(PartyRole.DECEASED, "fullName", FULL_NAME, "Họ, chữ đệm, tên người đã chết", "Deceased's full name"),
                npd(PartyRole.DECEASED, "dateOfBirth", DATE_OF_BIRTH, "Ngày, tháng, năm sinh", "Date of birth"),
                npd(PartyRole.DECEASED, "gender", GENDER, "Giới tính", "Sex"),
                npd(PartyRole.DECEASED, "ethnicity", ETHNICITY, "Dân tộc", "Ethnicity"),
                npd(PartyRole.DECEASED, "nationality", NATIONALITY, "Quốc tịch", "Nationality"),
                npd(PartyRole.DECEASED, "idDocument", ID_CARD, "Giấy tờ tùy thân", "Identity document"),
                npd(PartyRole.DECEASED, "lastResidence", PERMANENT_RESIDENCE, "Nơi cư trú cuối cùng", "Last residence"),
                declared("death.time", "Thời gian chết", "Time of death"),
                declared("death.place", "Nơi chết", "Place of death"),
                declared("death.cause", "Nguyên nhân chết", "Cause of death"),
                declared("deathNotice.number", "Số Giấy báo tử hoặc giấy tờ thay thế", "Death notice number"),
                declared("deathNotice.issuer", "Cơ quan cấp Giấy báo tử", "Death notice issuer"),
                declared("deathNotice.date", "Ngày cấp Giấy báo tử", "Death notice date")));
        if (interlinked) {
            f.add(npd(PartyRole.DECEASED, "household", HOUSEHOLD, "Hộ gia đình xóa đăng ký thường trú",
                    "Household to delete the permanent residence from"));
            f.add(declared("benefit.recipient", "Người nhận trợ cấp mai táng", "Funeral allowance recipient"));
            f.add(declared("benefit.bankAccount", "Tài khoản nhận trợ cấp", "Bank account for the allowance"));
            f.add(declared("benefit.category", "Đối tượng hưởng chế độ", "Benefit category"));
        }
        f.add(declared("extraCopies", "Số bản sao yêu cầu", "Extra certified extracts"));
        this.form = List.copyOf(f);
    }

    @Override
    public String nameVi() {
        return interlinked ? "Liên thông đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất"
                : "Đăng ký khai tử";
    }

    @Override
    public String nameEn() {
        return interlinked ? "Interlinked death registration, deletion of permanent residence and funeral allowance"
                : "Death registration";
    }

    @Override
    public String legalBasis() {
        return interlinked ? "Nghị định 63/2024/NĐ-CP; Quyết định 296/QĐ-VPCP; Luật Hộ tịch 2014 Điều 32–34"
                : "Luật Hộ tịch 2014 (60/2014/QH13) Điều 32–34; Nghị định 123/2015/NĐ-CP";
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
        Parties.requireDistinct(given, PartyRole.DECEASED, PartyRole.DECLARANT, violations);
    }

    @Override
    public void check(PrefillFacts facts, LocalDate today, List<Issue> issues) {
        facts.found(PartyRole.DECEASED)
                .filter(c -> c.lifeStatus().filter("DECEASED"::equals).isPresent())
                .ifPresent(c -> issues.add(Issue.of(IssueCode.DEATH_ALREADY_RECORDED, Severity.WARNING,
                        PartyRole.DECEASED, LIFE_STATUS.jsonName())));
        facts.found(PartyRole.DECEASED).ifPresent(c -> checkDateOfDeath(c, today, issues));
        if (interlinked) {
            InterlinkedGroups.checkDeath(facts, issues);
        }
    }

    @Override
    public void suggest(PrefillFacts facts, List<Suggestion> suggestions) {
        if (interlinked) {
            InterlinkedGroups.suggestDeath(facts, suggestions);
        }
    }

    /**
     * The date of death is the NPD's (item 24), not the request's: the request names people only,
     * and the declared time of death is written on the form. A recorded date that cannot be true
     * is a data error for the officer to have corrected; with partial dates, only when certain.
     */
    static void checkDateOfDeath(NpdCitizen deceased, LocalDate today, List<Issue> issues) {
        Optional<PartialDate> death = deceased.partialDate(DATE_OF_DEATH);
        if (death.isEmpty()) {
            return;
        }
        Optional<PartialDate> birth = deceased.dateOfBirth();
        String reason = null;
        if (birth.isPresent() && death.get().latest().isBefore(birth.get().earliest())) {
            reason = "death.invalid.beforeBirth";
        } else if (death.get().earliest().isAfter(today)) {
            reason = "death.invalid.future";
        }
        if (reason != null) {
            issues.add(Issue.of(IssueCode.DATE_OF_DEATH_INVALID, Severity.ERROR, PartyRole.DECEASED,
                    DATE_OF_DEATH.jsonName(), death.get().toString(), Phrase.of(reason)));
        }
    }
}
