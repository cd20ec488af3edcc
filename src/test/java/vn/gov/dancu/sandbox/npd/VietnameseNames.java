package vn.gov.dancu.sandbox.npd;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import vn.gov.dancu.sandbox.npd.CitizenRecord.CodeName;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Gender;

/**
 * Name parts for the synthetic population: surname, middle name(s), given name, in the order
 * Vietnamese writes them. Each ethnic group gets its own naming habits (Xtiêng men are "Điểu …",
 * H'Mông men carry the middle name "A"), because a model that only knows Kinh names tests less
 * than it seems. Every name leaves here in NFC; the NFD and spacing traps are made on purpose
 * in {@link PersonaFactory}, never by accident.
 */
final class VietnameseNames {

    /** How one ethnic group forms names; an empty middle list means the group uses none. */
    private record Habit(List<String> maleSurnames, List<String> femaleSurnames, List<String> maleMiddles,
                         List<String> femaleMiddles, List<String> maleGivens, List<String> femaleGivens) {
    }

    /**
     * Kinh surnames, each repeated by its rough weight in the south-east (Nguyễn about a third;
     * Huỳnh and Võ, the southern forms of Hoàng and Vũ, more common than in the north).
     */
    private static final List<String> KINH_SURNAMES = weighted(Map.ofEntries(
            Map.entry("Nguyễn", 31), Map.entry("Trần", 11), Map.entry("Lê", 9), Map.entry("Phạm", 6),
            Map.entry("Huỳnh", 4), Map.entry("Hoàng", 2), Map.entry("Phan", 4), Map.entry("Võ", 4),
            Map.entry("Vũ", 2), Map.entry("Đặng", 2), Map.entry("Bùi", 2), Map.entry("Đỗ", 2),
            Map.entry("Hồ", 1), Map.entry("Ngô", 1), Map.entry("Dương", 1), Map.entry("Lý", 1),
            Map.entry("Đinh", 1), Map.entry("Trương", 1), Map.entry("Mai", 1), Map.entry("Lâm", 1),
            Map.entry("Cao", 1), Map.entry("Đoàn", 1), Map.entry("Trịnh", 1), Map.entry("Lương", 1)));

    private static final List<String> MALE_GIVENS = List.of(
            "Nam", "Hùng", "Dũng", "Tuấn", "Minh", "Hoàng", "Long", "Phúc", "Quân", "Khang", "Bảo", "Huy",
            "Đức", "Thành", "Sơn", "Hải", "Tùng", "Trung", "Kiên", "Thắng", "Cường", "Tài", "Lộc", "Phát",
            "Tâm", "An", "Khoa", "Vinh", "Nghĩa", "Hiếu", "Thịnh", "Đạt", "Hưng", "Quang", "Toàn", "Tú",
            "Duy", "Lâm", "Phong", "Nhân", "Tín", "Lợi", "Bình", "Hòa", "Thuận", "Khôi");

    private static final List<String> FEMALE_GIVENS = List.of(
            "Lan", "Hương", "Hoa", "Mai", "Linh", "Trang", "Thảo", "Ngọc", "Hà", "Nhung", "Yến", "Hằng",
            "Phương", "Anh", "Vy", "Hân", "Như", "Nhi", "Trâm", "Uyên", "Thủy", "Loan", "Dung", "Tuyết",
            "Hạnh", "Hiền", "Trinh", "Thư", "Giang", "Vân", "Quyên", "Oanh", "Diễm", "Châu", "My", "Ngân",
            "Xuân", "Liên", "Huyền", "Thúy", "Nga", "Tâm", "Hồng", "Cúc", "Đào", "Lệ");

    private static final List<String> MODERN_MALE_MIDDLES = List.of(
            "Minh", "Quốc", "Gia", "Đức", "Thanh", "Hoàng", "Anh", "Bảo", "Hữu", "Công", "Ngọc", "Trọng");
    private static final List<String> MODERN_FEMALE_MIDDLES = List.of(
            "Ngọc", "Thanh", "Thu", "Bảo", "Kim", "Phương", "Mỹ", "Khánh", "Hoài", "Thảo", "Minh", "Diệu");
    private static final List<String> VAN = List.of("Văn");
    private static final List<String> THI = List.of("Thị");
    private static final List<String> NONE = List.of();

    private static final Habit KINH_HABIT = new Habit(KINH_SURNAMES, KINH_SURNAMES, VAN, THI, MALE_GIVENS,
            FEMALE_GIVENS);

