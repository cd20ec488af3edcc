package vn.gov.dancu.gateway.procedure;

import static vn.gov.dancu.gateway.procedure.FormField.declared;
import static vn.gov.dancu.gateway.procedure.FormField.npd;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.CURRENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.DATE_OF_BIRTH;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.EMAIL;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ETHNICITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.FATHER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.FULL_NAME;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.GENDER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.ID_CARD;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.LIFE_STATUS;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.MOTHER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.NATIONALITY;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.OTHER_NAMES;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.PERMANENT_RESIDENCE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.PHONE_NUMBER;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.SPOUSE;
import static vn.gov.dancu.gateway.upstream.npd.NpdField.TEMPORARY_RESIDENCE;

import java.util.List;
import java.util.Optional;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/**
 * Judicial record certificate request (Law on Judicial Records 2009 Arts. 41–48; forms of
 * Circular 06/2024/TT-BTP). The NPD fills the identity part and the relatives; the residence
 * history since age 14, occupation and the certificate type must still be declared. Through
 * VNeID the procedure needs identification level 2.
 */
final class JudicialRecord implements ProcedureDefinition {

    /**
     * No {@code birthRegistrationPlace}: the form's "Nơi sinh" is the place of birth (Law on
     * Identity 2023 Art. 9 item 6), which the NPD contract does not offer; the place of birth
     * registration (item 7) is another fact and no form field needs it, so it is not asked for.
     */
    static final List<NpdField> APPLICANT_FIELDS = List.of(FULL_NAME, OTHER_NAMES, DATE_OF_BIRTH, GENDER,
            ETHNICITY, NATIONALITY, ID_CARD, PERMANENT_RESIDENCE, TEMPORARY_RESIDENCE,
            CURRENT_RESIDENCE, FATHER, MOTHER, SPOUSE, PHONE_NUMBER, EMAIL, LIFE_STATUS);

    private final List<PartySpec> parties = List.of(new PartySpec(PartyRole.APPLICANT, true, APPLICANT_FIELDS));
    private final List<FormField> form = List.of(
            npd(PartyRole.APPLICANT, "fullName", FULL_NAME, "Họ và tên (chữ in hoa)", "Full name"),
            npd(PartyRole.APPLICANT, "otherNames", OTHER_NAMES, "Tên gọi khác", "Other names"),
            npd(PartyRole.APPLICANT, "dateOfBirth", DATE_OF_BIRTH, "Ngày, tháng, năm sinh", "Date of birth"),
            npd(PartyRole.APPLICANT, "gender", GENDER, "Giới tính", "Sex"),
            declared("placeOfBirth", "Nơi sinh", "Place of birth"),
            npd(PartyRole.APPLICANT, "ethnicity", ETHNICITY, "Dân tộc", "Ethnicity"),
            npd(PartyRole.APPLICANT, "nationality", NATIONALITY, "Quốc tịch", "Nationality"),
            npd(PartyRole.APPLICANT, "idDocument", ID_CARD, "Giấy tờ tùy thân", "Identity document"),
            npd(PartyRole.APPLICANT, "permanentResidence", PERMANENT_RESIDENCE, "Nơi thường trú", "Permanent residence"),
            npd(PartyRole.APPLICANT, "temporaryResidence", TEMPORARY_RESIDENCE, "Nơi tạm trú", "Temporary residence"),
            npd(PartyRole.APPLICANT, "currentResidence", CURRENT_RESIDENCE, "Nơi ở hiện tại", "Current residence"),
            npd(PartyRole.APPLICANT, "father", FATHER, "Họ và tên cha", "Father"),
            npd(PartyRole.APPLICANT, "mother", MOTHER, "Họ và tên mẹ", "Mother"),
            npd(PartyRole.APPLICANT, "spouse", SPOUSE, "Họ và tên vợ/chồng", "Spouse"),
            npd(PartyRole.APPLICANT, "phoneNumber", PHONE_NUMBER, "Số điện thoại", "Phone number"),
            npd(PartyRole.APPLICANT, "email", EMAIL, "Thư điện tử", "E-mail"),
            declared("residenceHistory", "Quá trình cư trú từ đủ 14 tuổi", "Residence history since age 14"),
            declared("occupationHistory", "Nghề nghiệp, nơi làm việc", "Occupation and workplace history"),
            declared("certificateType", "Loại Phiếu lý lịch tư pháp (số 1 / số 2)", "Certificate type (no. 1 / no. 2)"),
            declared("purpose", "Mục đích sử dụng Phiếu", "Purpose of the certificate"),
            declared("copies", "Số lượng Phiếu yêu cầu cấp", "Number of copies"));

    @Override
    public String nameVi() {
        return "Cấp Phiếu lý lịch tư pháp";
    }

    @Override
    public String nameEn() {
        return "Judicial record certificate";
    }

    @Override
    public String legalBasis() {
        return "Luật Lý lịch tư pháp 2009 (28/2009/QH12) Điều 41–48; Thông tư 06/2024/TT-BTP";
    }

    @Override
    public Optional<Integer> requiredIdentityLevel() {
        return Optional.of(2);
    }

    @Override
    public List<PartySpec> parties() {
        return parties;
    }

    @Override
    public List<FormField> formFields() {
        return form;
    }
}
