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

    Audit audit();

    // --- identity (issue 8): VNeID ---
    Vneid vneid();

    // --- performance (issue 11): officers' bearer tokens already verified ---
    Bearer bearer();

    /**
     * A counter application sends the same officer token with every request for its lifetime;
     * checking its RS256 signature and parsing its JSON again each time was a tenth of a
     * prefill's CPU and a fifth of its allocation (bench/results, JFR profile).
     */
    interface Bearer {
        /**
         * How long a token whose signature, issuer, audience and expiry Quarkus OIDC accepted is
         * taken as accepted without checking it again (never past its own {@code exp}). Bounds
         * how long a token signed with a key the identity provider has since withdrawn still
         * passes. {@code 0s} checks every request.
         */
        @WithDefault("30s")
        Duration verifiedFor();

        /** The most verified tokens kept (each about 3 KiB with its identity): the active officers of an instance. */
        @WithDefault("2000")
        int maxVerified();
    }

    /** The zone "today" is taken in for age rules: the counter's, not the server's. */
    @WithDefault("Asia/Ho_Chi_Minh")
    ZoneId zone();

    interface Npd {
        /**
         * The gateway's client id at the NPD ({@code NPD_CLIENT_ID}). Read by the OIDC client
         * {@code quarkus.oidc-client.npd.client-id}, which fetches the token; declared here so a
         * missing variable fails the start with the gateway's own name for it.
         */
        String clientId();

        /** The matching secret ({@code NPD_CLIENT_SECRET}), read by the OIDC client likewise; never logged. */
        String clientSecret();

        Retry retry();

        Quota quota();

        Cache cache();

        /** Retries of failed lookups (idempotent reads only, retryable failures only). */
        interface Retry {
            /** Extra attempts after the first; 0 turns retries off. */
            @WithDefault("1")
            int maxRetries();

            /** Pause before a retry; a random jitter of up to the same again is added. */
            @WithDefault("50ms")
            Duration delay();

            /** Retries earned per first attempt: 0.2 lets retries add at most 20% to the NPD's load. */
            @WithDefault("0.2")
            double budgetRatio();

            /** The most retries that can be saved up. */
            @WithDefault("10")
            double budgetCap();

            /** Retries per second that stay available even without traffic, so a lone blip is retried. */
            @WithDefault("1")
            double minPerSecond();
        }

        /** The province's quota at the NPD, per client credential (this gateway's). */
        interface Quota {
            /** Calls per second the gateway allows itself; 0 disables the limiter. */
            @WithDefault("30")
            double requestsPerSecond();

            /** Calls that may leave at once after a quiet period. */
            @WithDefault("10")
            double burst();
        }

        /** The short-lived per-case cache of NPD answers. */
        interface Cache {
            /** Off switch: with false every prefill asks the NPD. */
            @WithDefault("true")
            boolean enabled();

            /** How long an answer is reused for the same procedure, case, person and fields. */
            @WithDefault("2m")
            Duration ttl();

            /** The most answers kept. */
            @WithDefault("10000")
            long maxEntries();
        }
    }

    interface Prefill {
        /**
         * The most a counter waits for a prefill, whatever the NPD does: after this the answer is
         * PARTIAL (some parties missing) or 503 NPD_UNAVAILABLE, never a spinner.
         */
        @WithDefault("3s")
        Duration deadline();

        /**
         * Part of the deadline kept for committing the audit record: NPD lookups must finish
         * this long before the deadline.
         */
        @WithDefault("500ms")
        Duration auditReserve();

        /** Retry-After sent with 503 NPD_UNAVAILABLE when the NPD gave none. */
        @WithDefault("5s")
        Duration unavailableRetryAfter();
    }

    interface Audit {
        /** Entries waiting for the writer; beyond this, requests get 503 AUDIT_UNAVAILABLE. */
        @WithDefault("10000")
        int queueCapacity();

        /** The most entries one transaction commits (group commit). */
        @WithDefault("256")
        int batchSize();

        /** How long a request waits for its record to commit before it answers 503 AUDIT_UNAVAILABLE. */
        @WithDefault("2s")
        Duration writeTimeout();

        /**
         * Key for signed checkpoints of the chain head ({@code GATEWAY_AUDIT_CHECKPOINT_KEY}). Keep
         * it outside the database; without it no checkpoints are written.
         */
        java.util.Optional<String> checkpointKey();

        /** How often a signed checkpoint of the head is written. */
        @WithDefault("5m")
        Duration checkpointInterval();

        /** How long records are kept before retention archives or deletes them (default: 5 years). */
        @WithDefault("1826d")
        Duration retention();

        /** Whether retention copies records to audit_record_archive before deleting them. */
        @WithDefault("true")
        boolean archive();
    }

    /**
     * VNeID, the national electronic identification (issue 8). Endpoint and timeouts are
     * {@code quarkus.rest-client.vneid.*} ({@code VNEID_URL}); the gateway's token there comes
     * from the OIDC client {@code quarkus.oidc-client.vneid.*}.
     */
    interface Vneid {
        /** The gateway's client id at VNeID ({@code VNEID_CLIENT_ID}); required, like the NPD's. */
        String clientId();

        /** The matching secret ({@code VNEID_CLIENT_SECRET}); never logged. */
        String clientSecret();

        /** The {@code aud} every citizen ID token must carry ({@code VNEID_ID_TOKEN_AUDIENCE}). */
        String idTokenAudience();

        /**
         * The {@code iss} of citizen ID tokens: VNeID's own URL unless VNeID publishes another
         * issuer in its discovery document ({@code VNEID_ISSUER}).
         */
        String issuer();

        /** Clock skew tolerated on {@code exp} and {@code iat} (spec §5.2: at most 30 s). */
        @WithDefault("30s")
        Duration clockSkew();

        /**
         * The least time between two JWKS fetches: an unknown {@code kid} refreshes the keys at
         * most this often, so a key rotation is picked up and a flood of invented kids costs
         * VNeID one request per interval.
         */
        @WithDefault("30s")
        Duration jwksMinRefreshInterval();

        /** Keys older than this are fetched again on next use (a revoked key stops working). */
        @WithDefault("15m")
        Duration jwksMaxAge();

        /** Retry-After sent with 503 VNEID_UNAVAILABLE when VNeID gave none. */
        @WithDefault("5s")
        Duration unavailableRetryAfter();
    }
}
