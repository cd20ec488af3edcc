package vn.gov.dancu.gateway.sandbox;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The gateway's entry point. With {@code GATEWAY_SANDBOX=true} (or {@code -Dgateway.sandbox=true})
 * it first starts the {@link Sandbox} and points the gateway at it through system properties,
 * which outrank environment variables and application.properties; otherwise it only runs Quarkus,
 * so a packaged gateway talks to nothing but its configured endpoints.
 */
@QuarkusMain
public final class SandboxMain {

    private static final Logger LOG = Logger.getLogger(SandboxMain.class);
    /** Set once the sandbox runs: dev-mode restarts call main again in the same JVM. */
    private static final String STARTED = "gateway.sandbox.started";

    private SandboxMain() {
    }

    public static void main(String... args) {
        if (sandboxRequested() && System.getProperty(STARTED) == null) {
            Sandbox sandbox = Sandbox.start();
            sandbox.config().forEach(System::setProperty);
            System.setProperty(STARTED, "true");
            Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
            LOG.infof("Sandbox: NPD simulator on port %d, identity provider on port %d (realm %s)",
                    sandbox.npd().port(), sandbox.idp().port(), IdentityProviderSimulator.REALM);
            LOG.infof("Sandbox: get an officer token with: curl -s -d grant_type=password -d client_id=counter-app"
                    + " -d username=cs-officer -d password=%s %s", IdentityProviderSimulator.PASSWORD,
                    sandbox.idp().tokenEndpoint());
        }
        Quarkus.run(args);
    }

    static boolean sandboxRequested() {
        return Boolean.parseBoolean(System.getenv("GATEWAY_SANDBOX"))
                || Boolean.parseBoolean(System.getProperty("gateway.sandbox"));
    }
}
