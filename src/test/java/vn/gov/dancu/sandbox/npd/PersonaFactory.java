package vn.gov.dancu.sandbox.npd;

import static vn.gov.dancu.sandbox.npd.SandboxPersonas.*;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.gov.dancu.sandbox.npd.CitizenRecord.Address;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Gender;
import vn.gov.dancu.sandbox.npd.CitizenRecord.LifeStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.MaritalStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.RelatedPerson;
import vn.gov.dancu.sandbox.npd.Places.Ward;

/**
 * Builds the hand-made citizens behind {@link SandboxPersonas}, with their relatives, by hand and
 * without randomness: each one exists to show one awkward case, and every field that matters to
 * that case is set explicitly below. Relatives get fixed numbers too, so the whole story is
 * stable across versions of the generator.
 */
final class PersonaFactory {

    private static final String BEFORE_MERGER_UPDATE = "2025-03-02T10:00:00Z";
    private static final String AFTER_MERGER_UPDATE = "2025-09-15T03:20:00Z";
    private static final Ward TAN_PHU = ward("Phường Tân Phú");
    private static final Ward TAN_DONG = ward("Phường Tân Đồng");

    private final IdAllocator ids;
    private final List<PersonDraft> people = new ArrayList<>();
    private final Map<String, String> cancellations = new LinkedHashMap<>();
    private int households;

    PersonaFactory(IdAllocator ids) {
        this.ids = ids;
    }

    List<PersonDraft> build() {
        birthRegistrationFamily();
        parentsThatBlockSuggestions();
        imperfectRecords();
        lifeStatuses();
        cancelledNumbers();
        marriageCases();
        vneidCases(); // identity (issue 8)
        officerCatches();
        // A record last written after the merger uses the new units, and the other way round.
        people.stream()
                .filter(p -> p.permanentResidence != null && p.permanentResidence.districtCode() == null)
                .filter(p -> p.updatedAt.equals(BEFORE_MERGER_UPDATE))
                .forEach(p -> p.updatedAt = AFTER_MERGER_UPDATE);
        return people;
    }

    /** Cancelled number → its replacement, or null when the NPD does not know one. */
    Map<String, String> cancellations() {
        return cancellations;
    }

