package vn.gov.dancu.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import vn.gov.dancu.sandbox.SandboxVertx;
import vn.gov.dancu.sandbox.npd.NpdSimulator;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;
import vn.gov.dancu.sandbox.vneid.VneidSimulator;

/**
 * The gateway against a real Keycloak ({@link KeycloakServer#shared()}, one per JVM) and the NPD
 * simulator over HTTP; PostgreSQL comes from {@link PostgresResource} as for every Quarkus test.
 * Only spec §2's settings are given: {@code quarkus.oidc.auth-server-url} and
 * {@code quarkus.oidc.client-id}, <em>no</em> audience, no JWKS refresh interval, so what is
 * proved is the production defaults of application.properties. The dashboard's tenant gets only
 * what a deployment sets too: its client secret (QUARKUS_OIDC_DASHBOARD_CREDENTIALS_SECRET); its
 * issuer follows {@code quarkus.oidc.auth-server-url} as in production.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    /** The realm file's {@code dancu-dashboard} client (authorization-code flow) and its secret. */
    public static final String DASHBOARD_CLIENT = "dancu-dashboard";
    public static final String DASHBOARD_SECRET = "dashboard-local-secret-change-me-0123456789";

    private static volatile KeycloakServer keycloak;
    private Vertx vertx;
    private NpdSimulator npd;
    private VneidSimulator vneid;

    @Override
    public Map<String, String> start() {
        keycloak = KeycloakServer.shared();
        vertx = SandboxVertx.create();
        npd = new NpdSimulator(SyntheticPopulation.standard(), vertx, Clock.systemUTC()).start(0);
        // VNeID's settings are required in production (VNEID_URL etc.): the packaged gateway does
        // not start without them, so it gets the simulator, as the sandbox does.
        vneid = new VneidSimulator(SyntheticPopulation.standard(), vertx, Clock.systemUTC()).start(0);
        return Map.ofEntries(
                Map.entry("quarkus.rest-client.vneid.url", vneid.baseUrl()),
                Map.entry("gateway.vneid.client-id", VneidSimulator.DEFAULT_CLIENT_ID),
                Map.entry("gateway.vneid.client-secret", VneidSimulator.DEFAULT_CLIENT_SECRET),
                Map.entry("gateway.vneid.id-token-audience", VneidSimulator.DEFAULT_ID_TOKEN_AUDIENCE),
                Map.entry("quarkus.oidc.auth-server-url", keycloak.issuer()),
                Map.entry("quarkus.oidc.client-id", "dancu-gateway"),
                Map.entry("quarkus.rest-client.npd.url", npd.baseUrl()),
                Map.entry("gateway.npd.client-id", NpdSimulator.DEFAULT_CLIENT_ID),
                Map.entry("gateway.npd.client-secret", NpdSimulator.DEFAULT_CLIENT_SECRET),
                Map.entry("quarkus.oidc.dashboard.credentials.secret", DASHBOARD_SECRET));
    }

    @Override
    public void stop() {
        // Keycloak is kept for the next test class of this JVM (its shutdown hook stops it).
        if (npd != null) {
            npd.close();
        }
        if (vneid != null) {
            vneid.close();
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
