package vn.gov.dancu.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture, held by the build (in the spirit of X-Road's arch rules): requests come in at
 * {@code api}, {@code procedure} decides, {@code upstream} fetches, {@code citizen} holds the value
 * types; nothing calls back up, nothing in production reaches a simulator, and the three things
 * that are easy to scatter — JDBC, fault-tolerance machinery, wall-clock time — each stay in
 * their one place. A violation is fixed, not suppressed.
 */
class ArchitectureTest {

    private static final String GATEWAY = "vn.gov.dancu.gateway";

    /** The production classes only: test code (the simulators among it) may depend on anything. */
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("vn.gov.dancu");
        // A guard: rules over an empty import pass vacuously.
        if (!production.containPackage(GATEWAY + ".api") || !production.containPackage(GATEWAY + ".procedure")) {
            throw new AssertionError("the architecture rules imported no gateway classes");
        }
    }

    private static final ArchRule LAYERS_ONLY_CALL_DOWNWARDS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("api").definedBy(GATEWAY + ".api..")
            .layer("procedure").definedBy(GATEWAY + ".procedure..")
            .layer("upstream").definedBy(GATEWAY + ".upstream..")
            .layer("citizen").definedBy(GATEWAY + ".citizen..")
            .whereLayer("api").mayNotBeAccessedByAnyLayer()
            .whereLayer("procedure").mayOnlyBeAccessedByLayers("api")
            .whereLayer("upstream").mayOnlyBeAccessedByLayers("api", "procedure")
            .whereLayer("citizen").mayOnlyBeAccessedByLayers("api", "procedure", "upstream");

    @Test
    void layersOnlyCallDownwards() {
        LAYERS_ONLY_CALL_DOWNWARDS.check(production);
    }
    private static final ArchRule ONLY_THE_API_KNOWS_THE_API = noClasses().that().resideOutsideOfPackage(GATEWAY + ".api..")
            .should().dependOnClassesThat().resideInAPackage(GATEWAY + ".api..")
            .because("resources are the outermost layer: nothing inside may depend on the HTTP edge");

    @Test
    void onlyTheApiKnowsTheApi() {
        ONLY_THE_API_KNOWS_THE_API.check(production);
    }
    private static final ArchRule UPSTREAM_CLIENTS_ARE_THEIR_OWN = noClasses().that()
            .resideOutsideOfPackages(GATEWAY + ".upstream..")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("RestClient")
            .because("only the wrapper beans (NpdClient, VneidClient) carry resilience; nobody calls the REST"
                    + " interface around them");

    @Test
    void upstreamClientsAreTheirOwn() {
        UPSTREAM_CLIENTS_ARE_THEIR_OWN.check(production);
    }
    private static final ArchRule PRODUCTION_NEVER_REFERENCES_THE_SANDBOX = noClasses().that().resideInAPackage(GATEWAY + "..")
            .should().dependOnClassesThat().resideInAPackage("vn.gov.dancu.sandbox..")
            .because("the production artifact holds no simulator (spec §6)");

    @Test
    void productionNeverReferencesTheSandbox() {
        PRODUCTION_NEVER_REFERENCES_THE_SANDBOX.check(production);
    }
    private static final ArchRule JDBC_ONLY_WHERE_DATA_IS_STORED = noClasses().that()
            .resideOutsideOfPackages(GATEWAY + ".audit..", GATEWAY + ".outbox..", GATEWAY + ".store..",
                    // the monthly report aggregates the trail and the outbox in SQL, read-only (issue 9)
                    GATEWAY + ".report..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
            .because("PostgreSQL is reached from the audit trail (and the outbox) only");

    @Test
    void jdbcOnlyWhereDataIsStored() {
        JDBC_ONLY_WHERE_DATA_IS_STORED.check(production);
    }
    private static final ArchRule FAULT_TOLERANCE_ONLY_AT_THE_UPSTREAM_EDGE = noClasses().that()
            .resideOutsideOfPackage(GATEWAY + ".upstream..")
            // Redis, the rate limits' store, is an upstream too: its client bounds its own calls.
            .and().doNotHaveFullyQualifiedName(GATEWAY + ".ratelimit.RedisStore")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.microprofile.faulttolerance..",
                    "io.smallrye.faulttolerance..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.smallrye.mutiny.TimeoutException")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.smallrye.mutiny.groups.UniOnTimeout")
            .because("timeouts, breakers and bulkheads belong to the client wrappers (the audit trail's writer"
                    + " bounds its commits with the request's Deadline instead); callers see typed outcomes");

    @Test
    void faultToleranceOnlyAtTheUpstreamEdge() {
        FAULT_TOLERANCE_ONLY_AT_THE_UPSTREAM_EDGE.check(production);
    }
    private static final ArchRule WALL_CLOCK_ONLY_THROUGH_THE_INJECTED_CLOCK = noClasses().that()
            .doNotHaveFullyQualifiedName(GATEWAY + ".config.Clocks")
            .should().callMethod(java.time.Instant.class, "now")
            .orShould().callMethod(java.time.LocalDate.class, "now")
            .orShould().callMethod(java.time.LocalDateTime.class, "now")
            .orShould().callMethod(java.time.OffsetDateTime.class, "now")
            .orShould().callMethod(java.time.ZonedDateTime.class, "now")
            .orShould().callMethod(java.time.Clock.class, "systemUTC")
            .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .because("time comes from the injected Clock (config.Clocks), so tests move it by hand and"
                    + " every timestamp in the audit trail has one source; System.nanoTime stays allowed"
                    + " for monotonic intervals");

    @Test
    void wallClockOnlyThroughTheInjectedClock() {
        WALL_CLOCK_ONLY_THROUGH_THE_INJECTED_CLOCK.check(production);
    }
}
