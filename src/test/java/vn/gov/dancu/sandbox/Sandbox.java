package vn.gov.dancu.sandbox;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.Vertx;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.NpdSimulator;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;
import vn.gov.dancu.sandbox.vneid.VneidSimulator;

/**
 * The whole sandbox in one object: the synthetic population, the NPD simulator and the officers'
 * identity provider, each on its own local port, plus the configuration that points the gateway
 * at them. Started in-process by the tests'
 * {@code SandboxTestResource} on ephemeral ports.
 *
 * <p>Ports: {@code SANDBOX_NPD_PORT} (default {@value #DEFAULT_NPD_PORT}) and
 * {@code SANDBOX_IDP_PORT} (default {@value #DEFAULT_IDP_PORT}), 0 for any free port. The
 * simulators listen on 127.0.0.1 unless {@code SANDBOX_BIND_HOST} says otherwise (0.0.0.0 to
 * reach them from outside a container).
 */
public final class Sandbox implements AutoCloseable {

    public static final int DEFAULT_NPD_PORT = 8089;
    public static final int DEFAULT_IDP_PORT = 8180;
    /** The VNeID simulator's default port (identity, issue 8): SANDBOX_VNEID_PORT / --vneid-port. */
    public static final int DEFAULT_VNEID_PORT = 8090;
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    /** The gateway's client id at the identity provider (quarkus.oidc.client-id). */
    public static final String GATEWAY_CLIENT_ID = "dancu-gateway";

    private final Vertx vertx;
    private final SyntheticPopulation population;
    private final NpdSimulator npd;
    private final IdentityProviderSimulator idp;
    private final VneidSimulator vneid;
    private boolean closed;

    private Sandbox(Vertx vertx, SyntheticPopulation population, NpdSimulator npd, IdentityProviderSimulator idp,
            VneidSimulator vneid) {
        this.vertx = vertx;
        this.population = population;
        this.npd = npd;
        this.idp = idp;
        this.vneid = vneid;
    }

    /** Starts on the ports and host the environment names (or system properties sandbox.npd.port, …). */
    public static Sandbox start() {
        return start(setting("SANDBOX_BIND_HOST", "sandbox.bind-host", DEFAULT_BIND_HOST),
                Integer.parseInt(setting("SANDBOX_NPD_PORT", "sandbox.npd.port", String.valueOf(DEFAULT_NPD_PORT))),
                Integer.parseInt(setting("SANDBOX_IDP_PORT", "sandbox.idp.port", String.valueOf(DEFAULT_IDP_PORT))));
    }

    /** Starts on 127.0.0.1 and the given ports (0 = any free port; VNeID on any free port). */
    public static Sandbox start(int npdPort, int idpPort) {
        return start(DEFAULT_BIND_HOST, npdPort, idpPort, 0);
    }

    /** As {@link #start(String, int, int, int)}, VNeID on SANDBOX_VNEID_PORT (or sandbox.vneid.port, default 8090). */
    public static Sandbox start(String host, int npdPort, int idpPort) {
        return start(host, npdPort, idpPort, Integer.parseInt(
                setting("SANDBOX_VNEID_PORT", "sandbox.vneid.port", String.valueOf(DEFAULT_VNEID_PORT))));
    }

    /** Starts the simulators on one shared Vert.x; if one cannot start, the others are stopped. */
    public static Sandbox start(String host, int npdPort, int idpPort, int vneidPort) {
        Vertx vertx = SandboxVertx.create();
        SyntheticPopulation population = SyntheticPopulation.standard();
        NpdSimulator npd = new NpdSimulator(population, vertx, Clock.systemUTC());
        IdentityProviderSimulator idp = new IdentityProviderSimulator(vertx, Clock.systemUTC());
        VneidSimulator vneid = new VneidSimulator(population, vertx, Clock.systemUTC());
        try {
            npd.start(host, npdPort);
            idp.start(host, idpPort);
            vneid.start(host, vneidPort);
        } catch (RuntimeException e) {
            npd.close();
            idp.close();
            vneid.close();
            SandboxVertx.await(vertx.close());
            throw e;
        }
        return new Sandbox(vertx, population, npd, idp, vneid);
    }

    /**
     * What the gateway needs to use the sandbox, as configuration properties: NPD_URL,
     * NPD_CLIENT_ID, NPD_CLIENT_SECRET, quarkus.oidc.auth-server-url, quarkus.oidc.client-id.
     */
    public Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("NPD_URL", npd.baseUrl());
        config.put("NPD_CLIENT_ID", NpdSimulator.DEFAULT_CLIENT_ID);
        config.put("NPD_CLIENT_SECRET", NpdSimulator.DEFAULT_CLIENT_SECRET);
        config.put("quarkus.oidc.auth-server-url", idp.issuer());
        config.put("quarkus.oidc.client-id", GATEWAY_CLIENT_ID);
        config.putAll(vneidConfig());
        // the dashboard's login (issue 9): the authorization-code client's secret
        config.put("quarkus.oidc.dashboard.credentials.secret", IdentityProviderSimulator.DASHBOARD_SECRET);
        return Map.copyOf(config);
    }

    /** VNEID_URL, VNEID_CLIENT_ID, VNEID_CLIENT_SECRET, VNEID_ID_TOKEN_AUDIENCE for the VNeID simulator. */
    public Map<String, String> vneidConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("VNEID_URL", vneid.baseUrl());
        config.put("VNEID_CLIENT_ID", VneidSimulator.DEFAULT_CLIENT_ID);
        config.put("VNEID_CLIENT_SECRET", VneidSimulator.DEFAULT_CLIENT_SECRET);
        config.put("VNEID_ID_TOKEN_AUDIENCE", VneidSimulator.DEFAULT_ID_TOKEN_AUDIENCE);
        return config;
    }

    public VneidSimulator vneid() {
        return vneid;
    }

    public SyntheticPopulation population() {
        return population;
    }

    public NpdSimulator npd() {
        return npd;
    }

    public IdentityProviderSimulator idp() {
        return idp;
    }

    /** A valid access token for one of {@link IdentityProviderSimulator#OFFICERS}. */
    public String officerToken(String username) {
        return idp.accessToken(username);
    }

    /** Stops both simulators and their Vert.x. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        npd.close();
        idp.close();
        vneid.close();
        SandboxVertx.await(vertx.close());
    }

    private static String setting(String env, String property, String defaultValue) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            value = System.getProperty(property);
        }
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }
}
