package vn.gov.dancu.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.security.Caller;

/**
 * Rate limits for callers (issue 4): at most {@code gateway.rate-limit.officer.requests} per
 * officer and {@code gateway.rate-limit.client.requests} per counter application in a sliding
 * window. The windows are in Redis when it is configured, so the limits hold across every gateway
 * instance; otherwise in memory, per instance.
 *
 * <p>Resilience intent: a Redis outage never stops a counter. When the store fails or does not
 * answer within {@code gateway.rate-limit.redis.timeout}, the request passes (fail open), the
 * failure is counted in {@code gateway.ratelimit.store.failures} and the store is left alone for
 * {@code gateway.rate-limit.redis.retry-interval}. Failing closed would turn a cache outage into a
 * province-wide outage of civil-status registration, and the limits protect against runaway
 * clients, not against an attack that the NPD quota and the outgoing limiter would stop anyway.
 */
@Startup // a store misconfiguration shows at boot, not on the first counter request
@Singleton
public class CallerRateLimits {

    private static final Logger LOG = Logger.getLogger(CallerRateLimits.class);

    /** Requests refused, tagged {@code kind=officer|client}; never tagged with who. */
    public static final String REFUSALS = "gateway.ratelimit.refusals";

    /** Requests let through because the store failed, tagged {@code store=redis|memory}. */
    public static final String STORE_FAILURES = "gateway.ratelimit.store.failures";

    private final RateLimitConfig config;
    private final Clock clock;
    private final RateLimitStore store;
    private final Map<LimitKind, Counter> refusals = new EnumMap<>(LimitKind.class);
    private final Counter storeFailures;
    private final AtomicBoolean storeFailing = new AtomicBoolean();
    /** Until when the store is skipped after a failure (epoch ms). */
    private volatile long storeRetryAt = Long.MIN_VALUE;

    @Inject
    CallerRateLimits(RateLimitConfig config, Clock clock, MeterRegistry registry,
            Instance<ReactiveRedisDataSource> redis) {
        this(config, clock, registry, storeFor(config, redis));
    }

    CallerRateLimits(RateLimitConfig config, Clock clock, MeterRegistry registry, RateLimitStore store) {
        requireAtLeastOne("officer.requests", config.officer().requests());
        requireAtLeastOne("client.requests", config.client().requests());
        requireAtLeastOne("memory.max-keys", config.memory().maxKeys());
        requireAtLeastOneSecond("officer", config.officer().window());
        requireAtLeastOneSecond("client", config.client().window());
        this.config = config;
        this.clock = clock;
        this.store = store;
        for (LimitKind kind : LimitKind.values()) {
            refusals.put(kind, Counter.builder(REFUSALS).tag("kind", kind.tag())
                    .description("Requests refused 429 RATE_LIMITED by the caller rate limits").register(registry));
        }
        storeFailures = Counter.builder(STORE_FAILURES).tag("store", store.name())
                .description("Requests let through unlimited because the rate-limit store failed").register(registry);
        LOG.infof("Caller rate limits %s: %d per %s per officer, %d per %s per client, store %s",
                config.enabled() ? "on" : "off", config.officer().requests(), config.officer().window(),
                config.client().requests(), config.client().window(), store.name());
    }

    /**
     * Counts one request of {@code caller} against its officer's and its client's budget.
     *
     * @return a Uni that completes when the request may go on, or fails with 429
     *         {@code RATE_LIMITED} and a Retry-After (seconds until a slot frees up, at least 1)
     *         when a budget is spent; a refused request is counted in no budget. Never fails
     *         because the store failed (see the class comment).
     */
    public Uni<Void> check(Caller caller) {
        return acquire(caller).invoke(this::refuseIfRefused).replaceWithVoid();
    }

    /**
     * Counts a request the gateway refused (400, 403, 404, 413, 415, ...) against the same budgets,
     * so a caller cannot send refused requests, each of them an audit record, without limit. The
     * request is already refused: a spent budget or a failing store changes nothing for it and is
     * not reported as a 429 in {@link #REFUSALS}.
     *
     * @return a Uni that completes once counted; never fails
     */
    public Uni<Void> countRefused(Caller caller) {
        return acquire(caller).replaceWithVoid();
    }

