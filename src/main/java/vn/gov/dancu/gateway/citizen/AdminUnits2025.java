package vn.gov.dancu.gateway.citizen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The administrative units before and after the 2025 reorganisation (spec §7): 63 provinces
 * with districts became 34 with none, and communes were merged or split. Data, not code: the
 * mapping is {@code src/main/resources/admin-units-2025/} (provenance and licence in its README),
 * read once at start. Matching is on the statistical office's codes, never on names (NFC does not
 * make "Hòa" and "Hoà" equal).
 *
 * <p>A personal number's province digits are a different thing and never translated: they say
 * where the birth was registered, fixed for life ({@link Provinces} keeps the 63).
 */
public final class AdminUnits2025 {

    /** The resolutions the mapping rests on, as the response cites them. */
    public static final String BASIS = "Nghị quyết 202/2025/QH15 và các nghị quyết của Ủy ban Thường vụ Quốc hội "
            + "về sắp xếp đơn vị hành chính cấp xã năm 2025";

    private static final String DIR = "/admin-units-2025/";

    /** A unit in force today. */
    public record Unit(String code, String name) {
    }

    /**
     * Where a former address lies today.
     *
     * @param wards    the new commune(s): one, several when the old one was split (likeliest first,
     *                 the officer chooses by the street address), none when the old code is unknown
     * @param province the new province
     */
    public record CurrentUnits(List<Unit> wards, Unit province) {

        public CurrentUnits {
            wards = List.copyOf(wards);
        }

        public boolean split() {
            return wards.size() > 1;
        }
    }

    private static volatile AdminUnits2025 instance;

    private final Map<String, List<String>> newWardsByOld;
    private final Map<String, Unit> newWards;
    private final Map<String, String> newProvinceOfWard;
    private final Map<String, Unit> newProvinceByOld;
    private final Map<String, Unit> currentProvinces;

    private AdminUnits2025() {
        Map<String, List<String>> byOld = new HashMap<>(16_384);
        read("wards.csv", 2, f -> byOld.computeIfAbsent(f[0], k -> new ArrayList<>(1)).add(f[1]));
        Map<String, Unit> wards = new HashMap<>(4_096);
        Map<String, String> provinceOfWard = new HashMap<>(4_096);
        read("new-wards.csv", 3, f -> {
            wards.put(f[1], new Unit(f[1], f[2]));
            provinceOfWard.put(f[1], f[0]);
        });
        Map<String, Unit> provinces = new HashMap<>();
        Map<String, Unit> current = new HashMap<>();
        read("provinces.csv", 3, f -> {
            Unit now = new Unit(f[1], f[2]);
            provinces.put(f[0], now);
            current.put(f[1], now);
        });
        byOld.replaceAll((k, v) -> List.copyOf(v));
        this.newWardsByOld = Map.copyOf(byOld);
        this.newWards = Map.copyOf(wards);
        this.newProvinceOfWard = Map.copyOf(provinceOfWard);
        this.newProvinceByOld = Map.copyOf(provinces);
        this.currentProvinces = Map.copyOf(current);
    }

    /** The mapping, read on first use; {@code config.AdminUnitsAtStart} makes that the start. */
    public static AdminUnits2025 get() {
        AdminUnits2025 units = instance;
        if (units == null) {
            synchronized (AdminUnits2025.class) {
                if (instance == null) {
                    instance = new AdminUnits2025();
                }
                units = instance;
            }
        }
        return units;
    }

    /**
     * Where an address recorded under former units lies today; empty when it is already written
     * in today's units. Former means a district is recorded (there is none since 2025-07-01) or
     * the province is not one of the 34.
     */
    public Optional<CurrentUnits> currentUnits(String provinceCode, String districtCode, String wardCode) {
        boolean hasDistrict = districtCode != null && !districtCode.isBlank();
        boolean currentProvince = provinceCode != null && currentProvinces.containsKey(provinceCode);
        if (!hasDistrict && (currentProvince || provinceCode == null)) {
            return Optional.empty();
        }
        List<String> codes = wardCode == null || wardCode.isBlank()
                ? newWardsByOld.getOrDefault("D" + districtCode, List.of())
                : newWardsByOld.getOrDefault(wardCode, List.of());
        List<Unit> wards = codes.stream().map(newWards::get).filter(java.util.Objects::nonNull).toList();
        Unit province = wards.isEmpty() ? newProvinceByOld.get(provinceCode)
                : currentProvinces.get(newProvinceOfWard.get(codes.get(0)));
        if (province == null && wards.isEmpty()) {
            return Optional.empty(); // a code the mapping does not know: nothing reliable to say
        }
        return Optional.of(new CurrentUnits(wards, province));
    }

    /** Sizes, for the start-up log and tests. */
    public int oldUnits() {
        return newWardsByOld.size();
    }

    public int newUnits() {
        return newWards.size();
    }

    private static void read(String file, int columns, Consumer<String[]> row) {
        try (InputStream in = AdminUnits2025.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DIR + file);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", columns);
                if (f.length != columns) {
                    throw new IllegalStateException(DIR + file + ": malformed line " + line);
                }
                row.accept(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
