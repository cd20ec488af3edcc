package vn.gov.dancu.sandbox.npd;

/**
 * The personal identification numbers of the sandbox's hand-made citizens: one per awkward case
 * the gateway must handle. They are fixed forever (tests, the README and vendors' curl scripts
 * quote them), and every one except the cancelled and unknown numbers answers a lookup with
 * 200. The rest of the population is generated around them.
 *
 * <p>Birth dates are chosen so each persona keeps its meaning for years: the minors stay under
 * marriage age until 2029, the adults are well over it.
 */
public final class SandboxPersonas {

    // --- a birth registration: both parents, the declarant, the household -------------------

    /**
     * Nguyễn Thị Lan, Kinh, FEMALE, born 1990-05-12: the mother of a birth registration.
     * Married to {@link #FATHER}; lives in his five-member household at a pre-2025 address
     * (Phường Tân Phú, Thành phố Đồng Xoài, province 70 Bình Phước, with district 689).
     * Religion and blood type are recorded, so a test can prove they are never requested.
     */
    public static final String MOTHER = "070190004521";

    /**
     * Trần Minh Tuấn, Kinh, MALE, born 1989-08-20: the father; spouse of {@link #MOTHER} and head
     * ("Chủ hộ") of their household of five (wife, two children, his widowed mother). Both parents
     * Kinh, so the child's ethnicity can be suggested; their hometowns differ.
     */
    public static final String FATHER = "070089001234";

    /**
     * Lê Thị Hồng, Kinh, FEMALE, born 1965-02-14, ALIVE: the mother's mother, a generic declarant
     * with a full date of birth and an identity card (re-issued in 2025 without expiry). Her
     * address is written in post-2025 units (province 75 Đồng Nai, no district).
     */
    public static final String DECLARANT = "070165002288";

    // --- parents that make suggestions impossible or awkward --------------------------------

    /** Hoàng Văn Sơn, Tày (02), MALE, born 1992-11-03 in Lạng Sơn: married to {@link #MIXED_ETHNICITY_MOTHER}. */
    public static final String MIXED_ETHNICITY_FATHER = "020092003131";

    /**
     * Lê Thị Thu Trang, Kinh (01), FEMALE, born 1995-07-21: with {@link #MIXED_ETHNICITY_FATHER}, parents
     * of different ethnicity, so no ethnicity suggestion.
     */
    public static final String MIXED_ETHNICITY_MOTHER = "070195003132";

    /**
     * Trần Thị Mỹ Linh, FEMALE, born 1993-08-08, MARRIED to a Korean national who is not in the NPD:
     * her spouse reference has no personal id and nationality {"KR","Hàn Quốc"}.
     */
    public static final String MOTHER_WITH_FOREIGN_SPOUSE = "070193004040";

    /** Kim Bảo Ngọc, FEMALE, born 2022-06-18, Vietnamese: her father is that Korean national (no personal id). */
    public static final String CHILD_WITH_FOREIGN_FATHER = "070322004041";

    /**
     * Nguyễn Minh Khôi, MALE, born 2020-03-15: no father recorded ({@code father} null); his mother is
     * in the NPD and he carries her surname.
     */
    public static final String CHILD_WITHOUT_FATHER = "070220003030";

    // --- dates and names the NPD holds imperfectly ------------------------------------------

    /** Đỗ Văn Bảy, MALE: date of birth "1952" (year only), as old records often hold. */
    public static final String YEAR_ONLY_BIRTH = "070052001952";

    /** Phan Thị Mai, FEMALE: date of birth "1968-03" (year and month only). */
    public static final String YEAR_MONTH_BIRTH = "070168001968";

    /** "Nguyễn Thị Hoà" stored in Unicode NFD (decomposed): not equal to its NFC form until normalised. */
    public static final String NFD_NAME = "070185006789";

    /** "  Trần   Văn  Nam " stored with leading, trailing and doubled spaces. */
    public static final String SPACED_NAME = "070078004242";

