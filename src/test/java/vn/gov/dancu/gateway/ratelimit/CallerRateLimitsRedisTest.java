package vn.gov.dancu.gateway.ratelimit;

import vn.gov.dancu.gateway.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.ratelimit.RateLimitSettings.settings;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.testing.RedisResource;

/**
 * Two gateway instances against one real Redis ({@link RedisResource}; fails without one): each
 * instance is its own limiter with its own Redis connection, as two JVMs would be, and they share
 * one budget. Both read one clock moved by hand (NTP-synchronised instances), so windows slide
 * without waiting.
 */
class CallerRateLimitsRedisTest {

    private static final Caller OFFICER = new Caller("cs.officer", "UBND-P-TANPHU", "counter-app");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T01:00:00Z"));
    /** Keys of this test only, so parallel runs against one Redis never share a budget. */
    private final String prefix = "dancu-gateway-test:" + UUID.randomUUID();
    private final List<Redis> clients = new ArrayList<>();
    private Vertx vertx;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        clients.forEach(Redis::close);
        vertx.closeAndAwait();
    }

    /** One gateway instance: its own Redis connection, store, limiter and metrics. */
    private Instance instance(RateLimitConfig config) {
        Redis redis = RedisResource.connect(vertx);
        clients.add(redis);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        return new Instance(new CallerRateLimits(config, clock, registry,
                new RedisStore(redis, prefix, config.redis().timeout())), registry);
    }

    private record Instance(CallerRateLimits limits, SimpleMeterRegistry registry) {

        void pass(Caller caller) {
            limits.check(caller).await().atMost(Duration.ofSeconds(5));
        }

        Duration refusedFor(Caller caller) {
            GatewayException refused = assertThrows(GatewayException.class, () -> pass(caller));
            assertEquals(ErrorCode.RATE_LIMITED, refused.code());
            return refused.retryAfter().orElseThrow();
        }

        double refusals(String kind) {
            return registry.get(CallerRateLimits.REFUSALS).tag("kind", kind).counter().count();
        }
    }

    @Test
    void twoInstancesShareOneOfficerBudget() {
        RateLimitConfig config = settings("officer.requests", "5");
        Instance a = instance(config);
        Instance b = instance(config);
        for (int i = 0; i < 5; i++) {
            (i % 2 == 0 ? a : b).pass(OFFICER); // a, b, a, b, a: five in total
        }
        // The sixth is refused on either instance: the first request leaves the window in 60 s.
        assertEquals(Duration.ofSeconds(60), b.refusedFor(OFFICER));
        assertEquals(Duration.ofSeconds(60), a.refusedFor(OFFICER));
        assertEquals(1, a.refusals("officer"));
        assertEquals(1, b.refusals("officer"));

        clock.advance(Duration.ofSeconds(60));
        b.pass(OFFICER);
    }

    @Test
    void twoInstancesShareOneClientBudget() {
        RateLimitConfig config = settings("client.requests", "3");
        Instance a = instance(config);
        Instance b = instance(config);
        a.pass(new Caller("officer-1", "UBND-P-TANPHU", "counter-app"));
        b.pass(new Caller("officer-2", "UBND-P-TANPHU", "counter-app"));
        a.pass(new Caller("officer-3", "STP-DONGNAI", "counter-app"));
        assertEquals(Duration.ofSeconds(60), b.refusedFor(new Caller("officer-4", "STP-DONGNAI", "counter-app")));
        assertEquals(1, b.refusals("client"));
        b.pass(new Caller("officer-4", "STP-DONGNAI", "another-app"));
    }

    @Test
    void slidesTheWindowAndCountsNoRefusedRequest() {
        RateLimitConfig config = settings("officer.requests", "3");
        Instance a = instance(config);
        Instance b = instance(config);
        a.pass(OFFICER); // t=0
        clock.advance(Duration.ofSeconds(20));
        b.pass(OFFICER); // t=20
        clock.advance(Duration.ofSeconds(20));
        a.pass(OFFICER); // t=40
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(15), b.refusedFor(OFFICER)); // t=45: the t=0 request leaves at 60
        clock.advance(Duration.ofSeconds(15));
        // t=60: one slot, although a request was refused at 45: refused requests are not counted.
        a.pass(OFFICER);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ofSeconds(19), b.refusedFor(OFFICER)); // t=61: next to leave is t=20
    }

    @Test
    void refusedRequestChargesNeitherBudget() {
        RateLimitConfig config = settings("officer.requests", "4", "client.requests", "2");
        Instance a = instance(config);
        Instance b = instance(config);
        Caller viaC1 = new Caller("cs.officer", "UBND-P-TANPHU", "C1");
        a.pass(viaC1);
        b.pass(viaC1);
        for (int i = 0; i < 3; i++) {
            (i % 2 == 0 ? a : b).refusedFor(viaC1); // C1's budget of 2 is spent
        }
        // The officer still has 4 - 2 = 2: the three refused requests took nothing.
        a.pass(new Caller("cs.officer", "UBND-P-TANPHU", "C2"));
        b.pass(new Caller("cs.officer", "UBND-P-TANPHU", "C2"));
        b.refusedFor(new Caller("cs.officer", "UBND-P-TANPHU", "C3"));
        assertEquals(1, b.refusals("officer"));
    }

    @Test
    void keysInRedisNameNobodyAndExpireWithTheWindow() {
        Instance a = instance(settings());
        a.pass(OFFICER);

        Redis redis = clients.get(0);
        Response keys = redis.send(Request.cmd(Command.KEYS).arg("{" + prefix + "}:*"))
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(2, keys.size()); // the officer's window and the client's
        for (Response key : keys) {
            String name = key.toString();
            assertTrue(name.matches("\\{" + prefix + "}:(officer|client):[0-9a-f]{32}"), name);
            assertFalse(name.contains("cs.officer") || name.contains("TANPHU") || name.contains("counter-app"), name);
            long ttl = redis.send(Request.cmd(Command.PTTL).arg(name)).await().atMost(Duration.ofSeconds(5))
                    .toLong();
            assertTrue(ttl > 0 && ttl <= 60_000, "expires with the one-minute window: " + ttl);
        }
    }

    @Test
    void answersOnTheCallersVertxContext() throws Exception {
        Instance a = instance(settings());
        io.vertx.core.Context context = vertx.getDelegate().getOrCreateContext();
        CompletableFuture<Boolean> onCallersContext = new CompletableFuture<>();
        context.runOnContext(ignored -> a.limits().check(OFFICER).subscribe().with(
                done -> onCallersContext.complete(io.vertx.core.Vertx.currentContext() == context),
                onCallersContext::completeExceptionally));
        // The rest of the request (request-scoped beans, the response) must run where it started.
        assertTrue(onCallersContext.get(5, TimeUnit.SECONDS));
    }
}
