package vn.gov.dancu.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;

/**
 * The sandbox a vendor starts with {@code bin/sandbox}: the simulated NPD, the simulated officers'
 * identity provider and a PostgreSQL in this process, and the <em>packaged gateway, unchanged</em>
 * ({@code java -jar target/quarkus-app/quarkus-run.jar}) in a process of its own, configured only
 * by the environment variables of spec §2. What a vendor tries is what a province deploys: the
 * production artifact holds no simulator and no setting that would start one; this launcher and
 * the simulators are test code, run from the test class path.
 *
 * <p>Ports, each from a flag or an environment variable (flags win), 0 for any free port:
 * <ul>
 * <li>{@code --port} [SANDBOX_PORT] the gateway, default {@value #DEFAULT_GATEWAY_PORT}</li>
 * <li>{@code --npd-port} [SANDBOX_NPD_PORT] the NPD simulator, default {@value Sandbox#DEFAULT_NPD_PORT}</li>
 * <li>{@code --idp-port} [SANDBOX_IDP_PORT] the identity provider, default {@value Sandbox#DEFAULT_IDP_PORT}</li>
 * <li>{@code --pg-port} [SANDBOX_PG_PORT] PostgreSQL, default 0 (any free port; the banner says which)</li>
 * <li>{@code --bind-host} [SANDBOX_BIND_HOST] where everything listens, default 127.0.0.1</li>
 * <li>{@code --gateway-jar} [SANDBOX_GATEWAY_JAR] default {@value #DEFAULT_JAR}; {@code SANDBOX_GATEWAY_JAVA_OPTS}
 * adds JVM options to the gateway's command line</li>
 * </ul>
 * A port already in use stops the start with one line naming the port and the variable that moves it.
 * The gateway's log goes to {@code target/sandbox/gateway.log}; the console shows a short banner and
 * the gateway's warnings and errors.
 */
public final class SandboxMain {

    static final int DEFAULT_GATEWAY_PORT = 8080;
    static final String DEFAULT_JAR = "target/quarkus-app/quarkus-run.jar";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private SandboxMain() {
    }

