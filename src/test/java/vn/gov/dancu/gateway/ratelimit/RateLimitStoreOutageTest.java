package vn.gov.dancu.gateway.ratelimit;

import vn.gov.dancu.gateway.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.ratelimit.RateLimitSettings.settings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.security.Caller;

/**
 * A Redis that is down or hangs never stops a request: it passes (fail open) and the failure is
 * counted. No Redis needed: the faults are a closed port and a socket that never answers.
 */
class RateLimitStoreOutageTest {

    private static final Caller OFFICER = new Caller("cs.officer", "UBND-P-TANPHU", "counter-app");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Vertx vertx = Vertx.vertx();
    private Redis redis;
    private ServerSocket silent;

    @AfterEach
    void stop() throws IOException {
        if (redis != null) {
            redis.close();
        }
        vertx.closeAndAwait();
        if (silent != null) {
            silent.close(); // after the client, which would otherwise see its pending connection reset
        }
    }

    private CallerRateLimits limitsAgainst(int port) {
        RateLimitConfig config = settings("officer.requests", "1");
        redis = Redis.createClient(vertx, "redis://127.0.0.1:" + port);
        return new CallerRateLimits(config, clock, registry,
                new RedisStore(redis, "dancu-gateway-test", config.redis().timeout()));
    }

    private double storeFailures() {
        return registry.get(CallerRateLimits.STORE_FAILURES).tag("store", "redis").counter().count();
    }

    @Test
    void letsRequestsThroughWhenRedisIsDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CallerRateLimits limits = limitsAgainst(closedPort);
        // Over a budget of 1 three times, yet every request passes: nobody can count them.
        for (int i = 0; i < 3; i++) {
            limits.check(OFFICER).await().atMost(Duration.ofSeconds(5));
        }
        assertEquals(3, storeFailures());
    }

    @Test
    void letsARequestThroughOnItsOwnContextWhenRedisHangs() throws Exception {
        // Accepts connections (the kernel's backlog does) and never answers a byte.
        silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        CallerRateLimits limits = limitsAgainst(silent.getLocalPort());
        io.vertx.core.Context context = vertx.getDelegate().getOrCreateContext();
        CompletableFuture<Boolean> onCallersContext = new CompletableFuture<>();
        context.runOnContext(ignored -> limits.check(OFFICER).subscribe().with(
                done -> onCallersContext.complete(io.vertx.core.Vertx.currentContext() == context),
                onCallersContext::completeExceptionally));
        // The 200 ms timeout fires on a timer thread; the request resumes on its own context.
        assertTrue(onCallersContext.get(5, TimeUnit.SECONDS));
        assertEquals(1, storeFailures());
    }
}
