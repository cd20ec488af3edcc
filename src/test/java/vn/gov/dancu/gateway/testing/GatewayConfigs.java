package vn.gov.dancu.gateway.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * A real {@link GatewayConfig} for plain unit tests, without starting Quarkus: the mapping's own
 * defaults apply, and a test overrides only the knobs it is about.
 */
public final class GatewayConfigs {

    private GatewayConfigs() {
    }

    /** The defaults plus {@code properties} (full names, e.g. {@code gateway.npd.quota.burst}). */
    public static GatewayConfig with(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>();
        // The two settings without a default: secrets come from the environment in production.
        all.put("gateway.npd.client-id", "unit-test");
        all.put("gateway.npd.client-secret", "unit-test");
        // VNeID's (issue 8): required like the NPD's.
        all.put("gateway.vneid.client-id", "unit-test");
        all.put("gateway.vneid.client-secret", "unit-test");
        all.put("gateway.vneid.id-token-audience", "unit-test");
        all.put("gateway.vneid.issuer", "http://vneid.test");
        all.putAll(properties);
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                // Quarkus' own duration syntax ("50ms", "2m", "1826d"), as in application.properties
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "unit-test", 500))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }
}
