package vn.gov.dancu.gateway.testing;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;

/**
 * The Redis the tests run against: the one {@code REDIS_URL} names (as {@code .ci/run} exports),
 * otherwise a real {@code redis-server} this class starts on a free port for the test JVM (the
 * Debian package; {@code .ci/run} installs it). A test that needs Redis fails when none can be
 * had, so a run without Redis can never pass by skipping the tests that prove limits hold across
 * instances.
 */
public final class RedisResource {

    private static String started;

    private RedisResource() {
    }

    /** Where the test Redis is: {@code REDIS_URL}, else one started for this JVM. */
    public static synchronized String url() {
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (started == null) {
            started = startServer();
        }
        return started;
    }

    private static String startServer() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            int port = probe.getLocalPort();
            probe.close();
            Process server = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
            return "redis://127.0.0.1:" + port;
        } catch (java.io.IOException e) {
            throw new AssertionError("No REDIS_URL and no redis-server to start: install redis-server "
                    + "(.ci/run does) or set REDIS_URL", e);
        }
    }

    /**
     * A new client to the test Redis (one per simulated gateway instance), checked with a PING.
     *
     * @throws AssertionError when no Redis answers within 5 s
     */
    public static Redis connect(Vertx vertx) {
        Redis redis = Redis.createClient(vertx, url());
        RuntimeException last = null;
        // A server this class just started may need a moment before it accepts connections.
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                redis.send(Request.cmd(Command.PING)).await().atMost(Duration.ofSeconds(5));
                return redis;
            } catch (RuntimeException e) {
                last = e;
                if (System.getenv("REDIS_URL") != null) {
                    break; // someone else's server: no point waiting for it to start
                }
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        redis.close();
        throw new AssertionError("No Redis answers at " + url() + ": install redis-server or set REDIS_URL; "
                + ".ci/run does both for CI", last);
    }
}