    /** Takes a slot in each of the caller's windows when all have one; admitted when the store fails. */
    private Uni<Decision> acquire(Caller caller) {
        if (!config.enabled()) {
            return Uni.createFrom().item(Decision.admitted());
        }
        List<Limit> limits = limitsFor(caller);
        if (limits.isEmpty()) {
            return Uni.createFrom().item(Decision.admitted());
        }
        return Uni.createFrom().deferred(() -> {
            long now = clock.millis();
            if (now < storeRetryAt) {
                storeFailures.increment();
                return Uni.createFrom().item(Decision.admitted());
            }
            return store.acquire(limits, now)
                    .invoke(this::storeAnswered)
                    .onFailure().recoverWithItem(failure -> storeFailed(failure, now));
        });
    }

    /** Which store this instance uses: {@code redis} or {@code memory}. */
    public String storeName() {
        return store.name();
    }

    private List<Limit> limitsFor(Caller caller) {
        List<Limit> limits = new ArrayList<>(2);
        // A token always names its officer (Callers falls back to the subject); azp may be absent,
        // and azp-less callers are not lumped into one shared budget.
        if (caller.officer() != null) {
            limits.add(new Limit(LimitKind.OFFICER, RateLimitKeys.officer(caller.agency(), caller.officer()),
                    config.officer().requests(), config.officer().window().toMillis()));
        }
        if (caller.clientId() != null) {
            limits.add(new Limit(LimitKind.CLIENT, RateLimitKeys.client(caller.clientId()),
                    config.client().requests(), config.client().window().toMillis()));
        }
        return limits;
    }

    private void refuseIfRefused(Decision decision) {
        if (decision.isAdmitted()) {
            return;
        }
        refusals.get(decision.refusedBy()).increment();
        throw new GatewayException(ErrorCode.RATE_LIMITED, "error.RATE_LIMITED.detail", List.of(), List.of(),
                decision.retryAfter());
    }

    private void storeAnswered(Decision ignored) {
        if (storeFailing.compareAndSet(true, false)) {
            LOG.infof("Rate-limit store %s answers again: caller rate limits apply", store.name());
        }
    }

    private Decision storeFailed(Throwable failure, long now) {
        storeFailures.increment();
        storeRetryAt = now + config.redis().retryInterval().toMillis();
        if (storeFailing.compareAndSet(false, true)) {
            // The failure's type and message only: the keys are hashes and no caller is named.
            String why = failure instanceof RateLimitStore.NoAnswer ? failure.getMessage()
                    : failure.getClass().getName() + ": " + failure.getMessage();
            LOG.warnf("Rate-limit store %s failed (%s): requests pass without caller rate limits, next attempt in %s",
                    store.name(), why, config.redis().retryInterval());
        }
        return Decision.admitted();
    }

    /** Resolves the store once, at startup; Redis is looked up only when it is the store. */
    private static RateLimitStore storeFor(RateLimitConfig config, Instance<ReactiveRedisDataSource> redis) {
        if (resolve(config.store(), redisConfigured()) == RateLimitConfig.StoreKind.MEMORY) {
            return new MemoryStore(config.memory().maxKeys());
        }
        ReactiveRedisDataSource dataSource;
        try {
            dataSource = redis.get();
        } catch (RuntimeException e) {
            throw new ConfigurationException("gateway.rate-limit.store=redis needs quarkus.redis.hosts", e);
        }
        return new RedisStore(dataSource.getRedis(), config.redis().keyPrefix(), config.redis().timeout());
    }

    /** {@code auto} means Redis exactly when a Redis client is configured. */
    static RateLimitConfig.StoreKind resolve(RateLimitConfig.StoreKind configured, boolean redisConfigured) {
        if (configured != RateLimitConfig.StoreKind.AUTO) {
            return configured;
        }
        return redisConfigured ? RateLimitConfig.StoreKind.REDIS : RateLimitConfig.StoreKind.MEMORY;
    }

    private static boolean redisConfigured() {
        var config = ConfigProvider.getConfig();
        return config.getOptionalValue("quarkus.redis.hosts", String.class).isPresent()
                || config.getOptionalValue("quarkus.redis.hosts-provider-name", String.class).isPresent();
    }

    /** A budget or a size below 1 is refused at start (checked here: the gateway runs no bean validation). */
    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new ConfigurationException("gateway.rate-limit." + name + " must be at least 1, not " + value);
        }
    }

    private static void requireAtLeastOneSecond(String kind, Duration window) {
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigurationException("gateway.rate-limit." + kind + ".window must be at least 1s, not "
                    + window);
        }
    }
}
