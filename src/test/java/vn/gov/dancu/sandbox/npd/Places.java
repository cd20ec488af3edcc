package vn.gov.dancu.sandbox.npd;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import vn.gov.dancu.gateway.citizen.Provinces;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Address;
import vn.gov.dancu.sandbox.npd.CitizenRecord.CodeName;

/**
 * The places and code lists the synthetic population draws from.
 *
 * <p>Unit names are real (former Bình Phước, its districts and wards; new Đồng Nai's wards and
 * communes after the 2025-07-01 merger). Ward and district codes other than the contract's own
 * example (district 689, ward 25195 Phường Tân Phú) are illustrative: they have the shape of the
 * statistical office's codes but were not checked one by one, so nothing outside the sandbox may
 * rely on them. Ethnic-group codes follow the statistical office's list (Kinh 01 … Xtiêng 22).
 */
public final class Places {

    static final CodeName VIETNAM = new CodeName("VN", "Việt Nam");
    static final CodeName KOREA = new CodeName("KR", "Hàn Quốc");

    static final CodeName KINH = new CodeName("01", "Kinh");
    static final CodeName TAY = new CodeName("02", "Tày");
    static final CodeName THAI = new CodeName("03", "Thái");
    static final CodeName HOA = new CodeName("04", "Hoa");
    static final CodeName KHMER = new CodeName("05", "Khmer");
    static final CodeName MUONG = new CodeName("06", "Mường");
    static final CodeName NUNG = new CodeName("07", "Nùng");
    static final CodeName HMONG = new CodeName("08", "H'Mông");
    static final CodeName DAO = new CodeName("09", "Dao");
    static final CodeName MNONG = new CodeName("20", "Mnông");
    static final CodeName XTIENG = new CodeName("22", "Xtiêng");

    static final CodeName NO_RELIGION = new CodeName("99", "Không");
    static final CodeName BUDDHISM = new CodeName("01", "Phật giáo");
    static final CodeName CATHOLICISM = new CodeName("02", "Công giáo");
    static final CodeName HOA_HAO = new CodeName("03", "Phật giáo Hòa Hảo");
    static final CodeName CAO_DAI = new CodeName("05", "Cao Đài");
    static final CodeName PROTESTANTISM = new CodeName("08", "Tin Lành");

    /** Who issued chip cards until 2024-06-30 (Law on Citizen Identification 2014). */
    static final String CARD_AUTHORITY_CCCD = "Cục Cảnh sát quản lý hành chính về trật tự xã hội";
    /** Who issues identity cards from 2024-07-01 (Law on Identity 2023). */
    static final String CARD_AUTHORITY_2024 = "Bộ Công an";

    /**
     * A ward or commune of former Bình Phước with the unit of new Đồng Nai that took it over on
     * 2025-07-01, so one household can be written in either era.
     */
    record Ward(String districtCode, String districtName, String wardCode, String wardName,
                String newWardCode, String newWardName) {

        /** The address as written before 2025-07-01: province 70 Bình Phước with a district. */
        Address before2025(String line) {
            return new Address("VN", "70", "Bình Phước", districtCode, districtName, wardCode, wardName, line);
        }

        /** The address as written after the merger: province 75 Đồng Nai, no district level. */
        Address after2025(String line) {
            return new Address("VN", "75", "Đồng Nai", null, null, newWardCode, newWardName, line);
        }

        boolean urban() {
            return wardName.startsWith("Phường");
        }
    }

    /** Former Bình Phước, weighted towards Đồng Xoài by listing more of its wards. */
    static final List<Ward> BINH_PHUOC = List.of(
            new Ward("689", "Thành phố Đồng Xoài", "25195", "Phường Tân Phú", "25195", "Phường Bình Phước"),
            new Ward("689", "Thành phố Đồng Xoài", "25193", "Phường Tân Đồng", "25195", "Phường Bình Phước"),
            new Ward("689", "Thành phố Đồng Xoài", "25194", "Phường Tân Xuân", "25195", "Phường Bình Phước"),
            new Ward("689", "Thành phố Đồng Xoài", "25196", "Phường Tân Bình", "25195", "Phường Bình Phước"),
            new Ward("689", "Thành phố Đồng Xoài", "25197", "Phường Tân Thiện", "25199", "Phường Đồng Xoài"),
            new Ward("689", "Thành phố Đồng Xoài", "25199", "Phường Tiến Thành", "25199", "Phường Đồng Xoài"),
            new Ward("689", "Thành phố Đồng Xoài", "25200", "Xã Tiến Hưng", "25199", "Phường Đồng Xoài"),
            new Ward("688", "Thị xã Phước Long", "25216", "Phường Long Thủy", "25216", "Phường Phước Long"),
            new Ward("688", "Thị xã Phước Long", "25217", "Phường Thác Mơ", "25216", "Phường Phước Long"),
            new Ward("688", "Thị xã Phước Long", "25220", "Phường Phước Bình", "25220", "Phường Phước Bình"),
            new Ward("690", "Thị xã Bình Long", "25231", "Phường An Lộc", "25231", "Phường An Lộc"),
            new Ward("690", "Thị xã Bình Long", "25232", "Phường Hưng Chiến", "25232", "Phường Bình Long"),
            new Ward("691", "Huyện Bù Gia Mập", "25267", "Xã Bù Gia Mập", "25267", "Xã Bù Gia Mập"),
            new Ward("691", "Huyện Bù Gia Mập", "25270", "Xã Đắk Ơ", "25270", "Xã Đắk Ơ"),
            new Ward("692", "Huyện Lộc Ninh", "25290", "Thị trấn Lộc Ninh", "25290", "Xã Lộc Ninh"),
            new Ward("692", "Huyện Lộc Ninh", "25296", "Xã Lộc Thái", "25290", "Xã Lộc Ninh"),
            new Ward("692", "Huyện Lộc Ninh", "25305", "Xã Lộc Hưng", "25305", "Xã Lộc Hưng"),
            new Ward("693", "Huyện Bù Đốp", "25326", "Thị trấn Thanh Bình", "25326", "Xã Thiện Hưng"),
            new Ward("693", "Huyện Bù Đốp", "25330", "Xã Tân Tiến", "25330", "Xã Tân Tiến"),
            new Ward("694", "Huyện Hớn Quản", "25345", "Thị trấn Tân Khai", "25345", "Xã Tân Khai"),
            new Ward("695", "Huyện Đồng Phú", "25378", "Thị trấn Tân Phú", "25378", "Xã Đồng Phú"),
            new Ward("695", "Huyện Đồng Phú", "25381", "Xã Thuận Lợi", "25381", "Xã Thuận Lợi"),
            new Ward("696", "Huyện Bù Đăng", "25420", "Thị trấn Đức Phong", "25420", "Xã Bù Đăng"),
            new Ward("696", "Huyện Bù Đăng", "25441", "Xã Bom Bo", "25441", "Xã Bom Bo"),
            new Ward("697", "Thị xã Chơn Thành", "25456", "Phường Hưng Long", "25456", "Phường Chơn Thành"),
            new Ward("697", "Thị xã Chơn Thành", "25459", "Phường Minh Hưng", "25459", "Phường Minh Hưng"),
            new Ward("698", "Huyện Phú Riềng", "25480", "Xã Phú Riềng", "25480", "Xã Phú Riềng"),
            new Ward("698", "Huyện Phú Riềng", "25483", "Xã Bù Nho", "25480", "Xã Phú Riềng"));

