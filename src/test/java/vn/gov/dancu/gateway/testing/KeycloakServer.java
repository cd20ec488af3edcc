package vn.gov.dancu.gateway.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the distribution the build unpacks from Maven Central into
 * {@code target/keycloak}, see the pom's {@code keycloak-for-its}) started as a child process in
 * dev mode with an in-memory H2 database, importing {@code docker/keycloak/realm-dancu.json} — the
 * very file compose imports, so the realm the tests prove and the realm a province starts from
 * cannot drift apart. Test-only additions (clients with a multivalued mapper, a lifespan that
 * mints expired tokens, a rotated key) are made through the admin REST API, never in the file.
 *
 * <p>One server per JVM ({@link #shared()}), started on free ports, ready when the realm's
 * discovery document answers (polled, bounded), stopped by a shutdown hook.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "dancu";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The realm file's counter software (password grant, client credentials) and its secret. */
    public static final String COUNTER_APP = "counter-app";
    public static final String COUNTER_SECRET = "counter-secret";
    /** The sandbox users' password in the realm file. */
    public static final String PASSWORD = "sandbox";

    /** First start builds Keycloak's dev profile (about 100 s seen on two busy cores); later starts ~15 s. */
    private static final Duration READY_WITHIN = Duration.ofSeconds(300);

    private static KeycloakServer shared;

    private final Process process;
    private final String baseUrl;
    private final Path log;

    private KeycloakServer(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** The JVM's one Keycloak, started on first use. */
    public static synchronized KeycloakServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start(home(), realmFile());
            KeycloakServer started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    /** Keycloak's home: the failsafe property {@code keycloak.home}, else the build's unpack directory. */
    static Path home() {
        String configured = System.getProperty("keycloak.home");
        Path home = configured != null ? Path.of(configured) : Path.of("target", "keycloak", "keycloak-26.7.3");
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home.toAbsolutePath()
                    + ": the build unpacks it in pre-integration-test (./mvnw verify), or run"
                    + " ./mvnw dependency:unpack@keycloak-for-its");
        }
        return home;
    }

    /** The realm compose imports (docker/compose.yaml mounts this file). */
    static Path realmFile() {
        return Path.of("docker", "keycloak", "realm-dancu.json");
    }

    static KeycloakServer start(Path home, Path realm) {
        int port = freePort();
        int managementPort = freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            try (var old = Files.list(imports)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            Path log = Path.of("target", "keycloak-" + port + ".log").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                    // The issuer is pinned, as compose pins it with KC_HOSTNAME: it must equal the
                    // gateway's QUARKUS_OIDC_AUTH_SERVER_URL exactly.
                    "--hostname=" + baseUrl,
                    // A fresh realm on every start: nothing of an earlier run (rotated keys, added
                    // clients) survives.
                    "--db=dev-mem", "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
            KeycloakServer server = new KeycloakServer(builder.start(), baseUrl, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        String discovery = issuer() + "/.well-known/openid-configuration";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (status(discovery) == 200) {
                return;
            }
            try {
                process.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("Keycloak not ready within " + READY_WITHIN.toSeconds() + " s:\n" + logTail());
    }

    private static int status(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try {
                return c.getResponseCode();
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return -1;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The realm's issuer: what {@code QUARKUS_OIDC_AUTH_SERVER_URL} is set to. */
    public String issuer() {
        return baseUrl + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    /** An access token for a user of the realm, by password grant through {@code client}. */
    public String passwordToken(String client, String secret, String username) {
        return given().formParam("grant_type", "password").formParam("client_id", client)
                .formParam("client_secret", secret).formParam("username", username).formParam("password", PASSWORD)
                .post(tokenEndpoint())
                .then().statusCode(200).extract().path("access_token");
    }

    /** An officer's access token through the realm's counter software. */
    public String officerToken(String username) {
        return passwordToken(COUNTER_APP, COUNTER_SECRET, username);
    }

    /** A token of the master realm's administrator, for the admin REST API. */
    public String adminToken() {
        return given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", ADMIN).formParam("password", ADMIN_PASSWORD)
                .post(baseUrl + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** {@code GET /admin/realms/dancu/<path>}. */
    public Response adminGet(String path) {
        return given().auth().oauth2(adminToken()).get(baseUrl + "/admin/realms/" + REALM + path);
    }

    /** {@code POST /admin/realms/dancu/<path>} with a JSON body. */
    public Response adminPost(String path, Object body) {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(body)
                .post(baseUrl + "/admin/realms/" + REALM + path);
    }

    /** {@code PUT /admin/realms/dancu/<path>} with a JSON body. */
    public Response adminPut(String path, Object body) {
        return given().auth().oauth2(adminToken()).contentType(ContentType.JSON).body(body)
                .put(baseUrl + "/admin/realms/" + REALM + path);
    }

    /** Stops Keycloak (TERM, which kc.sh forwards to its JVM; KILL after 20 s). Safe to call twice. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
