package vn.gov.dancu.sandbox.npd;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import vn.gov.dancu.gateway.citizen.Provinces;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Address;
import vn.gov.dancu.sandbox.npd.CitizenRecord.CodeName;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Gender;
import vn.gov.dancu.sandbox.npd.CitizenRecord.IdCard;
import vn.gov.dancu.sandbox.npd.CitizenRecord.LifeStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.MaritalStatus;
import vn.gov.dancu.sandbox.npd.Places.Ward;

/**
 * Generates ordinary households of the former Bình Phước area: couples with children, three
 * generations under one roof, single parents, people living alone. Everything comes from one
 * {@link SplittableRandom} consumed in a fixed order, so the same seed always yields the same
 * people. The data are "as of" {@link #REFERENCE_DATE}, not today, for the same reason.
 */
final class PopulationGenerator {

    /** The day the synthetic data describe; ages, cards and deaths are computed against it. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 6, 30);
    /** Bình Phước joined Đồng Nai and districts disappeared on this day. */
    static final LocalDate MERGER = LocalDate.of(2025, 7, 1);
    private static final LocalDate CHIP_CARDS_FROM = LocalDate.of(2021, 3, 1);
    private static final LocalDate IDENTITY_LAW_2023 = LocalDate.of(2024, 7, 1);

    /** Where settlers of the area were born, for people not born in Bình Phước. */
    private static final List<String> SETTLER_PROVINCES = List.of(
            "036", "034", "038", "040", "042", "051", "052", "001", "075", "079");
    private static final List<String> MOBILE_PREFIXES = List.of(
            "090", "091", "093", "094", "096", "097", "098", "086", "032", "033", "034", "035", "036",
            "037", "038", "039", "070", "079", "077", "081", "083", "084", "085", "088");

    /** One household being filled: its number, where it lives and in which era's units. */
    private record Home(String number, Address address, boolean after2025) {
    }

    private final SplittableRandom random;
    private final IdAllocator ids;
    private final List<PersonDraft> people = new ArrayList<>();
    private int households;

    PopulationGenerator(SplittableRandom random, IdAllocator ids) {
        this.random = random;
        this.ids = ids;
    }

    /** Adds whole households until at least {@code target} people exist, then their documents. */
    List<PersonDraft> generate(int target) {
        while (people.size() < target) {
            household();
        }
        // Documents last: cards and phones depend on life status, decided while households form.
        people.forEach(this::documents);
        legalRepresentatives();
        return people;
    }

    /**
     * One household of a randomly chosen shape. Its address is written in the units of the era
     * its records were last updated in: a little under half after the 2025 merger.
     */
    private void household() {
        Ward ward = VietnameseNames.pick(random, Places.BINH_PHUOC);
        boolean after2025 = random.nextInt(100) < 45;
        String line = Places.addressLine(random, ward);
        Home home = new Home(String.format("7%08d", 1_000_000 + ++households),
                after2025 ? ward.after2025(line) : ward.before2025(line), after2025);
        CodeName[] ethnicities = coupleEthnicities();
        // Shares of household shapes, roughly as in a rural south-eastern province.
        int roll = random.nextInt(100);
        if (roll < 55) {
            couple(home, ethnicities, 1950 + random.nextInt(52), true);
        } else if (roll < 70) {
            threeGenerations(home, ethnicities);
        } else if (roll < 80) {
            singleParent(home, ethnicities[0]);
        } else if (roll < 92) {
            livingAlone(home, ethnicities[0]);
        } else {
            couple(home, ethnicities, 1945 + random.nextInt(57), false);
        }
    }