    /** Where people of the area go to work: temporary residences, in both eras' units. */
    static final List<Address> WORK_PLACES = List.of(
            new Address("VN", "74", "Bình Dương", "718", "Thành phố Thủ Dầu Một", "25747", "Phường Phú Cường", null),
            new Address("VN", "79", "Hồ Chí Minh", "760", "Quận 1", "26740", "Phường Bến Nghé", null),
            new Address("VN", "79", "Hồ Chí Minh", null, null, "26734", "Phường Sài Gòn", null),
            new Address("VN", "75", "Đồng Nai", null, null, "26068", "Phường Trấn Biên", null),
            new Address("VN", "75", "Đồng Nai", null, null, "26158", "Xã Trảng Bom", null));

    /**
     * Hometowns ("quê quán") outside Bình Phước by three-digit province code: where the area's
     * settlers came from. They are historical places, so they keep the pre-2025 units.
     */
    static final Map<String, Address> HOMETOWNS = Map.ofEntries(
            hometown("001", "277", "Huyện Thanh Oai", "10315", "Xã Bích Hòa"),
            hometown("004", "042", "Huyện Hòa An", "01336", "Xã Hồng Việt"),
            hometown("020", "180", "Huyện Cao Lộc", "06196", "Xã Hợp Thành"),
            hometown("034", "344", "Huyện Vũ Thư", "12838", "Xã Song An"),
            hometown("036", "366", "Huyện Hải Hậu", "13984", "Xã Hải Đông"),
            hometown("038", "399", "Huyện Hoằng Hóa", "16009", "Xã Hoằng Lộc"),
            hometown("040", "423", "Huyện Diễn Châu", "17356", "Xã Diễn Thịnh"),
            hometown("042", "443", "Huyện Can Lộc", "18505", "Xã Thiên Lộc"),
            hometown("051", "528", "Huyện Tư Nghĩa", "21304", "Xã Nghĩa Kỳ"),
            hometown("052", "541", "Thị xã Hoài Nhơn", "21610", "Phường Tam Quan"),
            hometown("075", "731", "Thành phố Biên Hòa", "25993", "Phường Tân Hiệp"),
            hometown("079", "774", "Quận 5", "27301", "Phường 11"));

    private static final List<String> STREETS = List.of(
            "Phú Riềng Đỏ", "Hùng Vương", "Trần Hưng Đạo", "Lê Duẩn", "Nguyễn Huệ", "Quốc lộ 14",
            "Lý Thường Kiệt", "Nguyễn Chí Thanh", "Điểu Ong", "Hoàng Văn Thụ");

    private Places() {
    }

    private static Map.Entry<String, Address> hometown(String idProvince, String districtCode, String districtName,
                                                       String wardCode, String wardName) {
        String name = Provinces.name(idProvince).orElseThrow();
        return Map.entry(idProvince, new Address("VN", gsoCode(idProvince), name, districtCode, districtName,
                wardCode, wardName, null));
    }

    /** "070" → "70": the statistical office's province code inside a personal id's prefix. */
    static String gsoCode(String idProvince) {
        return idProvince.substring(1);
    }

    /** A house line of the kind the residence database writes: street number in towns, hamlet in communes. */
    static String addressLine(SplittableRandom random, Ward ward) {
        if (ward.urban()) {
            return random.nextInt(3) == 0
                    ? "Tổ " + (1 + random.nextInt(12)) + ", khu phố " + (1 + random.nextInt(8))
                    : "Số " + (1 + random.nextInt(400)) + ", đường " + STREETS.get(random.nextInt(STREETS.size()));
        }
        return (random.nextBoolean() ? "Ấp " : "Thôn ") + (1 + random.nextInt(9));
    }
}
