package vn.gov.dancu.gateway.citizen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.citizen.AdminUnits2025.CurrentUnits;
import vn.gov.dancu.gateway.citizen.AdminUnits2025.Unit;

/** The 2025 mapping on known cases (the source's own spot checks and Bình Phước's wards in the new Đồng Nai). */
class AdminUnits2025Test {

    private static final Unit DONG_NAI = new Unit("75", "Tỉnh Đồng Nai");

    @Test
    void bringsBinhPhuocsWardsIntoTheNewDongNai() {
        assertEquals(new CurrentUnits(List.of(new Unit("25195", "Phường Bình Phước")), DONG_NAI),
                now("70", "689", "25195"), "Phường Tân Phú, Đồng Xoài");
        assertEquals(new CurrentUnits(List.of(new Unit("25210", "Phường Đồng Xoài")), DONG_NAI),
                now("70", "689", "25210"), "Phường Tiến Thành");
        assertEquals(new CurrentUnits(List.of(new Unit("25217", "Phường Phước Long")), DONG_NAI),
                now("70", "688", "25216"), "Phường Thác Mơ, Phước Long");
        assertEquals(new CurrentUnits(List.of(new Unit("25270", "Xã Lộc Ninh")), DONG_NAI),
                now("70", "692", "25270"), "Thị trấn Lộc Ninh");
    }

    @Test
    void mapsOtherSpotChecksOfTheSource() {
        assertEquals(List.of(new Unit("26740", "Phường Sài Gòn")), now("79", "760", "26740").wards(), "Bến Nghé");
        assertEquals("79", now("79", "760", "26740").province().code());
        assertEquals(List.of(new Unit("26041", "Phường Trấn Biên")), now("75", "731", "26041").wards(),
                "Trung Dũng, Biên Hòa");
        assertEquals("79", now("77", "755", null).province().code(), "Bà Rịa–Vũng Tàu went to Hồ Chí Minh");
        assertEquals(List.of(new Unit("26732", "Đặc khu Côn Đảo")), now("77", "755", null).wards(), "an island district");
    }

    @Test
    void listsTheCandidatesOfASplitWardLikeliestFirst() {
        CurrentUnits xuanTam = now("75", "741", "26449");
        assertTrue(xuanTam.split());
        assertEquals(List.of("26446", "26359"), xuanTam.wards().stream().map(Unit::code).toList());
        assertEquals(4, now("01", "250", "09013").wards().size(), "Xã Văn Khê, Mê Linh: four new communes");
    }

    @Test
    void leavesAddressesInTodaysUnitsAlone() {
        assertTrue(AdminUnits2025.get().currentUnits("75", null, "25195").isEmpty());
        assertTrue(AdminUnits2025.get().currentUnits("79", "", "26740").isEmpty());
    }

    @Test
    void knowsTheProvinceEvenForAWardCodeItDoesNotHold() {
        CurrentUnits unknown = now("70", "689", "99999");
        assertEquals(List.of(), unknown.wards());
        assertEquals(DONG_NAI, unknown.province());
    }

    @Test
    void holdsTheWholeCountry() {
        assertEquals(3_321, AdminUnits2025.get().newUnits());
        assertEquals(10_052, AdminUnits2025.get().oldUnits());
    }

    private static CurrentUnits now(String province, String district, String ward) {
        return AdminUnits2025.get().currentUnits(province, district, ward).orElseThrow();
    }
}