    /** A married couple, the husband usually head, with the children still living at home. */
    private void couple(Home home, CodeName[] ethnicities, int husbandYear, boolean withChildren) {
        PersonDraft husband = person(Gender.MALE, birthDate(husbandYear), ethnicities[0], null, home);
        PersonDraft wife = person(Gender.FEMALE, birthDate(wifeYear(husbandYear)), ethnicities[1], null, home);
        PersonDraft.marry(husband, wife);
        // Older men die first often enough that a third of the oldest couples are widows.
        boolean widowed = husbandYear < 1956 && random.nextInt(100) < 35;
        if (widowed) {
            die(husband, wife, home, null);
        }
        // The dead leave the household; the widow becomes its head.
        PersonDraft head = widowed ? wife : husband;
        head.joinHousehold(home.number(), head, "Chủ hộ", home.address());
        if (!widowed) {
            wife.joinHousehold(home.number(), head, "Vợ", home.address());
        }
        if (withChildren) {
            children(home, husband, wife, head, "Con", random.nextInt(4));
        }
    }

    /** Grandparents as heads, a married son with his wife and their children ("Con dâu", "Cháu"). */
    private void threeGenerations(Home home, CodeName[] ethnicities) {
        int grandfatherYear = 1938 + random.nextInt(25);
        PersonDraft grandfather = person(Gender.MALE, birthDate(grandfatherYear), ethnicities[0], null, home);
        PersonDraft grandmother = person(Gender.FEMALE, birthDate(wifeYear(grandfatherYear)), ethnicities[1], null,
                home);
        PersonDraft.marry(grandfather, grandmother);
        boolean widowed = grandfatherYear < 1956 && random.nextInt(100) < 35;
        if (widowed) {
            die(grandfather, grandmother, home, null);
        }
        PersonDraft head = widowed ? grandmother : grandfather;
        head.joinHousehold(home.number(), head, "Chủ hộ", home.address());
        if (!widowed) {
            grandmother.joinHousehold(home.number(), head, "Vợ", home.address());
        }
        // The son who stayed: born when his mother was 22 to 35.
        LocalDate sonBirth = grandmother.birthDate.plusYears(22 + random.nextInt(14))
                .plusDays(random.nextInt(365));
        if (age(sonBirth) < 23) {
            // Too young to have a family of his own yet: an ordinary child of the house.
            children(home, grandfather, grandmother, head, "Con", 1 + random.nextInt(2));
            return;
        }
        PersonDraft son = child(home, grandfather, grandmother, Gender.MALE, sonBirth);
        son.joinHousehold(home.number(), head, "Con", home.address());
        // His wife is mostly of his own group; now and then a Kinh woman married in.
        int wifeYear = Math.min(wifeYear(sonBirth.getYear()), REFERENCE_DATE.getYear() - 20);
        PersonDraft daughterInLaw = person(Gender.FEMALE, birthDate(wifeYear),
                random.nextInt(10) == 0 ? Places.KINH : son.ethnicity, null, home);
        PersonDraft.marry(son, daughterInLaw);
        daughterInLaw.joinHousehold(home.number(), head, "Con dâu", home.address());
        children(home, son, daughterInLaw, head, "Cháu", random.nextInt(4));
    }

    /** A widowed or divorced parent heading a household with the children. */
    private void singleParent(Home home, CodeName ethnicity) {
        // Three single parents in four are mothers.
        boolean mother = random.nextInt(4) != 0;
        int year = 1965 + random.nextInt(34);
        int otherYear = mother ? year - random.nextInt(1, 6) : wifeYear(year);
        PersonDraft parent = person(mother ? Gender.FEMALE : Gender.MALE, birthDate(year), ethnicity, null, home);
        PersonDraft other = person(mother ? Gender.MALE : Gender.FEMALE, birthDate(otherYear), ethnicity, null, home);
        PersonDraft father = mother ? other : parent;
        PersonDraft motherDraft = mother ? parent : other;
        parent.joinHousehold(home.number(), parent, "Chủ hộ", home.address());
        LocalDate lastBirth = children(home, father, motherDraft, parent, "Con", 1 + random.nextInt(3));
        if (random.nextInt(5) < 3) {
            // Divorced: the other parent lives alone elsewhere in the province.
            parent.maritalStatus = MaritalStatus.DIVORCED;
            other.maritalStatus = MaritalStatus.DIVORCED;
            Ward ward = VietnameseNames.pick(random, Places.BINH_PHUOC);
            String line = Places.addressLine(random, ward);
            Home elsewhere = new Home(String.format("7%08d", 1_000_000 + ++households),
                    home.after2025() ? ward.after2025(line) : ward.before2025(line), home.after2025());
            other.joinHousehold(elsewhere.number(), other, "Chủ hộ", elsewhere.address());
        } else {
            PersonDraft.marry(father, motherDraft);
            die(other, parent, home, lastBirth);
        }
    }