    /** MOTHER and FATHER with their two children and his mother; her parents, one the DECLARANT. */
    private void birthRegistrationFamily() {
        Address home = TAN_PHU.before2025("Số 12, đường Phú Riềng Đỏ");
        PersonDraft father = person(FATHER, "Trần Minh Tuấn", Gender.MALE, LocalDate.of(1989, 8, 20));
        father.hometown = Places.HOMETOWNS.get("038");
        father.bloodType = "A";
        father.oldIdNumber = "285198765";
        father.phoneNumber = "0912345678";
        father.email = "tranminhtuan89@gmail.com";
        PersonDraft mother = person(MOTHER, "Nguyễn Thị Lan", Gender.FEMALE, LocalDate.of(1990, 5, 12));
        mother.religion = Places.BUDDHISM;
        mother.bloodType = "O";
        mother.phoneNumber = "0987654321";
        PersonDraft.marry(father, mother);

        PersonDraft paternalGrandmother = person("070162003345", "Đinh Thị Nhàn", Gender.FEMALE,
                LocalDate.of(1962, 10, 1));
        paternalGrandmother.maritalStatus = MaritalStatus.WIDOWED;
        paternalGrandmother.hometown = father.hometown;
        paternalGrandmother.religion = Places.BUDDHISM;
        // His father died before the NPD existed: named on the record, no personal id.
        father.father = new RelatedPerson(null, "Trần Văn Lực", Places.VIETNAM);
        father.mother = paternalGrandmother.asRelated();

        PersonDraft son = child("070216004410", "Trần Gia Bảo", Gender.MALE, LocalDate.of(2016, 9, 2), father,
                mother);
        PersonDraft daughter = child("070320004411", "Trần Ngọc Diệp", Gender.FEMALE, LocalDate.of(2020, 12, 1),
                father, mother);
        String household = household(father, home);
        mother.joinHousehold(household, father, "Vợ", home);
        son.joinHousehold(household, father, "Con", home);
        daughter.joinHousehold(household, father, "Con", home);
        paternalGrandmother.joinHousehold(household, father, "Mẹ", home);

        // Her parents live a few streets away; their record was updated after the merger.
        Address parentsHome = TAN_DONG.after2025("Số 45, đường Hùng Vương");
        PersonDraft maternalGrandfather = person("070063002287", "Nguyễn Văn Thắng", Gender.MALE,
                LocalDate.of(1963, 7, 30));
        maternalGrandfather.hometown = Places.HOMETOWNS.get("036");
        maternalGrandfather.updatedAt = AFTER_MERGER_UPDATE;
        PersonDraft declarant = person(DECLARANT, "Lê Thị Hồng", Gender.FEMALE, LocalDate.of(1965, 2, 14));
        declarant.hometown = Places.HOMETOWNS.get("034");
        declarant.birthRegistrationPlace = null;
        // Her 2021 card expired on her 60th birthday; the 2025 card never expires.
        declarant.idCard = PopulationGenerator.idCard(DECLARANT, declarant.birthDate, LocalDate.of(2025, 1, 10));
        declarant.phoneNumber = "0367123456";
        declarant.updatedAt = AFTER_MERGER_UPDATE;
        PersonDraft.marry(maternalGrandfather, declarant);
        String parents = household(maternalGrandfather, parentsHome);
        declarant.joinHousehold(parents, maternalGrandfather, "Vợ", parentsHome);
        mother.parents(maternalGrandfather, declarant);
        mother.hometown = maternalGrandfather.hometown;
    }

    /** A Tày–Kinh couple, a mother married to a Korean national, a child with no father recorded. */
    private void parentsThatBlockSuggestions() {
        Address budang = ward("Thị trấn Đức Phong").after2025("Thôn 4");
        PersonDraft tay = person(MIXED_ETHNICITY_FATHER, "Hoàng Văn Sơn", Gender.MALE, LocalDate.of(1992, 11, 3));
        tay.ethnicity = Places.TAY;
        tay.hometown = Places.HOMETOWNS.get("020");
        tay.birthRegistrationPlace = Places.HOMETOWNS.get("020");
        PersonDraft kinh = person(MIXED_ETHNICITY_MOTHER, "Lê Thị Thu Trang", Gender.FEMALE,
                LocalDate.of(1995, 7, 21));
        PersonDraft.marry(tay, kinh);
        tay.updatedAt = AFTER_MERGER_UPDATE;
        kinh.updatedAt = AFTER_MERGER_UPDATE;
        kinh.joinHousehold(household(tay, budang), tay, "Vợ", budang);

        // The Korean husband is not a Vietnamese citizen, so the NPD names him without a number.
        RelatedPerson korean = new RelatedPerson(null, "KIM MIN JUN", Places.KOREA);
        Address chonThanh = ward("Phường Hưng Long").after2025("Số 8, đường Nguyễn Huệ");
        PersonDraft linh = person(MOTHER_WITH_FOREIGN_SPOUSE, "Trần Thị Mỹ Linh", Gender.FEMALE,
                LocalDate.of(1993, 8, 8));
        linh.maritalStatus = MaritalStatus.MARRIED;
        linh.spouse = korean;
        linh.updatedAt = AFTER_MERGER_UPDATE;
        PersonDraft ngoc = child(CHILD_WITH_FOREIGN_FATHER, "Kim Bảo Ngọc", Gender.FEMALE, LocalDate.of(2022, 6, 18),
                null, linh);
        ngoc.father = korean;
        ngoc.updatedAt = AFTER_MERGER_UPDATE;
        ngoc.joinHousehold(household(linh, chonThanh), linh, "Con", chonThanh);

        Address locNinh = ward("Thị trấn Lộc Ninh").before2025("Ấp 3");
        PersonDraft dung = person(UNMARRIED_MOTHER, "Nguyễn Thị Thùy Dung", Gender.FEMALE, LocalDate.of(1993, 1, 19));
        // With no father established the child takes the mother's surname (Civil Code Art. 26).
        PersonDraft khoi = child(CHILD_WITHOUT_FATHER, "Nguyễn Minh Khôi", Gender.MALE, LocalDate.of(2020, 3, 15),
                null, dung);
        khoi.joinHousehold(household(dung, locNinh), dung, "Con", locNinh);
    }

