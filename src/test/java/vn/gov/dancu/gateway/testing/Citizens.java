package vn.gov.dancu.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * NPD citizen records for WireMock stubs, in the contract's shape. Records carry every field,
 * religion and blood type included, so tests prove the gateway releases only what a procedure
 * allows even when an NPD answers more generously than asked.
 */
public final class Citizens {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Structurally valid numbers: 070 = Bình Phước; digit 4 = century/sex; digits 5-6 = year.
    public static final String MOTHER = "070190004521";     // female, 1990
    public static final String FATHER = "070089001234";     // male, 1989
    public static final String GRANDMOTHER = "070165000777"; // female, 1965
    public static final String BRIDE = "070198000111";      // female, 1998
    public static final String GROOM = "070096000222";      // male, 1996
    public static final String UNKNOWN = "070190999999";    // valid structure, not in the NPD
    public static final String CANCELLED = "070190888888";
    public static final String REPLACEMENT = "070190888889";

    private Citizens() {
    }

    /** A living, unmarried Kinh citizen with a full date of birth and every field filled. */
    public static ObjectNode person(String personalId, String fullName, String dateOfBirth, String gender) {
        ObjectNode c = JSON.createObjectNode();
        c.put("personalId", personalId);
        c.put("fullName", fullName);
        c.putNull("otherNames");
        c.put("dateOfBirth", dateOfBirth);
        c.put("gender", gender);
        c.set("birthRegistrationPlace", address("Phường Tân Phú"));
        c.set("hometown", address("Xã Tiến Hưng"));
        c.set("ethnicity", codeName("01", "Kinh"));
        c.set("religion", codeName("01", "Phật giáo"));
        c.set("nationality", codeName("VN", "Việt Nam"));
        c.put("bloodType", "O");
        c.put("maritalStatus", "SINGLE");
        c.set("permanentResidence", address("Phường Tân Phú"));
        c.putNull("temporaryResidence");
        c.set("currentResidence", address("Phường Tân Phú"));
        ObjectNode household = c.putObject("household");
        household.put("householdNumber", "HK-0001");
        household.put("headPersonalId", personalId);
        household.put("headFullName", fullName);
        household.put("relationshipToHead", "Chủ hộ");
        household.set("address", address("Phường Tân Phú"));
        ObjectNode idCard = c.putObject("idCard");
        idCard.put("number", personalId);
        idCard.put("issueDate", "2021-04-01");
        idCard.put("expiryDate", "2036-04-01");
        idCard.put("issuingAuthority", "Cục Cảnh sát quản lý hành chính về trật tự xã hội");
        c.putNull("father");
        c.putNull("mother");
        c.putNull("spouse");
        c.put("lifeStatus", "ALIVE");
        c.putNull("dateOfDeath");
        c.put("phoneNumber", "0912345678");
        c.put("email", "citizen@example.vn");
        c.put("updatedAt", "2025-03-02T10:00:00Z");
        return c;
    }

    public static ObjectNode mother() {
        return person(MOTHER, "Nguyễn Thị Lan", "1990-05-12", "FEMALE");
    }

    public static ObjectNode father() {
        return person(FATHER, "Trần Văn Minh", "1989-11-02", "MALE");
    }

    public static ObjectNode grandmother() {
        return person(GRANDMOTHER, "Lê Thị Hoa", "1965-01-20", "FEMALE");
    }

    public static ObjectNode bride() {
        return person(BRIDE, "Phạm Thị Thu", "1998-07-07", "FEMALE");
    }

    public static ObjectNode groom() {
        return person(GROOM, "Hoàng Văn Đức", "1996-02-29", "MALE");
    }

    /**
     * A structurally valid number whose century/sex and year digits agree with {@code gender}
     * ("MALE"/"FEMALE") and {@code birthYear}, for records whose date of birth tests compute
     * from today (so the number never contradicts the record, and nothing rots with time).
     *
     * @param serial six digits
     */
    public static String personalId(String gender, int birthYear, String serial) {
        int centuryDigit = (birthYear - 1900) / 100 * 2 + ("FEMALE".equals(gender) ? 1 : 0);
        return String.format("070%d%02d%s", centuryDigit, birthYear % 100, serial);
    }

    public static ObjectNode codeName(String code, String name) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", code);
        n.put("name", name);
        return n;
    }

    /** A post-2025 address in Đồng Nai (no district level). */
    public static ObjectNode address(String ward) {
        ObjectNode a = JSON.createObjectNode();
        a.put("countryCode", "VN");
        a.put("provinceCode", "75");
        a.put("provinceName", "Đồng Nai");
        a.putNull("districtCode");
        a.putNull("districtName");
        a.put("wardCode", "25195");
        a.put("wardName", ward);
        a.put("addressLine", "Số 12, đường Phú Riềng Đỏ");
        return a;
    }

    /** A reference to a relative, as the NPD links people. */
    public static ObjectNode related(String personalId, String fullName) {
        ObjectNode r = JSON.createObjectNode();
        if (personalId == null) {
            r.putNull("personalId");
        } else {
            r.put("personalId", personalId);
        }
        r.put("fullName", fullName);
        r.set("nationality", codeName("VN", "Việt Nam"));
        return r;
    }
}