    /** One person: an elderly widow(er), a divorcee or a young single adult. */
    private void livingAlone(Home home, CodeName ethnicity) {
        int year = 1940 + random.nextInt(65);
        Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        // Heads of a household of one are adults: at least 19 in the reference year.
        PersonDraft person = person(gender, birthDate(Math.min(year, REFERENCE_DATE.getYear() - 19)), ethnicity,
                null, home);
        if (year < 1960) {
            person.maritalStatus = MaritalStatus.WIDOWED;
        } else if (random.nextInt(10) == 0) {
            person.maritalStatus = MaritalStatus.DIVORCED;
        }
        person.joinHousehold(home.number(), person, "Chủ hộ", home.address());
    }

    /**
     * Up to {@code count} children born when the mother was 20–40; grown children over 28 have
     * moved out and are not generated. Answers the youngest child's birth date, or null.
     */
    private LocalDate children(Home home, PersonDraft father, PersonDraft mother, PersonDraft head, String relation,
                               int count) {
        // First child at 20–27, then one every one to four years while she is under 40.
        LocalDate next = mother.birthDate.plusYears(20 + random.nextInt(8)).plusDays(random.nextInt(365));
        LocalDate youngest = null;
        for (int i = 0; i < count; i++) {
            if (next.isAfter(REFERENCE_DATE) || next.isAfter(mother.birthDate.plusYears(40))) {
                break;
            }
            if (age(next) <= 28) {
                PersonDraft child = child(home, father, mother, random.nextBoolean() ? Gender.MALE : Gender.FEMALE,
                        next);
                child.joinHousehold(home.number(), head, relation, home.address());
                youngest = next;
            }
            next = next.plusYears(1 + random.nextInt(4)).plusDays(random.nextInt(200));
        }
        return youngest;
    }

    /** A child of the couple with the father's surname and hometown ("quê quán" follows the father). */
    private PersonDraft child(Home home, PersonDraft father, PersonDraft mother, Gender gender, LocalDate birth) {
        // Parents agree on the child's ethnicity; in practice mostly the father's.
        CodeName ethnicity = random.nextInt(10) < 8 ? father.ethnicity : mother.ethnicity;
        PersonDraft child = person(gender, birth, ethnicity, surnameOf(father), home);
        child.parents(father, mother);
        child.hometown = father.hometown;
        return child;
    }

    /**
     * Records a death after {@code notBefore} (the youngest child's birth, when there is one); the
     * survivor becomes WIDOWED and loses the spouse reference, the deceased keeps theirs.
     */
    private void die(PersonDraft deceased, PersonDraft survivor, Home home, LocalDate notBefore) {
        // Deaths fall in the NPD era (2005 on), after 25 and after the youngest child's birth.
        LocalDate latest = REFERENCE_DATE.minusDays(30);
        LocalDate earliest = latest(LocalDate.of(2005, 1, 1), deceased.birthDate.plusYears(25), notBefore);
        LocalDate death = between(earliest.isAfter(latest) ? latest.minusYears(1) : earliest, latest);
        deceased.lifeStatus = LifeStatus.DECEASED;
        deceased.dateOfDeath = death.toString();
        // The record keeps the last permanent residence as written; the dead live nowhere now.
        deceased.permanentResidence = home.address();
        deceased.currentResidence = null;
        survivor.maritalStatus = MaritalStatus.WIDOWED;
        survivor.spouse = null;
    }