    /**
     * "Lê Thị Hòa" with the old tone-mark placement (hòa); a claim "Lê Thị Hoà" (new style) is a
     * different string even after NFC, so exact comparison says MISMATCH.
     */
    public static final String TONE_MARK_OLD_STYLE = "070187005151";

    /**
     * Trịnh Thị Thu: the record says FEMALE born 1994-01-01, but the number's digits say male born
     * 1939 (a transposed year and a wrong sex digit): ID_DATA_INCONSISTENT.
     */
    public static final String ID_DATA_INCONSISTENT = "070039005512";

    /** Phan Văn Lộc, MALE, born 1970-07-07: his oldIdNumber is the 9-digit CMND {@value #OLD_ID_CARD_NUMBER}. */
    public static final String OLD_ID_CARD_HOLDER = "070070005858";

    /** The 9-digit CMND of {@link #OLD_ID_CARD_HOLDER}; not a personal id, the NPD answers 400 INVALID_ID for it. */
    public static final String OLD_ID_CARD_NUMBER = "285104721";

    // --- life status -------------------------------------------------------------------------

    /** Bùi Văn Tư, MALE, born 1948-06-15: DECEASED on 2025-10-03 (death already recorded). */
    public static final String DECEASED = "070048001111";

    /** Hồ Văn Hải, MALE, born 1975-12-01: lifeStatus MISSING, no date of death. */
    public static final String MISSING = "070075002222";

    /** Ngô Văn Lợi, MALE, born 1941-01-20, ALIVE and WIDOWED: the subject of a death registration not yet recorded. */
    public static final String ELDERLY_ALIVE = "070041001941";

    // --- numbers that do not lead to a record ------------------------------------------------

    /** A cancelled number (sex digit was wrong): 410 ID_CANCELLED with replacedBy {@link #REPLACEMENT}. */
    public static final String CANCELLED_WITH_REPLACEMENT = "070205003310";

    /** Vũ Ngọc Anh, FEMALE, born 2005-04-10: the valid number that replaced {@link #CANCELLED_WITH_REPLACEMENT}. */
    public static final String REPLACEMENT = "070305007788";

    /** A cancelled number (issued twice) whose replacement the NPD does not know: 410 without replacedBy. */
    public static final String CANCELLED_WITHOUT_REPLACEMENT = "070087009999";

    /** Structurally valid (passes the 12-digit, province and century checks) but held by nobody: 404. */
    public static final String NOT_IN_NPD = "070195000000";

    // --- marriage registration ---------------------------------------------------------------

    /** Phạm Ngọc Hân, FEMALE, born 1998-02-17, SINGLE: a bride for a valid marriage with {@link #SINGLE_MAN}. */
    public static final String SINGLE_WOMAN = "070198006060";

    /** Đặng Quốc Bảo, MALE, born 1996-10-05, SINGLE: a groom for a valid marriage with {@link #SINGLE_WOMAN}. */
    public static final String SINGLE_MAN = "070096006161";

    /** Lý Văn Phúc, MALE, born 1986-01-25: MARRIED to someone else, so marrying anyone is ALREADY_MARRIED. */
    public static final String MARRIED_MAN = "070086008080";

    /**
     * Võ Minh Khang, MALE, born 1997-03-30, SINGLE: half-brother of {@link #SIBLING_SISTER} (same father,
     * different mothers).
     */
    public static final String SIBLING_BROTHER = "070097007070";

    /** Võ Thị Kim Ngân, FEMALE, born 1999-12-12, SINGLE: shares a father with {@link #SIBLING_BROTHER}. */
    public static final String SIBLING_SISTER = "070199007171";

    /** Huỳnh Thanh Trúc, FEMALE, born 2011-04-18: under 18, so under marriage age until 2029. */
    public static final String UNDERAGE_GIRL = "070311009090";

    /** Dương Gia Huy, MALE, born 2009-09-01: under 20, so under marriage age until 2029. */
    public static final String UNDERAGE_BOY = "070209009191";

    // --- VNeID accounts (identity, issue 8) ---------------------------------------------------

    /**
     * Trương Văn Khoa, MALE, born 1980-04-04: his VNeID account is locked, so redeeming his QR code
     * answers 423 ACCOUNT_LOCKED (the gateway: 423 IDENTITY_ACCOUNT_LOCKED).
     */
    public static final String VNEID_LOCKED = "070080005050";