    /** Partial dates, NFD and badly spaced names, old tone marks, a number that contradicts its record. */
    private void imperfectRecords() {
        PersonDraft bay = person(YEAR_ONLY_BIRTH, "Đỗ Văn Bảy", Gender.MALE, LocalDate.of(1952, 1, 1));
        bay.dateOfBirth = "1952";
        bay.maritalStatus = MaritalStatus.WIDOWED;
        bay.birthRegistrationPlace = null;
        bay.hometown = Places.HOMETOWNS.get("040");
        bay.oldIdNumber = "285033817";
        alone(bay, ward("Phường Long Thủy").before2025("Tổ 5, khu phố 2"));

        PersonDraft mai = person(YEAR_MONTH_BIRTH, "Phan Thị Mai", Gender.FEMALE, LocalDate.of(1968, 3, 1));
        mai.dateOfBirth = "1968-03";
        mai.maritalStatus = MaritalStatus.WIDOWED;
        alone(mai, ward("Phường An Lộc").before2025("Số 77, đường Trần Hưng Đạo"));

        // "Hoà" with the new-style tone placement, then decomposed as some old records hold it.
        String nfd = Normalizer.normalize("Nguyễn Thị Ho\u00E0", Normalizer.Form.NFD);
        PersonDraft hoa = person(NFD_NAME, nfd, Gender.FEMALE, LocalDate.of(1985, 9, 9));
        hoa.maritalStatus = MaritalStatus.DIVORCED;
        alone(hoa, ward("Phường Tân Xuân").before2025("Số 201, đường Lê Duẩn"));

        PersonDraft nam = person(SPACED_NAME, "  Trần   Văn  Nam ", Gender.MALE, LocalDate.of(1978, 4, 2));
        alone(nam, ward("Xã Thuận Lợi").before2025("Ấp 6"));

        // "Hòa" with the old-style placement: the accent sits on the o.
        PersonDraft hoaOld = person(TONE_MARK_OLD_STYLE, "Lê Thị H\u00F2a", Gender.FEMALE, LocalDate.of(1987, 6, 6));
        hoaOld.bloodType = "B";
        alone(hoaOld, ward("Phường Minh Hưng").after2025("Số 3, đường Quốc lộ 14"));

        // The number says male, 1939; the record says female, 1994 (digits swapped at issue).
        PersonDraft thu = person(ID_DATA_INCONSISTENT, "Trịnh Thị Thu", Gender.FEMALE, LocalDate.of(1994, 1, 1));
        alone(thu, ward("Xã Phú Riềng").before2025("Thôn 2"));

        PersonDraft loc = person(OLD_ID_CARD_HOLDER, "Phan Văn Lộc", Gender.MALE, LocalDate.of(1970, 7, 7));
        loc.oldIdNumber = OLD_ID_CARD_NUMBER;
        loc.religion = Places.CATHOLICISM;
        alone(loc, ward("Phường Tiến Thành").before2025("Số 19, đường Lý Thường Kiệt"));
    }

