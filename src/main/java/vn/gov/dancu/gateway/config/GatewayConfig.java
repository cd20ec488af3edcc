package vn.gov.dancu.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The gateway's own settings. Upstream endpoints and timeouts are standard Quarkus properties
 * ({@code quarkus.rest-client.npd.*}); everything here has a production default except secrets.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    Npd npd();

    Prefill prefill();

    /** The zone "today" is taken in for age rules: the counter's, not the server's. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    interface Npd {
        /** The gateway's client id at the NPD ({@code NPD_CLIENT_ID}). */
        String clientId();

        /** The matching secret ({@code NPD_CLIENT_SECRET}); never logged. */
        String clientSecret();

        /** Fetch a new token this long before the current one expires, so no call races the expiry. */
        @WithDefault("30s")
        Duration tokenRefreshMargin();
    }

    interface Prefill {
        /**
         * The most a counter waits for a prefill, whatever the NPD does: after this the answer is
         * PARTIAL (some parties missing) or 503 NPD_UNAVAILABLE, never a spinner.
         */
        @WithDefault("3s")
        Duration deadline();

        /** Retry-After sent with 503 NPD_UNAVAILABLE when the NPD gave none. */
        @WithDefault("5s")
        Duration unavailableRetryAfter();
    }
}