    /**
     * Mai Thị Nhung, FEMALE, born 1994-09-09: a VNeID account of level 1 only, so a judicial record
     * with her proof has IDENTITY_LEVEL_TOO_LOW. Every other persona holds a level-2 account.
     */
    public static final String VNEID_LEVEL_1 = "070194005353";

    // --- issue 10, what an officer would catch (domain) ------------------------------------

    /**
     * Nguyễn Thị Thùy Dung, FEMALE, born 1993-01-19, SINGLE: the mother of {@link #CHILD_WITHOUT_FATHER},
     * head of her own household. With {@link #SINGLE_MAN} as the father of a new child:
     * PATERNITY_RECOGNITION_NEEDED (unmarried mother) and, in the interlinked group, two households.
     */
    public static final String UNMARRIED_MOTHER = "070193003029";

    /**
     * Cao Thị Bích Thủy, FEMALE, born 1994-04-04: no permanent residence, a temporary one in Phường
     * Trấn Biên (Đồng Nai), so the forms' "Nơi cư trú" comes from {@code temporaryResidence}.
     */
    public static final String TEMPORARY_RESIDENT = "070194010101";

    /**
     * Tạ Văn Khải, MALE, born 1984-02-02, DIVORCED, whose record still links his former wife
     * (a stale spouse link): ALREADY_MARRIED as a WARNING, not an ERROR.
     */
    public static final String DIVORCED_WITH_STALE_LINK = "070084010202";

    /**
     * Lâm Văn Đức, MALE, born 1940-03-03, WIDOWED: the grandfather of a family of three generations
     * (his wife Trương Thị Ánh died in 2020). Father of {@link #KIN_UNCLE} and Lâm Thị Thanh,
     * grandfather of {@link #KIN_COUSIN_MAN} and {@link #KIN_COUSIN_WOMAN}.
     */
    public static final String KIN_GRANDFATHER = "070040010300";

    /** Lâm Văn Hòa, MALE, born 1965-06-06, DIVORCED (no spouse link): son of {@link #KIN_GRANDFATHER}. */
    public static final String KIN_UNCLE = "070065010302";

    /**
     * Lâm Thị Thanh, FEMALE, born 1968-08-08: daughter of {@link #KIN_GRANDFATHER}, married to Đoàn Văn
     * Mạnh, mother of {@link #KIN_COUSIN_WOMAN}.
     */
    public static final String KIN_MOTHER = "070168010304";

    /** Lâm Quốc Việt, MALE, born 1995-09-09, SINGLE: son of {@link #KIN_UNCLE}. */
    public static final String KIN_COUSIN_MAN = "070095010306";

    /** Đoàn Thị Ngọc Mai, FEMALE, born 1997-07-07, SINGLE: daughter of {@link #KIN_MOTHER}; first cousin of {@link #KIN_COUSIN_MAN}. */
    public static final String KIN_COUSIN_WOMAN = "070197010307";

    /** Mai Văn Tín, MALE, born 1950-05-05, DECEASED with a recorded date of death 1949-01-01: DATE_OF_DEATH_INVALID. */
    public static final String DEATH_BEFORE_BIRTH = "070050010400";

    /**
     * Quách Văn Thọ, MALE, born 1945-04-05, ALIVE in the NPD, MARRIED to Lưu Thị Nga (070147010501):
     * head of their household; in the death group HOUSEHOLD_HEAD_DECEASED and the spouse as a
     * possible funeral-allowance recipient.
     */
    public static final String HOUSEHOLD_HEAD = "070045010500";

    /**
     * Hà Thị Tuyết, FEMALE, born 1988-08-18: lives in Xã Xuân Tâm, Huyện Xuân Lộc (old Đồng Nai, ward
     * 26449), written before 2025: the ward was split between Xã Xuân Hòa and Xã Xuân Đông.
     */
    public static final String SPLIT_WARD_RESIDENT = "070188010600";

    private SandboxPersonas() {
    }
}
