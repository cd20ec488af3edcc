package vn.gov.dancu.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.CitizenRecord;
import vn.gov.dancu.sandbox.npd.NpdSimulator;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;

/**
 * The gateway's upstreams in a process of their own, for the benchmark ({@code bench/run}) and for
 * anyone who wants to run the packaged gateway against stand-ins for the real systems: the
 * {@link NpdSimulator} over {@link SyntheticPopulation#standard()}, the
 * {@link IdentityProviderSimulator}, and (unless {@code --no-database}) an embedded PostgreSQL for
 * the gateway's audit trail.
 *
 * <pre>
 * java -Xmx512m -cp "target/quarkus-app/app/*:target/quarkus-app/lib/boot/*:target/quarkus-app/lib/main/*" \
 *      vn.gov.dancu.sandbox.UpstreamsMain --npd-latency-ms 50 --env-file /tmp/upstreams.env
 * </pre>
 *
 * <p>Once everything listens it prints, one per line as {@code KEY=VALUE}, the environment the
 * packaged gateway needs ({@code NPD_URL}, {@code NPD_CLIENT_ID}, {@code NPD_CLIENT_SECRET},
 * {@code QUARKUS_OIDC_AUTH_SERVER_URL}, {@code QUARKUS_OIDC_CLIENT_ID},
 * {@code QUARKUS_OIDC_TOKEN_AUDIENCE}, {@code QUARKUS_DATASOURCE_*}) followed by
 * {@code UPSTREAMS_*} lines for the operator (token endpoints, the NPD control URL, the
 * PostgreSQL server's process id), and writes the same lines to {@code --env-file} (atomically,
 * so the file's appearance means "ready"). Then it runs until it is terminated.
 *
 * <p>The NPD can be driven at runtime over HTTP, as in the sandbox:
 * {@code curl -X POST $UPSTREAMS_NPD_CONTROL_URL -H 'Content-Type: application/json' -d '{"maintenance":true}'}
 * (also {@code latencyMillis}, {@code quotaPerSecond}); {@code GET} shows the settings and the
 * number of API calls answered so far.
 *
 * <p>Every option can also be given as an environment variable (shown in brackets); options win.
 * <ul>
 * <li>{@code --bind-host H} [UPSTREAMS_BIND_HOST] default 127.0.0.1</li>
 * <li>{@code --npd-port N} [UPSTREAMS_NPD_PORT] default 8089, 0 for any free port</li>
 * <li>{@code --idp-port N} [UPSTREAMS_IDP_PORT] default 8180, 0 for any free port</li>
 * <li>{@code --npd-latency-ms N} [UPSTREAMS_NPD_LATENCY_MS] fixed delay of every NPD answer, default 0</li>
 * <li>{@code --npd-quota N} [UPSTREAMS_NPD_QUOTA] NPD requests/s per credential, default 0 = unlimited</li>
 * <li>{@code --npd-retry-after-s N} [UPSTREAMS_NPD_RETRY_AFTER_S] Retry-After during maintenance, default 30</li>
 * <li>{@code --no-database} [UPSTREAMS_DATABASE=false] start no PostgreSQL</li>
 * <li>{@code --pg-port N} [UPSTREAMS_PG_PORT] default 0 = any free port</li>
 * <li>{@code --pg-synchronous-commit on|off} [UPSTREAMS_PG_SYNCHRONOUS_COMMIT] and
 * {@code --pg-fsync on|off} [UPSTREAMS_PG_FSYNC]: both default on, durable commits as in production
 * (the embedded server's own defaults are off, for fast tests)</li>
 * <li>{@code --env-file PATH} [UPSTREAMS_ENV_FILE] also write the settings there</li>
 * <li>{@code --citizens-file PATH} [UPSTREAMS_CITIZENS_FILE] write load-test parties there:
 * lines {@code applicant ID} and {@code birth MOTHER FATHER DECLARANT}</li>
 * </ul>
 */
public final class UpstreamsMain {

    /** How many load-test parties of each kind {@code --citizens-file} lists (at most). */
    static final int LOAD_TEST_PARTIES = 200;

    private UpstreamsMain() {
    }