    private static final Map<String, Habit> HABITS = Map.of(
            Places.TAY.code(), new Habit(List.of("Hoàng", "Nông", "Hà", "Lương", "Bế", "Mã"),
                    List.of("Hoàng", "Nông", "Hà", "Lương", "Bế", "Mã"), VAN, THI, MALE_GIVENS, FEMALE_GIVENS),
            Places.NUNG.code(), new Habit(List.of("Hoàng", "Lục", "Nông", "Lăng", "Vi", "Triệu"),
                    List.of("Hoàng", "Lục", "Nông", "Lăng", "Vi", "Triệu"), VAN, THI, MALE_GIVENS, FEMALE_GIVENS),
            Places.THAI.code(), new Habit(List.of("Lò", "Lường", "Cầm", "Quàng", "Vi"),
                    List.of("Lò", "Lường", "Cầm", "Quàng", "Vi"), VAN, THI, MALE_GIVENS, FEMALE_GIVENS),
            Places.HOA.code(), new Habit(List.of("Lý", "Trương", "Quách", "Lâm", "Lưu", "Tăng"),
                    List.of("Lý", "Trương", "Quách", "Lâm", "Lưu", "Tăng"), List.of("Quốc", "Gia", "Vĩnh"),
                    List.of("Mỹ", "Tú", "Lệ"), MALE_GIVENS, FEMALE_GIVENS),
            Places.KHMER.code(), new Habit(List.of("Thạch", "Danh", "Sơn", "Kim", "Chau"),
                    List.of("Thạch", "Danh", "Sơn", "Kim", "Chau"), NONE, THI,
                    List.of("Sóc", "Phol", "Chanh", "Rết", "Sa Rây", "Sơ Phi"),
                    List.of("Sa Ly", "Sa Vy", "Thy", "Sà Rươl", "Chanh Thy")),
            Places.MUONG.code(), new Habit(List.of("Bùi", "Quách", "Đinh", "Hà", "Xa"),
                    List.of("Bùi", "Quách", "Đinh", "Hà", "Xa"), VAN, THI, MALE_GIVENS, FEMALE_GIVENS),
            Places.HMONG.code(), new Habit(List.of("Giàng", "Sùng", "Vàng", "Thào", "Mùa"),
                    List.of("Giàng", "Sùng", "Vàng", "Thào", "Mùa"), List.of("A"), THI,
                    List.of("Páo", "Chúa", "Sử", "Dế", "Chơ"), List.of("Mỷ", "Dợ", "Súa", "Say", "Pằng")),
            Places.DAO.code(), new Habit(List.of("Triệu", "Bàn", "Đặng", "Lý"),
                    List.of("Triệu", "Bàn", "Đặng", "Lý"), VAN, THI, MALE_GIVENS, FEMALE_GIVENS),
            // Xtiêng and Mnông men are "Điểu …" and women "Thị …": the first word marks sex, not family.
            Places.XTIENG.code(), new Habit(List.of("Điểu"), List.of("Thị"), NONE, NONE,
                    List.of("Lên", "Brơi", "Ong", "Kré", "Xiêm", "Đăng", "Bình", "Điều"),
                    List.of("Hạnh", "Bích", "Rin", "Nhi", "Hương", "Bé", "Liễu")),
            Places.MNONG.code(), new Habit(List.of("Điểu"), List.of("Thị"), NONE, NONE,
                    List.of("K'Lang", "Xiêng", "Bơ", "Đông", "Brê"), List.of("Ngọc", "Bình", "H'Nga", "Lê")));

    private VietnameseNames() {
    }

    /** A surname for a new family of the given group; children inherit it from the father. */
    static String surname(SplittableRandom random, CodeName ethnicity, Gender gender) {
        Habit habit = habit(ethnicity);
        return pick(random, gender == Gender.MALE ? habit.maleSurnames() : habit.femaleSurnames());
    }

    /**
     * A full name for someone born in {@code birthYear} with the family's surname. Older people
     * mostly carry the plain "Văn"/"Thị"; younger ones more often a chosen middle name, and some
     * women a double one ("Thị Thu Trang").
     */
    static String fullName(SplittableRandom random, String surname, CodeName ethnicity, Gender gender,
                           int birthYear) {
        Habit habit = habit(ethnicity);
        boolean male = gender == Gender.MALE;
        // For groups whose first word marks sex rather than family, a woman's child still gets
        // the right marker: the surname follows the child's sex.
        if (habit.maleSurnames().size() == 1 && !habit.maleSurnames().equals(habit.femaleSurnames())) {
            surname = male ? habit.maleSurnames().get(0) : habit.femaleSurnames().get(0);
        }
        String middle = middle(random, habit, male, birthYear);
        String given = pick(random, male ? habit.maleGivens() : habit.femaleGivens());
        String name = middle.isEmpty() ? surname + " " + given : surname + " " + middle + " " + given;
        return Normalizer.normalize(name, Normalizer.Form.NFC);
    }

    private static String middle(SplittableRandom random, Habit habit, boolean male, int birthYear) {
        List<String> traditional = male ? habit.maleMiddles() : habit.femaleMiddles();
        if (traditional.isEmpty()) {
            return "";
        }
        if (habit != KINH_HABIT) {
            return pick(random, traditional);
        }
        double traditionalShare = birthYear < 1975 ? 0.75 : birthYear < 1995 ? 0.5 : 0.25;
        if (random.nextDouble() < traditionalShare) {
            String plain = traditional.get(0);
            // A double middle name is common for women born from the 1970s on.
            if (!male && birthYear >= 1970 && random.nextInt(5) == 0) {
                return plain + " " + pick(random, MODERN_FEMALE_MIDDLES);
            }
            return plain;
        }
        return pick(random, male ? MODERN_MALE_MIDDLES : MODERN_FEMALE_MIDDLES);
    }

    /** A plausible foreign-born Korean name, written as Vietnamese registers write it. */
    static String koreanName(SplittableRandom random) {
        return pick(random, List.of("KIM", "LEE", "PARK", "CHOI")) + " " + pick(random, List.of("MIN", "JUN", "SEO"))
                + " " + pick(random, List.of("HO", "WOO", "JIN"));
    }

    /** The name folded to lower-case ASCII without spaces, for e-mail local parts ("đ" → "d"). */
    static String ascii(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return decomposed.replace('đ', 'd').replace('Đ', 'D').replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    private static Habit habit(CodeName ethnicity) {
        return HABITS.getOrDefault(ethnicity.code(), KINH_HABIT);
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Expands weights into a list so that a uniform pick follows them; sorted for determinism. */
    private static List<String> weighted(Map<String, Integer> weights) {
        return weights.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> java.util.Collections.nCopies(e.getValue(), e.getKey()).stream())
                .toList();
    }
}
