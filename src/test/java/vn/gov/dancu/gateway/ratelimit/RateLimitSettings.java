package vn.gov.dancu.gateway.ratelimit;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real {@link RateLimitConfig} mapping, with its defaults, for tests outside Quarkus:
 * {@code settings("officer.requests", "5")} overrides {@code gateway.rate-limit.officer.requests}.
 */
final class RateLimitSettings {

    private RateLimitSettings() {
    }

    static RateLimitConfig settings(String... keysAndValues) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put("gateway.rate-limit." + keysAndValues[i], keysAndValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RateLimitConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return config.getConfigMapping(RateLimitConfig.class);
    }
}
