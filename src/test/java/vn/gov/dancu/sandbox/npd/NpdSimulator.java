package vn.gov.dancu.sandbox.npd;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import org.jboss.logging.Logger;
import vn.gov.dancu.sandbox.SandboxVertx;

/**
 * The national population database as the gateway sees it (upstreams/npd.openapi.yaml), served
 * over real HTTP on its own port: OAuth2 client credentials, purpose headers, field filtering,
 * batch lookups, claim verification, newborn numbers and civil-status events, over the
 * {@link SyntheticPopulation}.
 *
 * <p>It is an independent implementation of the contract (it shares no code with the gateway's
 * NPD client), and it can misbehave on demand the way the real service does: a per-client quota
 * (429), a maintenance window (503), a fixed latency, expired tokens. Every data call is kept in a
 * bounded log that tests read to see what the gateway asked.
 *
 * <p>Requests are served by several event loops and never block one; latency is a Vert.x timer.
 * {@link #start(int)} and {@link #close()} block the caller and must not run on an event loop.
 */
public final class NpdSimulator implements AutoCloseable {

    public static final String DEFAULT_CLIENT_ID = "dancu-gateway";
    public static final String DEFAULT_CLIENT_SECRET = "sandbox-npd-secret";
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(300);
    /** What {@code Retry-After} says during maintenance unless {@link #maintenanceRetryAfter} changes it. */
    public static final Duration DEFAULT_MAINTENANCE_RETRY_AFTER = Duration.ofSeconds(30);
    /** How many of the most recent calls {@link #calls()} keeps. */
    public static final int CALL_LOG_CAPACITY = 2_000;
    /** The contract's purpose codes: the only accepted values of X-Purpose. */
    public static final Set<String> PURPOSES = Set.of("BIRTH_REGISTRATION", "DEATH_REGISTRATION",
            "MARRIAGE_REGISTRATION", "JUDICIAL_RECORD", "BIRTH_RESIDENCE_INSURANCE", "DEATH_RESIDENCE_FUNERAL");

    private static final Logger LOG = Logger.getLogger(NpdSimulator.class);
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();
    /** Expired tokens are kept this long so that a late caller hears TOKEN_EXPIRED, not TOKEN_INVALID. */
    private static final Duration EXPIRED_TOKEN_MEMORY = Duration.ofHours(1);

    /** An access token the simulator issued, bound to the client that asked for it. */
    record IssuedToken(String clientId, Instant expiresAt) {
    }

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final Clock clock;
    private final NpdWrites writes;
    private final SecureRandom secureRandom = new SecureRandom();
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final ArrayDeque<NpdCall> calls = new ArrayDeque<>();
    private final AtomicLong callCount = new AtomicLong();
    private final List<String> deployments = new ArrayList<>();

    private volatile Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private volatile int quotaPerSecond;
    private volatile boolean maintenance;
    private volatile Duration maintenanceRetryAfter = DEFAULT_MAINTENANCE_RETRY_AFTER;
    private volatile Duration latency = Duration.ZERO;
    private volatile int port = -1;
    private boolean closed;

    /** A simulator on its own Vert.x and the system clock, knowing the default client credentials. */
    public NpdSimulator(SyntheticPopulation population) {
        this(population, null, Clock.systemUTC());
    }