    /** A recorded death with the widow, a missing man, and an old man alive in the NPD. */
    private void lifeStatuses() {
        Address home = ward("Xã Tiến Hưng").after2025("Ấp 1");
        PersonDraft tu = person(DECEASED, "Bùi Văn Tư", Gender.MALE, LocalDate.of(1948, 6, 15));
        PersonDraft sau = person("070151001112", "Nguyễn Thị Sáu", Gender.FEMALE, LocalDate.of(1951, 4, 4));
        PersonDraft.marry(tu, sau);
        tu.lifeStatus = LifeStatus.DECEASED;
        tu.dateOfDeath = "2025-10-03";
        tu.permanentResidence = home;
        tu.updatedAt = "2025-10-20T08:00:00Z";
        sau.maritalStatus = MaritalStatus.WIDOWED;
        sau.spouse = null;
        sau.updatedAt = tu.updatedAt;
        alone(sau, home);

        // Declared missing: no date of death, no household, the last permanent residence kept.
        PersonDraft hai = person(MISSING, "Hồ Văn Hải", Gender.MALE, LocalDate.of(1975, 12, 1));
        hai.lifeStatus = LifeStatus.MISSING;
        hai.permanentResidence = ward("Xã Bom Bo").before2025("Thôn 7");

        Address sonsHome = ward("Phường Thác Mơ").before2025("Tổ 2, khu phố 4");
        PersonDraft loi = person(ELDERLY_ALIVE, "Ngô Văn Lợi", Gender.MALE, LocalDate.of(1941, 1, 20));
        loi.maritalStatus = MaritalStatus.WIDOWED;
        loi.hometown = Places.HOMETOWNS.get("042");
        loi.birthRegistrationPlace = null;
        // He lives with his son, who heads the household.
        PersonDraft hieu = person("070068001942", "Ngô Văn Hiếu", Gender.MALE, LocalDate.of(1968, 11, 11));
        hieu.parents(loi, null);
        hieu.hometown = loi.hometown;
        loi.joinHousehold(household(hieu, sonsHome), hieu, "Cha", sonsHome);
    }

    /** The replacement of a cancelled number is an ordinary citizen; the cancelled numbers are nobody. */
    private void cancelledNumbers() {
        PersonDraft anh = person(REPLACEMENT, "Vũ Ngọc Anh", Gender.FEMALE, LocalDate.of(2005, 4, 10));
        alone(anh, ward("Phường Tân Bình").before2025("Số 60, đường Nguyễn Chí Thanh"));
        cancel(CANCELLED_WITH_REPLACEMENT, REPLACEMENT);
        cancel(CANCELLED_WITHOUT_REPLACEMENT, null);
        ids.reserve(NOT_IN_NPD);
    }