    /** Minors are represented by their father, or by their mother when he is dead or unrecorded. */
    private void legalRepresentatives() {
        // Run after all households exist: a father's death may be decided after his children are born.
        java.util.Map<String, PersonDraft> byId = new java.util.HashMap<>();
        people.forEach(p -> byId.put(p.personalId, p));
        for (PersonDraft person : people) {
            if (age(person.birthDate) >= 18 || person.mother == null) {
                continue;
            }
            PersonDraft father = person.father == null ? null : byId.get(person.father.personalId());
            boolean fatherCan = father != null && father.lifeStatus == LifeStatus.ALIVE;
            person.legalRepresentative = fatherCan ? person.father : person.mother;
        }
    }

    /** A person with the attributes that do not depend on family links. */
    private PersonDraft person(Gender gender, LocalDate birth, CodeName ethnicity, String familySurname, Home home) {
        String province = birthProvince(birth, ethnicity);
        String surname = familySurname != null ? familySurname : VietnameseNames.surname(random, ethnicity, gender);
        String name = VietnameseNames.fullName(random, surname, ethnicity, gender, birth.getYear());
        // The number agrees with sex and birth year: only a persona contradicts its number.
        PersonDraft person = new PersonDraft(ids.allocate(province, gender, birth.getYear()), name, gender, birth);
        person.ethnicity = ethnicity;
        person.dateOfBirth = recordedBirthDate(birth);
        person.birthRegistrationPlace = birthRegistrationPlace(province, birth);
        person.hometown = hometown(province);
        // Sensitive fields are held for most people, so an answer without them proves they were not asked.
        person.religion = random.nextInt(100) < 85 ? religion(ethnicity) : null;
        person.bloodType = random.nextInt(100) < 60 ? bloodType() : null;
        person.updatedAt = updatedAt(home.after2025());
        people.add(person);
        return person;
    }

    /** Old records often keep only the year, sometimes year and month, of people born long ago. */
    private String recordedBirthDate(LocalDate birth) {
        if (birth.getYear() < 1960) {
            int roll = random.nextInt(100);
            if (roll < 8) {
                return String.valueOf(birth.getYear());
            }
            if (roll < 11) {
                return birth.toString().substring(0, 7);
            }
        }
        return birth.toString();
    }

    /**
     * The province that registered the birth: the area's own peoples in Bình Phước, northern
     * groups often in their home provinces, older Kinh often as settlers from the north and centre.
     */
    private String birthProvince(LocalDate birth, CodeName ethnicity) {
        // Births registered in the merged province from 2025-07-01 carry Đồng Nai's code.
        if (!birth.isBefore(MERGER)) {
            return "075";
        }
        int roll = random.nextInt(100);
        return switch (ethnicity.code()) {
            case "22", "20", "05" -> "070";
            case "02", "07" -> roll < 50 ? "070" : roll < 80 ? "020" : "004";
            case "04" -> roll < 50 ? "070" : "079";
            case "06", "03" -> roll < 50 ? "070" : "038";
            case "08", "09" -> roll < 60 ? "070" : "008";
            default -> birth.getYear() < 1990
                    ? (roll < 45 ? "070" : VietnameseNames.pick(random, SETTLER_PROVINCES))
                    : (roll < 85 ? "070" : roll < 90 ? "075" : roll < 95 ? "079"
                    : VietnameseNames.pick(random, SETTLER_PROVINCES));
        };
    }

    /** Where the birth was registered, in the units of that time; old wartime records often have none. */
    private Address birthRegistrationPlace(String province, LocalDate birth) {
        if (birth.getYear() < 1975 && random.nextInt(100) < 30) {
            return null;
        }
        if (province.equals("070") || province.equals("075") && !birth.isBefore(MERGER)) {
            Ward ward = VietnameseNames.pick(random, Places.BINH_PHUOC);
            return birth.isBefore(MERGER) ? ward.before2025(null) : ward.after2025(null);
        }
        return hometown(province);
    }

    /** The family's place of origin: a Bình Phước commune for locals, the settlers' home province otherwise. */
    private Address hometown(String province) {
        if (province.equals("070")) {
            return VietnameseNames.pick(random, Places.BINH_PHUOC).before2025(null);
        }
        Address known = Places.HOMETOWNS.get(province);
        if (known != null) {
            return known;
        }
        String name = Provinces.name(province).orElseThrow();
        return new Address("VN", Places.gsoCode(province), name, null, null, null, null, null);
    }

