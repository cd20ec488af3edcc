package vn.gov.dancu.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Caller rate limits ({@code gateway.rate-limit.*}): how many requests one officer and one counter
 * application may make in a sliding window, and where the windows are kept. Every knob has its
 * production default here.
 */
@ConfigMapping(prefix = "gateway.rate-limit")
public interface RateLimitConfig {

    /** Off switch: when false every request passes and no store is contacted. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Where the windows live. {@code auto}: Redis when {@code quarkus.redis.hosts} is set, else
     * memory. {@code redis}: Redis, and the gateway refuses to start without
     * {@code quarkus.redis.hosts}. {@code memory}: this instance only, so with n instances behind a
     * load balancer a caller gets up to n times the budget.
     */
    @WithDefault("auto")
    StoreKind store();

    /** The budget of one officer: {@code preferred_username} within {@code agency_code}. */
    Officer officer();

    /** The budget of one counter application: the token's {@code azp}, all its officers together. */
    Client client();

    Redis redis();

    Memory memory();

    interface Officer {
        /** Requests one officer may make per window: a person at a counter needs far fewer. */
        @WithDefault("60")
        int requests();

        /** The sliding window those requests are counted over (at least one second). */
        @WithDefault("1m")
        Duration window();
    }

    interface Client {
        /** Requests one counter application may make per window, all its officers together. */
        @WithDefault("600")
        int requests();

        /** The sliding window those requests are counted over (at least one second). */
        @WithDefault("1m")
        Duration window();
    }

    interface Redis {
        /**
         * The longest a request waits for Redis. After it the request passes (fail open) and the
         * failure is counted in {@code gateway.ratelimit.store.failures}.
         */
        @WithDefault("200ms")
        Duration timeout();

        /**
         * After Redis failed, requests pass without asking it for this long, so an unreachable
         * Redis costs one timeout per interval instead of one per request.
         */
        @WithDefault("5s")
        Duration retryInterval();

        /**
         * Start of every key. It is written as a Redis Cluster hash tag ({@code {prefix}:...}), so
         * the windows of one request always sit on one shard and the script stays atomic there.
         */
        @WithDefault("dancu-gateway:rate-limit")
        String keyPrefix();
    }

    interface Memory {
        /**
         * The most callers tracked at once in memory. Idle windows are swept as time passes; a
         * caller beyond this many active ones is let through untracked rather than evicting the
         * budget of a caller who is being limited.
         */
        @WithDefault("100000")
        int maxKeys();
    }

    enum StoreKind {
        AUTO, REDIS, MEMORY
    }
}