    /** A free bride and groom, a married man, half-siblings, and two minors with their parents. */
    private void marriageCases() {
        PersonDraft han = person(SINGLE_WOMAN, "Phạm Ngọc Hân", Gender.FEMALE, LocalDate.of(1998, 2, 17));
        han.email = "phamngochan98@gmail.com";
        alone(han, ward("Phường Tân Thiện").after2025("Số 15, đường Hoàng Văn Thụ"));
        PersonDraft bao = person(SINGLE_MAN, "Đặng Quốc Bảo", Gender.MALE, LocalDate.of(1996, 10, 5));
        alone(bao, ward("Phường Phước Bình").after2025("Tổ 9, khu phố 1"));

        Address phucHome = ward("Thị trấn Tân Khai").before2025("Ấp 2");
        // Married to Châu Thị Diễm, so any other bride is ALREADY_MARRIED.
        PersonDraft phuc = person(MARRIED_MAN, "Lý Văn Phúc", Gender.MALE, LocalDate.of(1986, 1, 25));
        PersonDraft diem = person("070188008081", "Châu Thị Diễm", Gender.FEMALE, LocalDate.of(1988, 9, 30));
        PersonDraft.marry(phuc, diem);
        diem.joinHousehold(household(phuc, phucHome), phuc, "Vợ", phucHome);

        // Võ Văn Tâm fathered the brother with his first wife and the sister with his second.
        PersonDraft tam = person("070070007000", "Võ Văn Tâm", Gender.MALE, LocalDate.of(1970, 2, 2));
        PersonDraft cuc = person("070172007001", "Lê Thị Cúc", Gender.FEMALE, LocalDate.of(1972, 5, 5));
        cuc.maritalStatus = MaritalStatus.DIVORCED;
        PersonDraft ha = person("070175007002", "Trần Thị Hà", Gender.FEMALE, LocalDate.of(1975, 8, 8));
        PersonDraft.marry(tam, ha);
        PersonDraft brother = child(SIBLING_BROTHER, "Võ Minh Khang", Gender.MALE, LocalDate.of(1997, 3, 30), tam,
                cuc);
        PersonDraft sister = child(SIBLING_SISTER, "Võ Thị Kim Ngân", Gender.FEMALE, LocalDate.of(1999, 12, 12), tam,
                ha);
        Address cucHome = ward("Xã Lộc Hưng").before2025("Ấp 5");
        brother.joinHousehold(household(cuc, cucHome), cuc, "Con", cucHome);
        Address tamHome = ward("Xã Lộc Thái").before2025("Ấp 8");
        String tamHousehold = household(tam, tamHome);
        ha.joinHousehold(tamHousehold, tam, "Vợ", tamHome);
        sister.joinHousehold(tamHousehold, tam, "Con", tamHome);

        // The minors live with both parents, who are in the NPD like any family.
        PersonDraft tai = person("070080009088", "Huỳnh Văn Tài", Gender.MALE, LocalDate.of(1980, 6, 1));
        PersonDraft bich = person("070182009089", "Lê Thị Ngọc Bích", Gender.FEMALE, LocalDate.of(1982, 3, 1));
        family(tai, bich, child(UNDERAGE_GIRL, "Huỳnh Thanh Trúc", Gender.FEMALE, LocalDate.of(2011, 4, 18), tai,
                bich), ward("Xã Bù Gia Mập").before2025("Thôn 3"));
        PersonDraft hau = person("070079009188", "Dương Văn Hậu", Gender.MALE, LocalDate.of(1979, 6, 1));
        PersonDraft kieu = person("070181009189", "Nguyễn Thị Kiều", Gender.FEMALE, LocalDate.of(1981, 3, 1));
        family(hau, kieu, child(UNDERAGE_BOY, "Dương Gia Huy", Gender.MALE, LocalDate.of(2009, 9, 1), hau, kieu),
                ward("Thị trấn Thanh Bình").after2025("Khu phố Thanh Xuân"));
    }

