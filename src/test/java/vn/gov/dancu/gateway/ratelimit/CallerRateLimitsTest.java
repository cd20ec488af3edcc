package vn.gov.dancu.gateway.ratelimit;

import vn.gov.dancu.gateway.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.ratelimit.RateLimitSettings.settings;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.ratelimit.RateLimitConfig.StoreKind;
import vn.gov.dancu.gateway.security.Caller;

/** The limiter as the resources see it, on the in-memory store and a clock moved by hand. */
class CallerRateLimitsTest {

    private static final Caller OFFICER = new Caller("cs.officer", "UBND-P-TANPHU", "counter-app");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private CallerRateLimits limits(RateLimitConfig config) {
        return new CallerRateLimits(config, clock, registry, new MemoryStore(config.memory().maxKeys()));
    }

    private static void pass(CallerRateLimits limits, Caller caller) {
        limits.check(caller).await().atMost(Duration.ofSeconds(5));
    }

    private static GatewayException refusal(CallerRateLimits limits, Caller caller) {
        return assertThrows(GatewayException.class, () -> pass(limits, caller));
    }

    private double refusals(String kind) {
        return registry.get(CallerRateLimits.REFUSALS).tag("kind", kind).counter().count();
    }

    @Test
    void refuses429WithRetryAfterUntilTheOldestRequestLeavesTheWindow() {
        CallerRateLimits limits = limits(settings("officer.requests", "2"));
        pass(limits, OFFICER);
        clock.advance(Duration.ofMillis(30_500));
        pass(limits, OFFICER);
        clock.advance(Duration.ofMillis(500));

        GatewayException refused = refusal(limits, OFFICER);
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertEquals(429, refused.code().status());
        assertEquals("error.RATE_LIMITED.detail", refused.detailKey());
        // The first request (t=0) leaves the one-minute window at t=60 s; now is t=31 s.
        assertEquals(Duration.ofSeconds(29), refused.retryAfter().orElseThrow());

        clock.advance(Duration.ofMillis(28_500)); // t=59.5 s: half a second left, rounded up
        assertEquals(Duration.ofSeconds(1), refusal(limits, OFFICER).retryAfter().orElseThrow());
        clock.advance(Duration.ofMillis(500)); // t=60 s: the slot is free
        pass(limits, OFFICER);
    }

    @Test
    void limitsEachOfficerWithinTheirAgencyOnly() {
        CallerRateLimits limits = limits(settings("officer.requests", "1"));
        pass(limits, OFFICER);
        refusal(limits, OFFICER);
        pass(limits, new Caller("cs.officer", "STP-DONGNAI", "counter-app")); // namesake elsewhere
        pass(limits, new Caller("colleague", "UBND-P-TANPHU", "counter-app"));
    }

    @Test
    void limitsAClientAcrossAllItsOfficers() {
        CallerRateLimits limits = limits(settings("client.requests", "3"));
        for (int i = 0; i < 3; i++) {
            pass(limits, new Caller("officer-" + i, "UBND-P-TANPHU", "counter-app"));
        }
        refusal(limits, new Caller("officer-3", "UBND-P-TANPHU", "counter-app"));
        pass(limits, new Caller("officer-3", "UBND-P-TANPHU", "another-app"));
    }

    @Test
    void countsRefusalsByKindAndNeverByWho() {
        CallerRateLimits limits = limits(settings("officer.requests", "1", "client.requests", "2"));
        pass(limits, OFFICER);
        refusal(limits, OFFICER); // officer budget spent
        pass(limits, new Caller("colleague", "UBND-P-TANPHU", "counter-app"));
        refusal(limits, new Caller("third", "UBND-P-TANPHU", "counter-app")); // client budget spent

        assertEquals(1, refusals("officer"));
        assertEquals(1, refusals("client"));
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertTrue(List.of("officer", "client", "memory").contains(tag.getValue()), tag.toString());
            }
        }
    }

    @Test
    void limitsACallerWithoutAzpAsAnOfficerOnly() {
        CallerRateLimits limits = limits(settings("officer.requests", "2", "client.requests", "1"));
        Caller noClient = new Caller("cs.officer", "UBND-P-TANPHU", null);
        pass(limits, noClient);
        pass(limits, noClient); // no shared "unknown client" budget of 1 to trip over
        refusal(limits, noClient);
        assertEquals(1, refusals("officer"));
    }

    @Test
    void letsEveryRequestThroughWhenSwitchedOff() {
        CallerRateLimits limits = limits(settings("enabled", "false", "officer.requests", "1"));
        for (int i = 0; i < 5; i++) {
            pass(limits, OFFICER);
        }
    }

    @Test
    void failsOpenWhenTheStoreFailsAndLeavesItAloneForTheRetryInterval() {
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean down = new AtomicBoolean(true);
        RateLimitStore memory = new MemoryStore(100);
        RateLimitStore flaky = new RateLimitStore() {
            @Override
            public Uni<Decision> acquire(List<Limit> limits, long nowMillis) {
                calls.incrementAndGet();
                return down.get() ? Uni.createFrom().failure(new IllegalStateException("connection refused"))
                        : memory.acquire(limits, nowMillis);
            }

            @Override
            public String name() {
                return "redis";
            }
        };
        CallerRateLimits limits = new CallerRateLimits(settings("officer.requests", "1"), clock, registry, flaky);

        pass(limits, OFFICER);
        pass(limits, OFFICER); // over the budget of 1, but nobody can count it: let through
        // The first request asked the store and failed; the second, within 5 s, did not ask.
        assertEquals(1, calls.get());
        assertEquals(2, registry.get(CallerRateLimits.STORE_FAILURES).tag("store", "redis").counter().count());

        clock.advance(Duration.ofSeconds(5)); // the default retry interval
        down.set(false);
        pass(limits, OFFICER);
        refusal(limits, OFFICER); // the store answers again: limits apply
        assertEquals(3, calls.get());
    }

    @Test
    void choosesRedisExactlyWhenRedisIsConfiguredUnlessTold() {
        assertEquals(StoreKind.REDIS, CallerRateLimits.resolve(StoreKind.AUTO, true));
        assertEquals(StoreKind.MEMORY, CallerRateLimits.resolve(StoreKind.AUTO, false));
        assertEquals(StoreKind.MEMORY, CallerRateLimits.resolve(StoreKind.MEMORY, true));
        assertEquals(StoreKind.REDIS, CallerRateLimits.resolve(StoreKind.REDIS, false));
    }

    @Test
    void refusesToStartWithAWindowShorterThanOneSecond() {
        // Retry-After is in whole seconds: a shorter window could never be told to the caller.
        assertThrows(ConfigurationException.class, () -> limits(settings("officer.window", "500ms")));
        // No bean validation in the gateway (issue 11): the budgets are checked by the limiter itself.
        assertThrows(ConfigurationException.class, () -> limits(settings("officer.requests", "0")));
        assertThrows(ConfigurationException.class, () -> limits(settings("client.requests", "-1")));
        assertThrows(ConfigurationException.class, () -> limits(settings("memory.max-keys", "0")));
    }
}
