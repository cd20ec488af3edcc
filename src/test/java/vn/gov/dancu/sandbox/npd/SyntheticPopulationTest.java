package vn.gov.dancu.sandbox.npd;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.sandbox.npd.SandboxFixtures.POPULATION;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.sandbox.npd.CitizenRecord.LifeStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.MaritalStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.RelatedPerson;

class SyntheticPopulationTest {

    @Test
    void holdsAtLeastTenThousandOrdinaryCitizensBesidesThePersonas() {
        assertTrue(POPULATION.ordinary().size() >= 10_000, "ordinary citizens: " + POPULATION.ordinary().size());
        assertEquals(POPULATION.all().size(), POPULATION.size());
        assertTrue(POPULATION.size() > POPULATION.ordinary().size());
    }

    @Test
    void sameSeedBuildsTheSamePopulation() {
        SyntheticPopulation again = SyntheticPopulation.generate(SyntheticPopulation.DEFAULT_SEED,
                SyntheticPopulation.DEFAULT_GENERATED);
        assertEquals(POPULATION.all(), again.all());
    }

    @Test
    void anotherSeedBuildsAnotherPopulationWithTheSamePersonas() {
        SyntheticPopulation other = SyntheticPopulation.generate(7L, 500);
        assertNotEquals(POPULATION.ordinary().get(0), other.ordinary().get(0));
        assertEquals(POPULATION.find(SandboxPersonas.MOTHER), other.find(SandboxPersonas.MOTHER));
    }

    @Test
    void findsEveryCitizenByNumber() {
        POPULATION.all().forEach(c -> assertEquals(c, POPULATION.find(c.personalId()).orElseThrow()));
        assertTrue(POPULATION.find("not a number").isEmpty());
        assertTrue(POPULATION.find(null).isEmpty());
    }

    @Test
    void everyNumberPassesTheStructureCheckAndIsUnique() {
        List<String> invalid = POPULATION.all().stream().map(CitizenRecord::personalId)
                .filter(Predicate.not(PersonalId::isValid)).toList();
        assertEquals(List.of(), invalid);
        Set<String> unique = POPULATION.all().stream().map(CitizenRecord::personalId).collect(Collectors.toSet());
        assertEquals(POPULATION.size(), unique.size());
    }

    @Test
    void everyNumberAgreesWithSexAndBirthYearExceptTheInconsistentPersona() {
        List<String> disagreeing = POPULATION.all().stream().filter(c -> {
            PersonalId id = PersonalId.parse(c.personalId());
            int recordedYear = Integer.parseInt(c.dateOfBirth().substring(0, 4));
            return !id.gender().name().equals(c.gender().name()) || id.birthYear() != recordedYear;
        }).map(CitizenRecord::personalId).toList();
        assertEquals(List.of(SandboxPersonas.ID_DATA_INCONSISTENT), disagreeing);
    }

    @Test
    void namesAreCleanNfcExceptTheDeliberateTraps() {
        List<String> unclean = POPULATION.all().stream()
                .filter(c -> !Normalizer.isNormalized(c.fullName(), Normalizer.Form.NFC)
                        || !c.fullName().equals(c.fullName().strip().replaceAll(" {2,}", " ")))
                .map(CitizenRecord::personalId).toList();
        assertEquals(Set.of(SandboxPersonas.NFD_NAME, SandboxPersonas.SPACED_NAME), Set.copyOf(unclean));
    }

    @Test
    void datesOfBirthAreFullOrPartialButAlwaysWellFormed() {
        Map<Integer, Long> byLength = POPULATION.all().stream()
                .collect(Collectors.groupingBy(c -> c.dateOfBirth().length(), Collectors.counting()));
        assertEquals(Set.of(4, 7, 10), byLength.keySet(), "year, year-month and full dates all occur");
        POPULATION.all().forEach(c -> assertTrue(ClaimVerifier.PARTIAL_DATE.matcher(c.dateOfBirth()).matches()));
    }

