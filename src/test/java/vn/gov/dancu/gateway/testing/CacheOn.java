package vn.gov.dancu.gateway.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The production setting of the per-case cache, which the %test profile turns off. One shared
 * profile class, so the tests that need the cache on share one application start.
 */
public class CacheOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("gateway.npd.cache.enabled", "true");
    }
}