    /**
     * Issue 10: a temporary resident, a stale spouse link, three generations for the kinship bar,
     * an impossible date of death, a household head for the death group, a split ward.
     */
    private void officerCatches() {
        PersonDraft thuy = person(TEMPORARY_RESIDENT, "Cao Thị Bích Thủy", Gender.FEMALE, LocalDate.of(1994, 4, 4));
        thuy.temporaryResidence = new Address("VN", "75", "Đồng Nai", null, null, "26068", "Phường Trấn Biên",
                "Số 5, đường Phan Chu Trinh");
        thuy.currentResidence = thuy.temporaryResidence;
        thuy.updatedAt = AFTER_MERGER_UPDATE;

        PersonDraft khai = person(DIVORCED_WITH_STALE_LINK, "Tạ Văn Khải", Gender.MALE, LocalDate.of(1984, 2, 2));
        PersonDraft lien = person("070186010203", "Đinh Thị Liên", Gender.FEMALE, LocalDate.of(1986, 3, 3));
        PersonDraft.marry(khai, lien);
        // The divorce reached the marital status but not the spouse links.
        khai.maritalStatus = MaritalStatus.DIVORCED;
        lien.maritalStatus = MaritalStatus.DIVORCED;
        alone(khai, ward("Xã Thuận Lợi").before2025("Ấp 2"));
        alone(lien, ward("Phường Tân Xuân").before2025("Số 9, đường Lê Duẩn"));

        Address lamHome = ward("Phường An Lộc").before2025("Số 30, đường Trần Hưng Đạo");
        PersonDraft duc = person(KIN_GRANDFATHER, "Lâm Văn Đức", Gender.MALE, LocalDate.of(1940, 3, 3));
        PersonDraft anh = person("070142010301", "Trương Thị Ánh", Gender.FEMALE, LocalDate.of(1942, 1, 12));
        PersonDraft.marry(duc, anh);
        anh.lifeStatus = LifeStatus.DECEASED;
        anh.dateOfDeath = "2020-11-20";
        anh.maritalStatus = MaritalStatus.MARRIED;
        duc.maritalStatus = MaritalStatus.WIDOWED;
        duc.spouse = null;
        alone(duc, lamHome);
        PersonDraft hoa = child(KIN_UNCLE, "Lâm Văn Hòa", Gender.MALE, LocalDate.of(1965, 6, 6), duc, anh);
        PersonDraft yen = person("070167010303", "Phạm Thị Yến", Gender.FEMALE, LocalDate.of(1967, 2, 2));
        hoa.maritalStatus = MaritalStatus.DIVORCED;
        yen.maritalStatus = MaritalStatus.DIVORCED;
        PersonDraft thanh = child(KIN_MOTHER, "Lâm Thị Thanh", Gender.FEMALE, LocalDate.of(1968, 8, 8), duc, anh);
        PersonDraft manh = person("070066010305", "Đoàn Văn Mạnh", Gender.MALE, LocalDate.of(1966, 5, 5));
        PersonDraft viet = child(KIN_COUSIN_MAN, "Lâm Quốc Việt", Gender.MALE, LocalDate.of(1995, 9, 9), hoa, yen);
        PersonDraft mai = child(KIN_COUSIN_WOMAN, "Đoàn Thị Ngọc Mai", Gender.FEMALE, LocalDate.of(1997, 7, 7), manh,
                thanh);
        String hoaHome = household(hoa, ward("Phường Hưng Chiến").before2025("Tổ 3, khu phố 1"));
        viet.joinHousehold(hoaHome, hoa, "Con", hoa.permanentResidence);
        alone(yen, ward("Phường Hưng Chiến").before2025("Tổ 7, khu phố 2"));
        family(manh, thanh, mai, ward("Xã Tiến Hưng").after2025("Ấp 4"));

        PersonDraft tin = person(DEATH_BEFORE_BIRTH, "Mai Văn Tín", Gender.MALE, LocalDate.of(1950, 5, 5));
        tin.lifeStatus = LifeStatus.DECEASED;
        tin.dateOfDeath = "1949-01-01"; // a keying error the officer has corrected
        tin.maritalStatus = MaritalStatus.WIDOWED;
        alone(tin, ward("Xã Phú Riềng").before2025("Thôn 5"));

        PersonDraft tho = person(HOUSEHOLD_HEAD, "Quách Văn Thọ", Gender.MALE, LocalDate.of(1945, 4, 5));
        PersonDraft nga = person("070147010501", "Lưu Thị Nga", Gender.FEMALE, LocalDate.of(1947, 10, 10));
        PersonDraft.marry(tho, nga);
        Address thoHome = ward("Phường Tân Thiện").before2025("Số 88, đường Hoàng Văn Thụ");
        nga.joinHousehold(household(tho, thoHome), tho, "Vợ", thoHome);

        PersonDraft tuyet = person(SPLIT_WARD_RESIDENT, "Hà Thị Tuyết", Gender.FEMALE, LocalDate.of(1988, 8, 18));
        alone(tuyet, new Address("VN", "75", "Đồng Nai", "741", "Huyện Xuân Lộc", "26449", "Xã Xuân Tâm", "Ấp 1"));
    }