    /** Which couples form: mostly Kinh, the area's Xtiêng and Khmer, northern settlers, a few mixed. */
    private CodeName[] coupleEthnicities() {
        int roll = random.nextInt(1000);
        CodeName same = roll < 905 ? Places.KINH : roll < 930 ? Places.XTIENG : roll < 940 ? Places.KHMER
                : roll < 950 ? Places.TAY : roll < 958 ? Places.NUNG : roll < 966 ? Places.HOA
                : roll < 971 ? Places.MUONG : roll < 975 ? Places.MNONG : roll < 978 ? Places.HMONG
                : roll < 980 ? Places.DAO : roll < 983 ? Places.THAI : null;
        if (same != null) {
            return new CodeName[] {same, same};
        }
        CodeName minority = VietnameseNames.pick(random,
                List.of(Places.TAY, Places.NUNG, Places.XTIENG, Places.HOA, Places.MUONG));
        return random.nextBoolean()
                ? new CodeName[] {minority, Places.KINH} : new CodeName[] {Places.KINH, minority};
    }

    /** Religion by group: Xtiêng and Mnông often Protestant or Catholic, Khmer Theravada Buddhist. */
    private CodeName religion(CodeName ethnicity) {
        int roll = random.nextInt(100);
        return switch (ethnicity.code()) {
            case "22", "20" -> roll < 40 ? Places.NO_RELIGION : roll < 70 ? Places.PROTESTANTISM : Places.CATHOLICISM;
            case "05" -> roll < 90 ? Places.BUDDHISM : Places.NO_RELIGION;
            case "04" -> roll < 60 ? Places.BUDDHISM : Places.NO_RELIGION;
            case "01" -> roll < 50 ? Places.NO_RELIGION : roll < 72 ? Places.BUDDHISM : roll < 87 ? Places.CATHOLICISM
                    : roll < 92 ? Places.CAO_DAI : roll < 95 ? Places.HOA_HAO : Places.PROTESTANTISM;
            default -> roll < 70 ? Places.NO_RELIGION : Places.PROTESTANTISM;
        };
    }

    /** Roughly the Vietnamese distribution: O 42 %, B 31 %, A 21 %, AB 6 %. */
    private String bloodType() {
        int roll = random.nextInt(100);
        return roll < 42 ? "O" : roll < 73 ? "B" : roll < 94 ? "A" : "AB";
    }

    /** Cards, old CMND numbers, phones and e-mails, which depend on age and life status. */
    private void documents(PersonDraft person) {
        int age = age(person.birthDate);
        boolean alive = person.lifeStatus == LifeStatus.ALIVE;
        LocalDate lastDay = alive ? REFERENCE_DATE.minusDays(10) : LocalDate.parse(person.dateOfDeath).minusDays(1);
        person.idCard = issueCard(person.personalId, person.birthDate, lastDay);
        if (person.birthDate.getYear() <= 1997 && random.nextInt(100) < 55) {
            // The 9-digit CMND of the province's police (285 Bình Phước, 27 Đồng Nai).
            person.oldIdNumber = person.personalId.startsWith("075")
                    ? String.format("27%07d", random.nextInt(10_000_000))
                    : String.format("285%06d", random.nextInt(1_000_000));
        }
        if (alive && age >= 18 && age <= 80 && random.nextInt(100) < 75) {
            person.phoneNumber = VietnameseNames.pick(random, MOBILE_PREFIXES)
                    + String.format("%07d", random.nextInt(10_000_000));
        }
        if (alive && age >= 18 && age <= 50 && random.nextInt(100) < 30) {
            person.email = VietnameseNames.ascii(person.fullName) + (10 + random.nextInt(90)) + "@gmail.com";
        }
        if (alive && age >= 18 && age <= 40 && person.permanentResidence != null && random.nextInt(100) < 8) {
            // Working in Bình Dương, Hồ Chí Minh or Biên Hòa: a temporary residence where they live now,
            // written in the same era's units as the rest of the record.
            boolean after2025 = person.permanentResidence.districtCode() == null;
            List<Address> places = Places.WORK_PLACES.stream()
                    .filter(a -> (a.districtCode() == null) == after2025).toList();
            String room = "Phòng " + (101 + random.nextInt(30)) + ", khu nhà trọ số " + (1 + random.nextInt(60));
            person.temporaryResidence = VietnameseNames.pick(random, places).withAddressLine(room);
            person.currentResidence = person.temporaryResidence;
        }
        if (age >= 60 && random.nextInt(100) < 3) {
            String[] words = person.fullName.split(" ");
            person.otherNames = List.of(words[0] + " " + words[words.length - 1]);
        }
    }