    @Test
    void everyNumberInAReferenceBelongsToSomeoneInThePopulation() {
        List<String> dangling = new ArrayList<>();
        for (CitizenRecord c : POPULATION.all()) {
            List<RelatedPerson> refs = new ArrayList<>();
            refs.add(c.father());
            refs.add(c.mother());
            refs.add(c.spouse());
            refs.add(c.legalRepresentative());
            refs.stream().filter(r -> r != null && r.personalId() != null)
                    .filter(r -> POPULATION.find(r.personalId()).isEmpty())
                    .forEach(r -> dangling.add(c.personalId()));
            if (c.household() != null && POPULATION.find(c.household().headPersonalId()).isEmpty()) {
                dangling.add(c.personalId());
            }
        }
        assertEquals(List.of(), dangling);
    }

    @Test
    void livingSpousesNameEachOther() {
        for (CitizenRecord c : POPULATION.all()) {
            if (c.lifeStatus() != LifeStatus.ALIVE || c.spouse() == null || c.spouse().personalId() == null
                    || STALE_SPOUSE_LINKS.contains(c.personalId())) {
                continue;
            }
            CitizenRecord spouse = POPULATION.find(c.spouse().personalId()).orElseThrow();
            assertEquals(MaritalStatus.MARRIED, c.maritalStatus(), c.personalId());
            if (spouse.lifeStatus() == LifeStatus.ALIVE) {
                assertEquals(c.personalId(), spouse.spouse().personalId(), c.personalId());
                assertNotEquals(c.gender(), spouse.gender());
            }
        }
    }

    @Test
    void widowsAndDivorceesHaveNoSpouseReference() {
        POPULATION.all().stream()
                .filter(c -> c.maritalStatus() == MaritalStatus.WIDOWED || c.maritalStatus() == MaritalStatus.DIVORCED)
                .filter(c -> !STALE_SPOUSE_LINKS.contains(c.personalId()))
                .forEach(c -> assertNull(c.spouse(), c.personalId()));
    }

    /** The divorced couple whose records deliberately keep the spouse links (issue 10: a stale link). */
    private static final java.util.Set<String> STALE_SPOUSE_LINKS = java.util.Set.of(
            SandboxPersonas.DIVORCED_WITH_STALE_LINK, "070186010203");

    @Test
    void householdMembersShareTheHeadsHouseholdAndAddress() {
        for (CitizenRecord c : POPULATION.all()) {
            if (c.household() == null) {
                continue;
            }
            CitizenRecord head = POPULATION.find(c.household().headPersonalId()).orElseThrow();
            assertEquals(c.household().householdNumber(), head.household().householdNumber(), c.personalId());
            assertEquals(c.household().address(), head.household().address());
            assertEquals(c.household().address(), c.permanentResidence());
            assertEquals("Chủ hộ", head.household().relationshipToHead());
        }
        Map<String, Long> sizes = POPULATION.all().stream().filter(c -> c.household() != null)
                .collect(Collectors.groupingBy(c -> c.household().householdNumber(), Collectors.counting()));
        assertTrue(sizes.values().stream().anyMatch(n -> n >= 5), "some households have five or more members");
    }

    @Test
    void addressesUseTheUnitsOfTheirEra() {
        // The split-ward persona lives in old Đồng Nai (75 with district 741), written before 2025.
        List<CitizenRecord.Address> addresses = POPULATION.all().stream()
                .filter(c -> !c.personalId().equals(SandboxPersonas.SPLIT_WARD_RESIDENT))
                .flatMap(c -> java.util.stream.Stream.of(c.permanentResidence(), c.currentResidence(),
                        c.temporaryResidence()))
                .filter(a -> a != null).toList();
        // Before 2025-07-01 Bình Phước (70) had districts; new Đồng Nai (75) has none.
        addresses.stream().filter(a -> a.provinceCode().equals("70")).forEach(a -> assertNotNull(a.districtCode()));
        addresses.stream().filter(a -> a.provinceCode().equals("75")).forEach(a -> assertNull(a.districtCode()));
        assertTrue(addresses.stream().anyMatch(a -> a.provinceCode().equals("70")));
        assertTrue(addresses.stream().anyMatch(a -> a.provinceCode().equals("75")));
        assertTrue(POPULATION.all().stream().anyMatch(c -> c.temporaryResidence() != null));
    }

    @Test
    void recordsWrittenAfterTheMergerUseTheNewUnits() {
        for (CitizenRecord c : POPULATION.all()) {
            if (c.permanentResidence() == null) {
                continue;
            }
            boolean writtenAfterMerger = !java.time.Instant.parse(c.updatedAt())
                    .isBefore(java.time.Instant.parse("2025-07-01T00:00:00Z"));
            assertEquals(writtenAfterMerger, c.permanentResidence().districtCode() == null, c.personalId());
        }
    }

