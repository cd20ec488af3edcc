package vn.gov.dancu.gateway.ratelimit;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The windows in Redis, so every gateway instance draws on one budget per caller. Each window is
 * a sorted set of admission times (the same sliding-window log as {@link SlidingWindow}); one Lua
 * script checks every limit of a request and counts it in all of them or in none, atomically, so
 * two instances can never both take the last slot. Non-blocking: the reactive client, never an
 * await, and the answer comes back on the caller's Vert.x context.
 *
 * <p>Times come from the gateway's clock, passed to the script, so both stores share one notion
 * of time and the tests can move it. Instances are NTP-synchronised; a skew of s seconds between
 * two of them shifts a window edge by at most s.
 */
final class RedisStore implements RateLimitStore {

    /**
     * KEYS: the windows. ARGV[1]: now (ms); ARGV[2]: a member unique to this request; then for
     * each key i, ARGV[1+2i] and ARGV[2+2i]: its budget and window length (ms). Answers {0, 0}
     * when admitted, else {i, wait ms} for the refusing window whose slot frees up last. Scores
     * are formatted with %.0f: epoch milliseconds must reach Redis as digits, never as 1.7e+12.
     */
    static final String SCRIPT = """
            local now = tonumber(ARGV[1])
            local refusing, longest = 0, 0
            for i, key in ipairs(KEYS) do
              local requests = tonumber(ARGV[1 + 2 * i])
              local window = tonumber(ARGV[2 + 2 * i])
              redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', now - window))
              local count = redis.call('ZCARD', key)
              if count >= requests then
                local freeing = redis.call('ZRANGE', key, count - requests, count - requests, 'WITHSCORES')
                local wait = tonumber(freeing[2]) + window - now
                if wait > longest then
                  refusing, longest = i, wait
                end
              end
            end
            if refusing > 0 then
              return {refusing, longest}
            end
            for i, key in ipairs(KEYS) do
              redis.call('ZADD', key, now, ARGV[2])
              redis.call('PEXPIRE', key, ARGV[2 + 2 * i])
            end
            return {0, 0}
            """;

    private static final String SCRIPT_SHA = sha1(SCRIPT);

    private final Redis redis;
    private final String keyPrefix;
    private final Duration timeout;
    /** Makes members unique across instances; admissions in the same millisecond must not merge. */
    private final String instance = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final AtomicLong sequence = new AtomicLong();

    RedisStore(Redis redis, String keyPrefix, Duration timeout) {
        this.redis = redis;
        this.keyPrefix = "{" + keyPrefix + "}:";
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "redis";
    }

    /**
     * One script call (EVALSHA, and EVAL once after a Redis restart forgot the script). Fails when
     * Redis fails or does not answer within the timeout; the caller decides what that means.
     */
    @Override
    public Uni<Decision> acquire(List<Limit> limits, long nowMillis) {
        return Uni.createFrom().deferred(() -> {
            // Only an event-loop caller is resumed on its context: a worker must not be moved onto the loop.
            Context caller = Context.isOnEventLoopThread() ? Vertx.currentContext() : null;
            String member = nowMillis + ":" + instance + ":" + sequence.incrementAndGet();
            Uni<Decision> decision = redis.send(script(Command.EVALSHA, SCRIPT_SHA, limits, nowMillis, member))
                    .onFailure(RedisStore::isNoScript)
                    .recoverWithUni(() -> redis.send(script(Command.EVAL, SCRIPT, limits, nowMillis, member)))
                    .ifNoItem().after(timeout).failWith(() -> new NoAnswer(timeout))
                    .map(reply -> decode(reply, limits));
            // The reply (or the timeout) may arrive on another thread: resume where the request runs.
            return caller == null ? decision : decision.emitOn(on(caller));
        });
    }

    private Request script(Command command, String script, List<Limit> limits, long now, String member) {
        Request request = Request.cmd(command).arg(script).arg(limits.size());
        limits.forEach(limit -> request.arg(keyPrefix + limit.key()));
        request.arg(now).arg(member);
        limits.forEach(limit -> request.arg(limit.requests()).arg(limit.windowMillis()));
        return request;
    }

    private static Decision decode(Response reply, List<Limit> limits) {
        int refusing = reply.get(0).toInteger();
        return refusing == 0 ? Decision.admitted()
                : Decision.refused(limits.get(refusing - 1).kind(), reply.get(1).toLong());
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static Executor on(Context context) {
        return task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        };
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