    /**
     * The card a person would hold on {@code lastDay}: chip cards from March 2021 at the earliest
     * and from age 14; a card that expired before {@code lastDay} was renewed shortly before.
     */
    private IdCard issueCard(String number, LocalDate birth, LocalDate lastDay) {
        LocalDate earliest = birth.plusYears(14).isAfter(CHIP_CARDS_FROM) ? birth.plusYears(14) : CHIP_CARDS_FROM;
        if (earliest.isAfter(lastDay)) {
            return null;
        }
        LocalDate latest = earliest.plusYears(3).isBefore(lastDay) ? earliest.plusYears(3) : lastDay;
        IdCard card = idCard(number, birth, between(earliest, latest));
        while (card.expiryDate() != null && LocalDate.parse(card.expiryDate()).isBefore(lastDay)) {
            LocalDate renewed = LocalDate.parse(card.expiryDate()).minusDays(1 + random.nextInt(90));
            card = idCard(number, birth, renewed);
        }
        return card;
    }

    /**
     * A card issued on {@code issue}: valid until the 25th, 40th or 60th birthday, or for life
     * when issued within two years of 60 (Law on Identity 2023 Art. 21); issued by the police
     * department until June 2024 and by the Ministry of Public Security since.
     */
    static IdCard idCard(String number, LocalDate birth, LocalDate issue) {
        int ageAtIssue = Period.between(birth, issue).getYears();
        LocalDate expiry = ageAtIssue < 23 ? birth.plusYears(25) : ageAtIssue < 38 ? birth.plusYears(40)
                : ageAtIssue < 58 ? birth.plusYears(60) : null;
        String authority = issue.isBefore(IDENTITY_LAW_2023) ? Places.CARD_AUTHORITY_CCCD : Places.CARD_AUTHORITY_2024;
        return new IdCard(number, issue.toString(), expiry == null ? null : expiry.toString(), authority);
    }

    /** When the record was last written: before the merger for old-unit addresses, after it for new ones. */
    private String updatedAt(boolean after2025) {
        LocalDate from = after2025 ? MERGER : LocalDate.of(2021, 7, 1);
        LocalDate to = after2025 ? REFERENCE_DATE : MERGER.minusDays(1);
        return between(from, to).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(random.nextInt(86_400)).toString();
    }

    private static String surnameOf(PersonDraft person) {
        return person.fullName.strip().split("\\s+")[0];
    }

    /** The wife two years older to six younger than the husband, and at least 20 in the reference year. */
    private int wifeYear(int husbandYear) {
        return Math.min(husbandYear + random.nextInt(-2, 7), REFERENCE_DATE.getYear() - 20);
    }

    private LocalDate birthDate(int year) {
        return LocalDate.ofYearDay(year, 1 + random.nextInt(LocalDate.of(year, 1, 1).lengthOfYear()));
    }

    private LocalDate between(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(random.nextLong(days + 1));
    }

    private static LocalDate latest(LocalDate... dates) {
        LocalDate result = null;
        for (LocalDate date : dates) {
            if (date != null && (result == null || date.isAfter(result))) {
                result = date;
            }
        }
        return result;
    }

    static int age(LocalDate birth) {
        return Period.between(birth, REFERENCE_DATE).getYears();
    }
}