    /** The parsed options; see the class comment. */
    record Options(String bindHost, int npdPort, int idpPort, int npdLatencyMillis, int npdQuota,
                   int npdRetryAfterSeconds, boolean database, int pgPort, String pgSynchronousCommit, String pgFsync,
                   Optional<Path> envFile, Optional<Path> citizensFile) {

        static Options parse(List<String> args, Map<String, String> env) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--no-database")) {
                    given.put("database", "false");
                } else if (arg.equals("--help") || arg.equals("-h")) {
                    throw new IllegalArgumentException("usage");
                } else if (arg.startsWith("--")) {
                    String name = arg.substring(2);
                    String value;
                    int eq = name.indexOf('=');
                    if (eq >= 0) {
                        value = name.substring(eq + 1);
                        name = name.substring(0, eq);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException("option --" + name + " needs a value");
                    }
                    given.put(name, value);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
            }
            Setting s = new Setting(given, env);
            String sync = s.get("pg-synchronous-commit", "on").toLowerCase(Locale.ROOT);
            if (!List.of("on", "off", "local", "remote_write", "remote_apply").contains(sync)) {
                throw new IllegalArgumentException("--pg-synchronous-commit must be on or off");
            }
            String fsync = s.get("pg-fsync", "on").toLowerCase(Locale.ROOT);
            if (!List.of("on", "off").contains(fsync)) {
                throw new IllegalArgumentException("--pg-fsync must be on or off");
            }
            Options options = new Options(s.get("bind-host", Sandbox.DEFAULT_BIND_HOST),
                    s.integer("npd-port", Sandbox.DEFAULT_NPD_PORT),
                    s.integer("idp-port", Sandbox.DEFAULT_IDP_PORT),
                    s.integer("npd-latency-ms", 0),
                    s.integer("npd-quota", 0),
                    s.integer("npd-retry-after-s", (int) NpdSimulator.DEFAULT_MAINTENANCE_RETRY_AFTER.toSeconds()),
                    Boolean.parseBoolean(s.get("database", "true")),
                    s.integer("pg-port", 0),
                    sync,
                    fsync,
                    Optional.ofNullable(s.get("env-file", null)).map(Path::of),
                    Optional.ofNullable(s.get("citizens-file", null)).map(Path::of));
            s.rejectUnknown();
            return options;
        }
    }

    /** An option from the command line, else from {@code UPSTREAMS_<NAME>}, else its default. */
    private static final class Setting {
        private final Map<String, String> given;
        private final Map<String, String> env;
        private final List<String> known = new ArrayList<>();

        Setting(Map<String, String> given, Map<String, String> env) {
            this.given = given;
            this.env = env;
        }

        String get(String name, String defaultValue) {
            known.add(name);
            String value = given.get(name);
            if (value == null) {
                value = env.get("UPSTREAMS_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            return value == null || value.isBlank() ? defaultValue : value.strip();
        }

        int integer(String name, int defaultValue) {
            String value = get(name, String.valueOf(defaultValue));
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < 0) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number >= 0, not " + value);
            }
        }

        void rejectUnknown() {
            for (String name : given.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
        }
    }

    public static void main(String... args) throws Exception {
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("UpstreamsMain: " + e.getMessage());
            System.err.println("options: --bind-host H --npd-port N --idp-port N --npd-latency-ms N --npd-quota N"
                    + " --npd-retry-after-s N --no-database --pg-port N --pg-synchronous-commit on|off --pg-fsync on|off"
                    + " --env-file PATH --citizens-file PATH (see the class comment)");
            System.exit(64);
            return;
        }
        Upstreams upstreams = Upstreams.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            upstreams.close();
            stopped.countDown();
        }, "upstreams-shutdown"));

        Map<String, String> settings = upstreams.settings();
        StringBuilder lines = new StringBuilder();
        settings.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        System.out.print(lines);
        System.out.flush();
        if (options.citizensFile().isPresent()) {
            writeAtomically(options.citizensFile().get(), loadTestParties(SyntheticPopulation.standard()));
        }
        if (options.envFile().isPresent()) {
            writeAtomically(options.envFile().get(), lines.toString());
        }
        stopped.await();
    }

    /** The running upstreams and what the gateway needs to reach them. */
    static final class Upstreams implements AutoCloseable {
        private final Sandbox simulators;
        private final NpdSimulator npd;
        private final IdentityProviderSimulator idp;
        private final EmbeddedPostgres postgres;
        private boolean closed;

        private Upstreams(Sandbox simulators, EmbeddedPostgres postgres) {
            this.simulators = simulators;
            this.npd = simulators.npd();
            this.idp = simulators.idp();
            this.postgres = postgres;
        }

        static Upstreams start(Options options) throws IOException {
            // PostgreSQL (initdb and start) and the population (generated in memory) take a few
            // seconds each and need nothing of each other: both at once halve the wait.
            CompletableFuture<EmbeddedPostgres> database = options.database()
                    ? CompletableFuture.supplyAsync(() -> startPostgres(options))
                    : CompletableFuture.completedFuture(null);
            Sandbox simulators;
            try {
                simulators = Sandbox.start(options.bindHost(), options.npdPort(), options.idpPort());
            } catch (RuntimeException e) {
                database.thenAccept(Upstreams::closeQuietly);
                throw e;
            }
            simulators.npd().latency(Duration.ofMillis(options.npdLatencyMillis()))
                    .quota(options.npdQuota())
                    .maintenanceRetryAfter(Duration.ofSeconds(options.npdRetryAfterSeconds()));
            try {
                return new Upstreams(simulators, database.join());
            } catch (java.util.concurrent.CompletionException e) {
                simulators.close();
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e;
            }
        }

        private static EmbeddedPostgres startPostgres(Options options) {
            try {
                return EmbeddedPostgres.builder()
                        .setPort(options.pgPort())
                        .setServerConfig("synchronous_commit", options.pgSynchronousCommit())
                        // the embedded server starts with -F (no fsync); this comes after and wins
                        .setServerConfig("fsync", options.pgFsync())
                        // initdb's and the server's chatter stays out of the console
                        .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }

        private static void closeQuietly(EmbeddedPostgres postgres) {
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the process is ending; the temporary data directory goes with it
                }
            }
        }

        /** The gateway's environment, then the operator's {@code UPSTREAMS_*} extras. */
        Map<String, String> settings() {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("NPD_URL", npd.baseUrl());
            settings.put("NPD_CLIENT_ID", NpdSimulator.DEFAULT_CLIENT_ID);
            settings.put("NPD_CLIENT_SECRET", NpdSimulator.DEFAULT_CLIENT_SECRET);
            settings.put("QUARKUS_OIDC_AUTH_SERVER_URL", idp.issuer());
            settings.put("QUARKUS_OIDC_CLIENT_ID", Sandbox.GATEWAY_CLIENT_ID);
            settings.put("QUARKUS_OIDC_TOKEN_AUDIENCE", IdentityProviderSimulator.DEFAULT_AUDIENCE);
            settings.putAll(simulators.vneidConfig()); // identity (issue 8)
            // the dashboard's login (issue 9): the authorization-code client's secret
            settings.put("QUARKUS_OIDC_DASHBOARD_CREDENTIALS_SECRET", IdentityProviderSimulator.DASHBOARD_SECRET);
            if (postgres != null) {
                settings.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
                settings.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
                settings.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            }
            settings.put("UPSTREAMS_IDP_TOKEN_URL", idp.tokenEndpoint());
            settings.put("UPSTREAMS_NPD_TOKEN_URL", npd.baseUrl() + "/oauth2/token");
            settings.put("UPSTREAMS_NPD_CONTROL_URL", npd.baseUrl() + "/sandbox/behaviour");
            settings.put("UPSTREAMS_PID", String.valueOf(ProcessHandle.current().pid()));
            if (postgres != null) {
                postmasterPid(postgres).ifPresent(pid -> settings.put("UPSTREAMS_POSTGRES_PID", pid));
            }
            return settings;
        }

        /**
         * The server's process id (first line of postmaster.pid in its data directory), so that
         * whoever started this process can stop PostgreSQL even if this JVM dies without its
         * shutdown hook.
         */
        private static Optional<String> postmasterPid(EmbeddedPostgres postgres) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SHOW data_directory")) {
                row.next();
                List<String> lines = Files.readAllLines(Path.of(row.getString(1), "postmaster.pid"));
                return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).strip());
            } catch (SQLException | IOException e) {
                return Optional.empty();
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            simulators.close();
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the process is ending; the temporary data directory goes with it
                }
            }
        }
    }

    /**
     * Parties for load tests, the same on every machine: living adults for one-party procedures,
     * and (mother, father, declarant) triples of three different living people where the mother
     * is a married woman whose husband is in the NPD, so a birth registration is ordinary.
     */
    static String loadTestParties(SyntheticPopulation population) {
        List<CitizenRecord> sample = population.sample(4 * LOAD_TEST_PARTIES * 10);
        StringBuilder out = new StringBuilder();
        List<CitizenRecord> adults = sample.stream().filter(UpstreamsMain::livingAdult).toList();
        adults.stream().limit(LOAD_TEST_PARTIES)
                .forEach(c -> out.append("applicant ").append(c.personalId()).append('\n'));
        int births = 0;
        int declarantIndex = 0;
        for (CitizenRecord mother : sample) {
            if (births == LOAD_TEST_PARTIES) {
                break;
            }
            if (mother.gender() != CitizenRecord.Gender.FEMALE || !livingAdult(mother) || mother.spouse() == null
                    || mother.spouse().personalId() == null) {
                continue;
            }
            Optional<CitizenRecord> father = population.find(mother.spouse().personalId())
                    .filter(f -> f.gender() == CitizenRecord.Gender.MALE && livingAdult(f));
            if (father.isEmpty()) {
                continue;
            }
            CitizenRecord declarant = adults.get(declarantIndex++ % adults.size());
            if (declarant.personalId().equals(mother.personalId())
                    || declarant.personalId().equals(father.get().personalId())) {
                declarant = adults.get(declarantIndex++ % adults.size());
            }
            out.append("birth ").append(mother.personalId()).append(' ').append(father.get().personalId())
                    .append(' ').append(declarant.personalId()).append('\n');
            births++;
        }
        return out.toString();
    }

    private static boolean livingAdult(CitizenRecord citizen) {
        String born = citizen.dateOfBirth();
        return citizen.lifeStatus() == CitizenRecord.LifeStatus.ALIVE && born != null && born.length() >= 4
                && Integer.parseInt(born.substring(0, 4)) <= population().referenceDate().getYear() - 20;
    }

    private static SyntheticPopulation population() {
        return SyntheticPopulation.standard();
    }

    private static void writeAtomically(Path target, String content) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