    /** A married couple and their child in one household headed by the father. */
    private void family(PersonDraft father, PersonDraft mother, PersonDraft child, Address home) {
        PersonDraft.marry(father, mother);
        String household = household(father, home);
        mother.joinHousehold(household, father, "Vợ", home);
        child.joinHousehold(household, father, "Con", home);
    }

    /** A Kinh citizen born in Bình Phước with the fields every adult record carries. */
    private PersonDraft person(String id, String name, Gender gender, LocalDate birth) {
        // Reserving fails loudly if two personas were given one number.
        ids.reserve(id);
        PersonDraft person = new PersonDraft(id, name, gender, birth);
        person.ethnicity = Places.KINH;
        person.religion = Places.NO_RELIGION;
        person.birthRegistrationPlace = TAN_PHU.before2025(null);
        person.hometown = TAN_PHU.before2025(null);
        person.updatedAt = BEFORE_MERGER_UPDATE;
        // Everyone from 14 holds a chip card: issued in the 2021 campaign, or soon after turning 14.
        if (PopulationGenerator.age(birth) >= 14) {
            LocalDate issue = birth.plusYears(14).isAfter(LocalDate.of(2021, 4, 1))
                    ? birth.plusYears(14).plusMonths(2) : LocalDate.of(2021, 4, 15);
            person.idCard = PopulationGenerator.idCard(id, birth, issue);
            // A card that reached its expiry birthday was renewed a month before it.
            while (person.idCard.expiryDate() != null
                    && LocalDate.parse(person.idCard.expiryDate()).isBefore(PopulationGenerator.REFERENCE_DATE)) {
                issue = LocalDate.parse(person.idCard.expiryDate()).minusMonths(1);
                person.idCard = PopulationGenerator.idCard(id, birth, issue);
            }
        }
        people.add(person);
        return person;
    }

    /** A persona's child: hometown and, for a minor, legal representative from the father, else the mother. */
    private PersonDraft child(String id, String name, Gender gender, LocalDate birth, PersonDraft father,
                              PersonDraft mother) {
        PersonDraft child = person(id, name, gender, birth);
        child.parents(father, mother);
        PersonDraft origin = father != null ? father : mother;
        child.hometown = origin.hometown;
        if (PopulationGenerator.age(birth) < 18) {
            child.legalRepresentative = origin.asRelated();
        }
        return child;
    }

    /** Makes {@code head} the head of a new household at {@code address}; answers its number. */
    private String household(PersonDraft head, Address address) {
        String number = String.format("7000%05d", ++households);
        head.joinHousehold(number, head, "Chủ hộ", address);
        return number;
    }

    /** A household of one, for personas whose relatives do not matter to their case. */
    /** VNeID accounts that are not the ordinary level 2 (issue 8): one locked, one only level 1. */
    private void vneidCases() {
        PersonDraft khoa = person(VNEID_LOCKED, "Trương Văn Khoa", Gender.MALE, LocalDate.of(1980, 4, 4));
        alone(khoa, ward("Phường Tân Phú").before2025("Số 5, đường Trần Hưng Đạo"));
        PersonDraft nhung = person(VNEID_LEVEL_1, "Mai Thị Nhung", Gender.FEMALE, LocalDate.of(1994, 9, 9));
        alone(nhung, ward("Phường Tân Thiện").after2025("Số 21, đường Lê Lợi"));
    }

    private void alone(PersonDraft person, Address address) {
        household(person, address);
    }

    /** A cancelled number holds no record; it only maps to its replacement, if any. */
    private void cancel(String cancelled, String replacement) {
        ids.reserve(cancelled);
        cancellations.put(cancelled, replacement);
    }

    /** A ward of the catalogue by name, so the personas read as places, not indexes. */
    private static Ward ward(String name) {
        return Places.BINH_PHUOC.stream().filter(w -> w.wardName().equals(name)).findFirst().orElseThrow();
    }
}
