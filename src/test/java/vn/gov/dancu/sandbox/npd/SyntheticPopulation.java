package vn.gov.dancu.sandbox.npd;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The sandbox's population: the {@link SandboxPersonas} and at least ten thousand generated
 * citizens of the former Bình Phước area, linked into households, couples and parents.
 *
 * <p>Deterministic (a fixed seed, data "as of" {@link #referenceDate()}), so a number seen in a
 * test or a demo today finds the same person tomorrow; immutable once built, so one instance can
 * serve any number of concurrent request handlers; lookups by personal id are hash lookups.
 */
public final class SyntheticPopulation {

    /** The seed of {@link #standard()}. */
    public static final long DEFAULT_SEED = 20261129L;
    /** How many ordinary citizens {@link #standard()} generates besides the personas (at least). */
    public static final int DEFAULT_GENERATED = 10_500;

    /** A cancelled number and the number that replaced it, when the NPD knows one. */
    public record Cancellation(String personalId, String replacedBy) {
    }

    private static final class Standard {
        // Built once per JVM on first use: generation takes a noticeable fraction of a second.
        static final SyntheticPopulation INSTANCE = generate(DEFAULT_SEED, DEFAULT_GENERATED);
    }

    private final List<CitizenRecord> all;
    private final List<CitizenRecord> ordinary;
    private final Map<String, CitizenRecord> byId;
    private final Map<String, Cancellation> cancellations;
    private final Set<String> personaIds;

    private SyntheticPopulation(List<CitizenRecord> personas, List<CitizenRecord> ordinary,
                                List<Cancellation> cancellations) {
        List<CitizenRecord> everyone = new ArrayList<>(personas);
        everyone.addAll(ordinary);
        this.all = List.copyOf(everyone);
        this.ordinary = List.copyOf(ordinary);
        Map<String, CitizenRecord> index = new HashMap<>(everyone.size() * 2);
        everyone.forEach(c -> index.put(c.personalId(), c));
        this.byId = Map.copyOf(index);
        Map<String, Cancellation> cancelled = new HashMap<>();
        cancellations.forEach(c -> cancelled.put(c.personalId(), c));
        this.cancellations = Map.copyOf(cancelled);
        Set<String> ids = new LinkedHashSet<>();
        personas.forEach(c -> ids.add(c.personalId()));
        this.personaIds = Set.copyOf(ids);
    }

    /** The shared default population (seed {@value #DEFAULT_SEED}), built once per JVM. */
    public static SyntheticPopulation standard() {
        return Standard.INSTANCE;
    }

    /**
     * Builds a population: the personas first, then whole households until at least
     * {@code generatedCitizens} ordinary citizens exist. Same seed, same population.
     */
    public static SyntheticPopulation generate(long seed, int generatedCitizens) {
        SplittableRandom random = new SplittableRandom(seed);
        IdAllocator ids = new IdAllocator(random);
        // Personas reserve their numbers before any random number is drawn.
        PersonaFactory personas = new PersonaFactory(ids);
        List<CitizenRecord> personaRecords = personas.build().stream().map(PersonDraft::freeze).toList();
        List<CitizenRecord> generated = new PopulationGenerator(random, ids).generate(generatedCitizens).stream()
                .map(PersonDraft::freeze).toList();
        List<Cancellation> cancellations = personas.cancellations().entrySet().stream()
                .map(e -> new Cancellation(e.getKey(), e.getValue())).toList();
        return new SyntheticPopulation(personaRecords, generated, cancellations);
    }

    /** The citizen holding this number, if any (a cancelled number holds nobody). */
    public Optional<CitizenRecord> find(String personalId) {
        return Optional.ofNullable(personalId == null ? null : byId.get(personalId));
    }

    /** The cancellation of this number, if it was cancelled. */
    public Optional<Cancellation> cancellation(String personalId) {
        return Optional.ofNullable(personalId == null ? null : cancellations.get(personalId));
    }

    /** Every citizen: personas first, then generated people in generation order. */
    public List<CitizenRecord> all() {
        return all;
    }

    /** The generated citizens only, without the personas: the population for load tests. */
    public List<CitizenRecord> ordinary() {
        return ordinary;
    }

    /** {@code n} ordinary citizens spread evenly over the population, the same ones every time. */
    public List<CitizenRecord> sample(int n) {
        if (n <= 0) {
            return List.of();
        }
        int count = Math.min(n, ordinary.size());
        List<CitizenRecord> sample = new ArrayList<>(count);
        double step = (double) ordinary.size() / count;
        for (int i = 0; i < count; i++) {
            sample.add(ordinary.get((int) (i * step)));
        }
        return List.copyOf(sample);
    }

    /** True for the numbers of the hand-made personas and their relatives. */
    public boolean isPersona(String personalId) {
        return personaIds.contains(personalId);
    }

    public int size() {
        return all.size();
    }

    /** The day the data describe (ages, card validity and deaths are as of this day). */
    public LocalDate referenceDate() {
        return PopulationGenerator.REFERENCE_DATE;
    }
}
