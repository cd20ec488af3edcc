package vn.gov.dancu.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import vn.gov.dancu.sandbox.SandboxVertx;
import vn.gov.dancu.sandbox.npd.NpdSimulator;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;

/**
 * The gateway against a real Keycloak ({@link KeycloakServer#shared()}, one per JVM) and the NPD
 * simulator over HTTP; PostgreSQL comes from {@link PostgresResource} as for every Quarkus test.
 * Only spec §2's settings are given: {@code quarkus.oidc.auth-server-url} and
 * {@code quarkus.oidc.client-id}, <em>no</em> audience, no JWKS refresh interval, so what is
 * proved is the production defaults of application.properties.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KeycloakServer keycloak;
    private Vertx vertx;
    private NpdSimulator npd;

    @Override
    public Map<String, String> start() {
        keycloak = KeycloakServer.shared();
        vertx = SandboxVertx.create();
        npd = new NpdSimulator(SyntheticPopulation.standard(), vertx, Clock.systemUTC()).start(0);
        return Map.of(
                "quarkus.oidc.auth-server-url", keycloak.issuer(),
                "quarkus.oidc.client-id", "dancu-gateway",
                "quarkus.rest-client.npd.url", npd.baseUrl(),
                "gateway.npd.client-id", NpdSimulator.DEFAULT_CLIENT_ID,
                "gateway.npd.client-secret", NpdSimulator.DEFAULT_CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // Keycloak is kept for the next test class of this JVM (its shutdown hook stops it).
        if (npd != null) {
            npd.close();
        }
        if (vertx != null) {
            SandboxVertx.await(vertx.close());
        }
    }

    /** The running Keycloak (in the test's class loader). */
    public static KeycloakServer keycloak() {
        KeycloakServer running = keycloak;
        if (running == null) {
            throw new IllegalStateException("annotate the test with @WithTestResource(KeycloakResource.class)");
        }
        return running;
    }
}