    @Test
    void mostPeopleWereBornInBinhPhuocAndSomeElsewhere() {
        long binhPhuoc = POPULATION.all().stream().filter(c -> c.personalId().startsWith("070")).count();
        assertTrue(binhPhuoc > POPULATION.size() / 2, "born in 070: " + binhPhuoc);
        Set<String> provinces = POPULATION.all().stream().map(c -> c.personalId().substring(0, 3))
                .collect(Collectors.toSet());
        assertTrue(provinces.size() >= 10, "birth provinces: " + provinces);
    }

    @Test
    void ethnicityIsMostlyKinhWithTheAreasMinorities() {
        Map<String, Long> byCode = POPULATION.all().stream()
                .collect(Collectors.groupingBy(c -> c.ethnicity().code(), Collectors.counting()));
        assertTrue(byCode.get("01") > POPULATION.size() * 0.8);
        assertTrue(byCode.containsKey("22"), "Xtiêng, the area's own people");
        assertTrue(byCode.keySet().containsAll(Set.of("02", "04", "05", "07")));
        assertEquals(new CitizenRecord.CodeName("22", "Xtiêng"), Places.XTIENG);
    }

    @Test
    void religionAndBloodTypeAreHeldForManySoTheirAbsenceInAnswersMeansSomething() {
        long religion = POPULATION.all().stream().filter(c -> c.religion() != null).count();
        long bloodType = POPULATION.all().stream().filter(c -> c.bloodType() != null).count();
        assertTrue(religion > POPULATION.size() / 2);
        assertTrue(bloodType > POPULATION.size() / 3);
        POPULATION.all().stream().filter(c -> c.bloodType() != null)
                .forEach(c -> assertTrue(Set.of("A", "B", "AB", "O").contains(c.bloodType())));
    }

    @Test
    void everyLivingPersonOverFifteenHoldsAnIdentityCardForTheirOwnNumber() {
        LocalDate asOf = POPULATION.referenceDate();
        for (CitizenRecord c : POPULATION.all()) {
            int age = Period.between(LocalDate.parse(padded(c.dateOfBirth())), asOf).getYears();
            if (c.lifeStatus() == LifeStatus.ALIVE && age >= 15) {
                assertNotNull(c.idCard(), c.personalId());
            }
            if (c.idCard() != null) {
                assertEquals(c.personalId(), c.idCard().number());
                assertTrue(c.idCard().expiryDate() == null
                        || !LocalDate.parse(c.idCard().expiryDate()).isBefore(asOf.minusDays(10))
                        || c.lifeStatus() != LifeStatus.ALIVE, "living people hold a valid card: " + c.personalId());
            }
            if (age < 14) {
                assertNull(c.idCard(), c.personalId());
            }
        }
    }

    @Test
    void minorsHaveALegalRepresentative() {
        LocalDate asOf = POPULATION.referenceDate();
        POPULATION.all().stream()
                .filter(c -> Period.between(LocalDate.parse(padded(c.dateOfBirth())), asOf).getYears() < 18)
                .forEach(c -> assertNotNull(c.legalRepresentative(), c.personalId()));
    }

    @Test
    void deceasedPeopleHaveADateOfDeathAndOthersNone() {
        POPULATION.all().forEach(c -> assertEquals(c.lifeStatus() == LifeStatus.DECEASED, c.dateOfDeath() != null,
                c.personalId()));
        assertTrue(POPULATION.all().stream().filter(c -> c.lifeStatus() == LifeStatus.DECEASED).count() > 50);
    }

    @Test
    void sampleIsOrdinaryCitizensTheSameEveryTime() {
        List<CitizenRecord> sample = POPULATION.sample(200);
        assertEquals(200, sample.size());
        assertEquals(sample, POPULATION.sample(200));
        assertEquals(200, new HashSet<>(sample).size());
        sample.forEach(c -> assertAll(() -> assertTrue(!POPULATION.isPersona(c.personalId()))));
        assertEquals(List.of(), POPULATION.sample(0));
    }

    private static String padded(String partialDate) {
        return partialDate.length() == 4 ? partialDate + "-01-01"
                : partialDate.length() == 7 ? partialDate + "-01" : partialDate;
    }
}