    /** The launcher's options; see the class comment. */
    record Options(String bindHost, int gatewayPort, int npdPort, int idpPort, int pgPort, Path gatewayJar,
                   List<String> gatewayJavaOptions) {

        static Options parse(List<String> args, Map<String, String> env) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                String name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    given.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    given.put(name, args.get(++i));
                } else {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
            }
            List<String> known = List.of("port", "npd-port", "idp-port", "pg-port", "bind-host", "gateway-jar",
                    "vneid-port");
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            // The VNeID simulator's port (identity, issue 8) travels to Sandbox.start as a property.
            System.setProperty("sandbox.vneid.port",
                    String.valueOf(port(given, env, "vneid-port", Sandbox.DEFAULT_VNEID_PORT)));
            String javaOptions = env.getOrDefault("SANDBOX_GATEWAY_JAVA_OPTS", "").strip();
            return new Options(value(given, env, "bind-host", Sandbox.DEFAULT_BIND_HOST),
                    port(given, env, "port", DEFAULT_GATEWAY_PORT),
                    port(given, env, "npd-port", Sandbox.DEFAULT_NPD_PORT),
                    port(given, env, "idp-port", Sandbox.DEFAULT_IDP_PORT),
                    port(given, env, "pg-port", 0),
                    Path.of(value(given, env, "gateway-jar", DEFAULT_JAR)),
                    javaOptions.isEmpty() ? List.of() : List.of(javaOptions.split("\\s+")));
        }

        private static String value(Map<String, String> given, Map<String, String> env, String name, String dflt) {
            String value = given.get(name);
            if (value == null) {
                value = env.get(variable(name));
            }
            return value == null || value.isBlank() ? dflt : value.strip();
        }

        private static int port(Map<String, String> given, Map<String, String> env, String name, int dflt) {
            String value = value(given, env, name, String.valueOf(dflt));
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " (" + variable(name) + ") must be a port number, not "
                        + value);
            }
        }
    }

    /** The environment variable behind an option: {@code npd-port} → {@code SANDBOX_NPD_PORT}, {@code port} → {@code SANDBOX_PORT}. */
    static String variable(String option) {
        return "SANDBOX_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static void main(String... args) throws Exception {
        long started = System.nanoTime();
        quietLibraries();
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + "\n  options: --port N --npd-port N --idp-port N --vneid-port N --pg-port N --bind-host H"
                    + " --gateway-jar PATH (or SANDBOX_PORT, SANDBOX_NPD_PORT, ...; see README)");
            return;
        }
        if (!Files.isRegularFile(options.gatewayJar())) {
            fail("the packaged gateway " + options.gatewayJar() + " is missing: build it with ./mvnw package -DskipTests");
            return;
        }
        Optional<String> busy = busyPort(options);
        if (busy.isPresent()) {
            fail(busy.get());
            return;
        }

        UpstreamsMain.Upstreams upstreams = UpstreamsMain.Upstreams.start(new UpstreamsMain.Options(
                options.bindHost(), options.npdPort(), options.idpPort(), 0, 0,
                (int) vn.gov.dancu.sandbox.npd.NpdSimulator.DEFAULT_MAINTENANCE_RETRY_AFTER.toSeconds(), true,
                options.pgPort(), "off", "off", Optional.empty(), Optional.empty()));
        Map<String, String> settings = upstreams.settings();
        int gatewayPort = options.gatewayPort() == 0 ? freePort(options.bindHost()) : options.gatewayPort();

        Path logDir = Path.of("target", "sandbox");
        Files.createDirectories(logDir);
        Path log = logDir.resolve("gateway.log");
        Process gateway = startGateway(options, settings, gatewayPort, log);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(gateway);
            upstreams.close();
        }, "sandbox-shutdown"));
        Thread echo = new Thread(() -> GatewayLog.echoProblems(log, gateway), "sandbox-gateway-log");
        echo.setDaemon(true);
        echo.start();

        String gatewayUrl = "http://" + hostForUrls(options.bindHost()) + ":" + gatewayPort;
        if (!awaitReady(gatewayUrl, gateway)) {
            System.err.println("sandbox: the gateway did not become ready; the end of " + log + ":");
            GatewayLog.tail(log, 30).forEach(line -> System.err.println("  " + line));
            stop(gateway);
            upstreams.close();
            System.exit(1);
            return;
        }
        System.out.print(banner(gatewayUrl, settings, log, Duration.ofNanos(System.nanoTime() - started)));
        System.out.flush();
        int exit = gateway.waitFor();
        // Ctrl-C runs the shutdown hook; a gateway that ended on its own ends the sandbox with its code.
        System.exit(exit);
    }

    /** Starts the packaged gateway with the sandbox's endpoints as its environment (spec §2), nothing else. */
    private static Process startGateway(Options options, Map<String, String> settings, int port, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx256m");
        // A sandbox starts often and serves little: the quick first-tier compiler starts it sooner.
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(options.gatewayJavaOptions());
        command.add("-jar");
        command.add(options.gatewayJar().toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        settings.forEach((key, value) -> {
            if (!key.startsWith("UPSTREAMS_")) {
                env.put(key, value);
            }
        });
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", options.bindHost());
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false"); // people read the sandbox log: text, not JSON
        builder.redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        return builder.start();
    }

    private static boolean awaitReady(String gatewayUrl, Process gateway) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(gatewayUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && gateway.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // polling a process we do not control; nothing to wait on instead
        }
        return false;
    }

    static String banner(String gatewayUrl, Map<String, String> settings, Path log, Duration took) {
        String idp = settings.get("QUARKUS_OIDC_AUTH_SERVER_URL");
        String npd = settings.get("NPD_URL");
        String token = settings.get("UPSTREAMS_IDP_TOKEN_URL");
        String jdbc = settings.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", "(none)");
        String vneid = settings.getOrDefault("VNEID_URL", "(none)");
        return String.format(Locale.ROOT, """

                dancu-gateway sandbox ready in %.1f s

                  gateway            %s   (the packaged gateway, unchanged; log: %s)
                  NPD simulator      %s   (control: /sandbox/behaviour, /sandbox/calls, /sandbox/reset)
                  identity provider  %s   (users cs-officer, jr-officer, auditor, reporter, no-agency; password "%s")
                  VNeID simulator    %s   (citizens' QR codes and ID tokens: /_sim/qr-codes, /_sim/id-tokens)
                  PostgreSQL         %s   (user postgres, password postgres)

                An officer token (fails loudly on a wrong password):
                  TOKEN=$(curl -sSf %s -d grant_type=password -d client_id=counter-app \\
                    -d username=cs-officer -d password=%s) && TOKEN=$(printf '%%s' "$TOKEN" | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')

                A prefill:
                  curl -s %s/api/v1/prefill/birth-registration -H "Authorization: Bearer $TOKEN" \\
                    -H 'Content-Type: application/json' \\
                    -d '{"caseId":"HS-2026-000123","parties":{"mother":"070190004521","father":"070089001234","declarant":"070165002288"}}'

                A citizen's VNeID QR code (valid 120 s, once), then the proof:
                  CODE=$(curl -s %s/_sim/qr-codes -H 'Content-Type: application/json' \
                    -d '{"personalId":"070165002288"}' | sed -E 's/.*"code":"([^"]+)".*/\1/')
                  curl -s %s/api/v1/identity/verify -H "Authorization: Bearer $TOKEN" \
                    -H 'Content-Type: application/json' -d "{\"caseId\":\"HS-2026-000123\",\"method\":\"VNEID_QR\",\"code\":\"$CODE\"}"

                The dashboard (log in as reporter or auditor, password "%s"):
                  %s/dashboard

                Ctrl-C stops everything. README.md has the walk-through and the personas.
                """, took.toMillis() / 1000.0, gatewayUrl, log, npd, idp, IdentityProviderSimulator.PASSWORD, vneid, jdbc,
                token, IdentityProviderSimulator.PASSWORD, gatewayUrl, vneid, gatewayUrl,
                IdentityProviderSimulator.PASSWORD, gatewayUrl);
    }

    /** The first port of the sandbox that something else holds, as the one line a newcomer needs. */
    static Optional<String> busyPort(Options options) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("port", options.gatewayPort());
        ports.put("npd-port", options.npdPort());
        ports.put("idp-port", options.idpPort());
        ports.put("pg-port", options.pgPort());
        ports.put("vneid-port", Integer.getInteger("sandbox.vneid.port", Sandbox.DEFAULT_VNEID_PORT));
        for (Map.Entry<String, Integer> entry : ports.entrySet()) {
            int port = entry.getValue();
            if (port != 0 && !free(options.bindHost(), port)) {
                return Optional.of(String.format(Locale.ROOT,
                        "port %d (%s) is in use: set %s=<another port> (or --%s) to move it", port,
                        role(entry.getKey()), variable(entry.getKey()), entry.getKey()));
            }
        }
        return Optional.empty();
    }

    private static String role(String option) {
        return switch (option) {
            case "port" -> "gateway";
            case "npd-port" -> "NPD simulator";
            case "idp-port" -> "identity provider";
            case "vneid-port" -> "VNeID simulator";
            default -> "PostgreSQL";
        };
    }

    private static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostForUrls(String bindHost) {
        return "0.0.0.0".equals(bindHost) || "127.0.0.1".equals(bindHost) ? "localhost" : bindHost;
    }

    private static void stop(Process gateway) {
        if (!gateway.isAlive()) {
            return;
        }
        gateway.destroy();
        try {
            if (!gateway.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        } catch (InterruptedException e) {
            gateway.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The simulators' and the embedded PostgreSQL's start-up chatter stays out of the banner. */
    private static void quietLibraries() {
        for (String category : List.of("io.zonky", "vn.gov.dancu.sandbox", "io.vertx", "io.netty")) {
            java.util.logging.Logger.getLogger(category).setLevel(Level.WARNING);
        }
    }

    private static void fail(String message) {
        System.err.println("sandbox: " + message);
        System.exit(1);
    }

    /** The gateway's log file: its problems echoed to the console, its tail shown when it fails to start. */
    static final class GatewayLog {

        private GatewayLog() {
        }

        /** Follows the log while the gateway runs and prints its WARN and ERROR lines. */
        static void echoProblems(Path log, Process gateway) {
            try (var reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                while (true) {
                    String line = reader.readLine();
                    if (line == null) {
                        if (!gateway.isAlive()) {
                            return;
                        }
                        Thread.sleep(200); // tailing a file: there is nothing to wait on
                        continue;
                    }
                    if (line.contains(" WARN ") || line.contains(" ERROR ")) {
                        System.err.println("gateway: " + line);
                    }
                }
            } catch (IOException e) {
                // the log went away with the gateway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static List<String> tail(Path log, int lines) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return all.subList(Math.max(0, all.size() - lines), all.size());
            } catch (IOException e) {
                return List.of("(no log: " + e.getMessage() + ")");
            }
        }
    }
}
