package vn.gov.dancu.gateway.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.sandbox.Sandbox;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.CitizenRecord;
import vn.gov.dancu.sandbox.npd.NpdCall;
import vn.gov.dancu.sandbox.npd.NpdEvent;
import vn.gov.dancu.sandbox.npd.NpdSimulator;

/**
 * Issue 8's "done when" for the outbox: the NPD is down, 1,000 civil-status events are posted to
 * TWO packaged gateways sharing one PostgreSQL, the NPD comes back, one gateway is killed with
 * SIGKILL while deliveries are in flight — and the NPD ends up with each of the 1,000 events
 * applied exactly once, the outbox with 1,000 DELIVERED. The killed instance's claimed events are
 * delivered by the survivor once their lease has run out.
 *
 * <p>"Exactly once" is what the NPD applied: its write log ({@link NpdSimulator#events()}) holds
 * one entry per accepted idempotency key. A delivery that reached the NPD just before the kill is
 * sent again after the lease (the gateway never heard the answer); the NPD answers it as a replay
 * and applies nothing. Those replays are counted and reported as "duplicate deliveries".
 */
class OutboxCrashIT {

    static final int EVENTS = 1_000;
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(75);

    @Test
    void everyEventIsDeliveredExactlyOnceThroughAKilledInstance() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "package the gateway first");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start();
             Sandbox sandbox = Sandbox.start(0, 0)) {
            NpdSimulator npd = sandbox.npd();
            // Down, saying so with a short Retry-After, and a little slow once back, so that
            // deliveries are in flight when the instance is killed.
            npd.maintenanceRetryAfter(Duration.ofSeconds(1)).maintenance(true);
            String jdbc = pg.getJdbcUrl("postgres", "postgres");
            Path logs = Files.createDirectories(Path.of("target", "outbox-crash"));
            Gateway a = Gateway.start("a", sandbox, jdbc, logs);
            Gateway b = Gateway.start("b", sandbox, jdbc, logs);
            try {
                a.awaitReady();
                b.awaitReady();
                String token = sandbox.officerToken("cs-officer");
                List<String> bodies = bodies(sandbox);

                long postStart = System.nanoTime();
                postAll(bodies, List.of(a, b), token);
                Duration posting = Duration.ofNanos(System.nanoTime() - postStart);
                assertEquals(EVENTS, count(pg, "SELECT count(*) FROM civil_status_event WHERE status = 'PENDING'"),
                        "all accepted while the NPD is down, none delivered");

                npd.clearCalls();
                npd.latency(Duration.ofMillis(150));
                npd.maintenance(false);
                long back = System.nanoTime();
                // Kill A while deliveries are under way: some delivered, many still to go.
                poll(Duration.ofSeconds(40), () -> npd.events().size() >= 100);
                long inFlightAtKill = count(pg, "SELECT count(*) FROM civil_status_event WHERE status = 'PENDING'"
                        + " AND claim_token IS NOT NULL AND next_attempt_at > clock_timestamp()");
                a.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no last commit
                a.process.waitFor();
                int deliveredAtKill = npd.events().size();

                poll(DRAIN_TIMEOUT, () -> count(pg,
                        "SELECT count(*) FROM civil_status_event WHERE status <> 'DELIVERED'") == 0);
                Duration drain = Duration.ofNanos(System.nanoTime() - back);

                List<NpdEvent> applied = npd.events();
                Map<String, Long> perRegistration = applied.stream()
                        .collect(Collectors.groupingBy(NpdEvent::registrationNumber, Collectors.counting()));
                long attempts = count(pg, "SELECT coalesce(sum(attempts), 0) FROM civil_status_event");
                List<NpdCall> calls = npd.calls().stream()
                        .filter(c -> c.path().equals("/api/v1/civil-status-events")).toList();
                long answered = calls.stream().filter(c -> c.status() == 202).count();
                long duplicates = answered - applied.size();
                String figures = String.format(Locale.ROOT, """
                        # Outbox crash test (OutboxCrashIT)

                        Two packaged gateways (`java -jar target/quarkus-app/quarkus-run.jar`) share one PostgreSQL;
                        the NPD simulator is in maintenance while %d civil-status events are posted, spread over
                        both; the NPD comes back (150 ms per answer); instance A is killed with SIGKILL once 100
                        events are applied; instance B delivers the rest, including A's claims after their lease
                        (GATEWAY_OUTBOX_LEASE=6s).

                        | figure | value |
                        |---|---|
                        | events posted (202) | %d |
                        | time to post them | %.1f s |
                        | events applied by the NPD when A was killed | %d |
                        | events claimed by A or B and in flight when A was killed | %d |
                        | time from the NPD's return to a drained outbox | %.1f s |
                        | outbox rows DELIVERED | %d |
                        | events the NPD applied (distinct idempotency keys) | %d |
                        | events the NPD applied twice | %d |
                        | delivery attempts recorded in the outbox | %d |
                        | NPD answers 202 after its return (deliveries incl. replays) | %d |
                        | duplicate deliveries (replays answered from the NPD's idempotency record) | %d |
                        """, EVENTS, EVENTS, posting.toMillis() / 1000.0, deliveredAtKill, inFlightAtKill,
                        drain.toMillis() / 1000.0,
                        count(pg, "SELECT count(*) FROM civil_status_event WHERE status = 'DELIVERED'"),
                        perRegistration.size(),
                        perRegistration.values().stream().filter(n -> n > 1).count(), attempts, answered, duplicates);
                System.out.println(figures);
                Files.createDirectories(Path.of("bench", "results"));
                Files.writeString(Path.of("bench", "results", "outbox-crash.md"), figures);

                assertEquals(EVENTS, count(pg, "SELECT count(*) FROM civil_status_event WHERE status = 'DELIVERED'"));
                assertEquals(EVENTS, applied.size(), "the NPD applied every event once");
                assertEquals(EVENTS, perRegistration.size());
                assertTrue(perRegistration.values().stream().allMatch(n -> n == 1), "no event applied twice");
            } finally {
                a.stop();
                b.stop();
            }
        }
    }

    /** 1,000 distinct births between people the NPD knows (each registration number once). */
    private static List<String> bodies(Sandbox sandbox) {
        List<CitizenRecord> people = sandbox.population().sample(2 * EVENTS + 10);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; bodies.size() < EVENTS; i += 2) {
            bodies.add("""
                    {"caseId":"HS-CRASH-%04d","type":"BIRTH_REGISTERED","registrationNumber":"KS-CRASH-%04d",
                     "registrationDate":"2026-01-20","registrationAuthority":"UBND-P-DONGXOAI",
                     "subjects":{"child":"%s","mother":"%s"}}""".formatted(i / 2, i / 2,
                    people.get(i).personalId(), people.get(i + 1).personalId()));
        }
        return bodies;
    }

    private static void postAll(List<String> bodies, List<Gateway> gateways, String token) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < bodies.size(); i++) {
                Gateway target = gateways.get(i % gateways.size());
                String body = bodies.get(i);
                String key = String.format(Locale.ROOT, "crash-event-%04d", i);
                answers.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(target.url
                        + "/api/v1/civil-status-events")).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString())));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertEquals(202, response.statusCode(), response::body);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(EmbeddedPostgres pg, String sql) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} every 200 ms until it holds; fails after {@code timeout}. */
    private static void poll(Duration timeout, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(200); // polling processes we do not control; a bounded wait, not synchronisation
        }
    }

    /** One packaged gateway process, configured by spec §2's variables only (plus the outbox's lease). */
    private static final class Gateway {
        final Process process;
        final String url;

        private Gateway(Process process, String url) {
            this.process = process;
            this.url = url;
        }

        static Gateway start(String name, Sandbox sandbox, String jdbc, Path logs) throws IOException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString());
            Map<String, String> env = builder.environment();
            env.put("NPD_URL", sandbox.npd().baseUrl());
            env.put("NPD_CLIENT_ID", NpdSimulator.DEFAULT_CLIENT_ID);
            env.put("NPD_CLIENT_SECRET", NpdSimulator.DEFAULT_CLIENT_SECRET);
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", sandbox.idp().issuer());
            env.put("QUARKUS_OIDC_CLIENT_ID", Sandbox.GATEWAY_CLIENT_ID);
            env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", IdentityProviderSimulator.DEFAULT_AUDIENCE);
            // required in production although no identity proof is made here
            env.putAll(sandbox.vneidConfig());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbc);
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            // A short lease, so the killed instance's claims come back within the test's budget.
            env.put("GATEWAY_OUTBOX_LEASE", "6s");
            env.put("GATEWAY_OUTBOX_MAX_BACKOFF", "2s");
            env.put("GATEWAY_NPD_QUOTA_REQUESTS_PER_SECOND", "200");
            env.put("GATEWAY_NPD_QUOTA_BURST", "50");
            builder.redirectErrorStream(true);
            builder.redirectOutput(logs.resolve("gateway-" + name + ".log").toFile());
            return new Gateway(builder.start(), "http://127.0.0.1:" + port);
        }

        void awaitReady() throws InterruptedException {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            poll(Duration.ofSeconds(120), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("gateway exited with " + process.exitValue());
                }
                try {
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            });
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