    /**
     * @param vertx a Vert.x to share (not closed by {@link #close()}), or null for one of its own
     * @param clock the time for token expiry, quotas and updatedAt; tests pass one they can move
     */
    public NpdSimulator(SyntheticPopulation population, Vertx vertx, Clock clock) {
        this.ownsVertx = vertx == null;
        this.vertx = vertx != null ? vertx : SandboxVertx.create();
        this.clock = clock;
        this.writes = new NpdWrites(population, clock);
        clients.put(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
    }

    // --- lifecycle ----------------------------------------------------------------------------

    /** Listens on 127.0.0.1 and {@code port} (0 picks a free one); blocks until it listens. */
    public NpdSimulator start(int port) {
        return start("127.0.0.1", port);
    }

    /**
     * Listens on {@code host}; one server per event loop (up to four) shares the port, so the
     * simulator keeps up with a gateway under load test.
     */
    public synchronized NpdSimulator start(String host, int port) {
        if (this.port >= 0 || closed) {
            throw new IllegalStateException(closed ? "closed" : "already started on port " + this.port);
        }
        // Servers on the same host and port share it, Vert.x balancing connections across them. For
        // "any free port" a negative port asks Vert.x for one random port shared by all servers using
        // that same negative number; each simulator takes its own number.
        int bindPort = port == 0 ? -SHARED_RANDOM_PORTS.incrementAndGet() : port;
        NpdVerticle first = new NpdVerticle(host, bindPort);
        deployments.add(SandboxVertx.await(vertx.deployVerticle(first)));
        int instances = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        for (int i = 1; i < instances; i++) {
            deployments.add(SandboxVertx.await(vertx.deployVerticle(new NpdVerticle(host, bindPort))));
        }
        this.port = first.actualPort;
        LOG.infof("NPD simulator listening on http://%s:%d (%d event loops)", host, this.port, instances);
        return this;
    }

    /** The port it listens on; -1 before {@link #start(int)}. */
    public int port() {
        return port;
    }

    /** {@code http://localhost:{port}}: the value for NPD_URL. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Stops listening and, when it created its own Vert.x, closes it. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String id : deployments) {
            SandboxVertx.await(vertx.undeploy(id));
        }
        deployments.clear();
        if (ownsVertx) {
            SandboxVertx.await(vertx.close());
        }
        port = -1;
    }

    // --- credentials and tokens ---------------------------------------------------------------

    /** Accepts another client credential (the default one stays valid). */
    public NpdSimulator client(String clientId, String clientSecret) {
        clients.put(clientId, clientSecret);
        return this;
    }

    /** How long new tokens live ({@code expires_in}); default {@link #DEFAULT_TOKEN_LIFETIME}. */
    public NpdSimulator tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    /** Makes every token issued so far expired, so the next call with one gets TOKEN_EXPIRED. */
    public void expireAllTokens() {
        Instant past = clock.instant().minusMillis(1);
        tokens.replaceAll((token, issued) -> new IssuedToken(issued.clientId(), past));
    }

    /** How many tokens were issued since start: proves a client caches its token. */
    public int tokensIssued() {
        return tokensIssued.get();
    }

    // --- behaviours ---------------------------------------------------------------------------

    /** Requests per second allowed per client credential; 0 (the default) means no limit. */
    public NpdSimulator quota(int requestsPerSecond) {
        this.quotaPerSecond = requestsPerSecond;
        buckets.clear();
        return this;
    }

    /** In maintenance every {@code /api/v1} call gets 503 MAINTENANCE with Retry-After; health says DOWN. */
    public NpdSimulator maintenance(boolean on) {
        this.maintenance = on;
        return this;
    }

    public NpdSimulator maintenanceRetryAfter(Duration retryAfter) {
        this.maintenanceRetryAfter = retryAfter;
        return this;
    }

    /** A fixed delay before every answer (token and API calls), waited on a timer, not a thread. */
    public NpdSimulator latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /**
     * Back to a fresh simulator: no quota, no maintenance, no latency, default token lifetime, an
     * empty call log, and no writes (issued numbers and reported events are forgotten). Issued
     * tokens stay valid and extra client credentials stay known.
     */
    public void reset() {
        quota(0);
        maintenance(false);
        maintenanceRetryAfter(DEFAULT_MAINTENANCE_RETRY_AFTER);
        latency(Duration.ZERO);
        tokenLifetime(DEFAULT_TOKEN_LIFETIME);
        clearCalls();
        writes.reset();
    }

    // --- observation --------------------------------------------------------------------------

    /** The most recent {@code /api/v1} calls (at most {@link #CALL_LOG_CAPACITY}), oldest first. */
    public List<NpdCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public void clearCalls() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /** All {@code /api/v1} calls answered since start, including those the log no longer holds. */
    public long callCount() {
        return callCount.get();
    }

    /** The civil-status events accepted since start or the last {@link #reset()}. */
    public List<NpdEvent> events() {
        return writes.events();
    }

    /** The record as the NPD now holds it, reported events and issued numbers included. */
    public Optional<CitizenRecord> citizen(String personalId) {
        return writes.find(personalId);
    }

    // --- for the routes -----------------------------------------------------------------------

    Clock clock() {
        return clock;
    }

    NpdWrites writes() {
        return writes;
    }

    boolean inMaintenance() {
        return maintenance;
    }

    Duration maintenanceRetryAfter() {
        return maintenanceRetryAfter;
    }

    Duration latency() {
        return latency;
    }

    int quotaPerSecond() {
        return quotaPerSecond;
    }

    TokenBucket bucket(String clientId) {
        int quota = quotaPerSecond;
        return buckets.computeIfAbsent(clientId, id -> new TokenBucket(quota, clock.millis()));
    }

    boolean validClient(String clientId, String clientSecret) {
        return clientId != null && clientSecret != null && clientSecret.equals(clients.get(clientId));
    }

    /** A new opaque bearer token for the client, with its lifetime in seconds. */
    Map.Entry<String, Long> issueToken(String clientId) {
        Instant now = clock.instant();
        if (tokens.size() > 10_000) {
            tokens.values().removeIf(t -> t.expiresAt().plus(EXPIRED_TOKEN_MEMORY).isBefore(now));
        }
        byte[] bytes = new byte[32];
        secureRandom.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Duration lifetime = tokenLifetime;
        tokens.put(token, new IssuedToken(clientId, now.plus(lifetime)));
        tokensIssued.incrementAndGet();
        return Map.entry(token, lifetime.toSeconds());
    }

    /** The token's grant, if the simulator issued it (expired or not). */
    Optional<IssuedToken> token(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    void record(NpdCall call) {
        callCount.incrementAndGet();
        synchronized (calls) {
            if (calls.size() == CALL_LOG_CAPACITY) {
                calls.removeFirst();
            }
            calls.addLast(call);
        }
    }

    /** One HTTP server on one event loop; several of them share the simulator's port. */
    private final class NpdVerticle extends AbstractVerticle {

        private final String host;
        private final int requestedPort;
        private volatile int actualPort;

        NpdVerticle(String host, int requestedPort) {
            this.host = host;
            this.requestedPort = requestedPort;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(new HttpServerOptions())
                    .requestHandler(new NpdRoutes(NpdSimulator.this, vertx).router())
                    .listen(requestedPort, host)
                    .onSuccess(server -> {
                        actualPort = server.actualPort();
                        started.complete();
                    })
                    .onFailure(started::fail);
        }
    }
}
