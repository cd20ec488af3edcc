package vn.gov.dancu.gateway.sandbox;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import vn.gov.dancu.gateway.audit.AuditVerifyCommand;

/**
 * The gateway's entry point. With {@code GATEWAY_SANDBOX=true} (or {@code -Dgateway.sandbox=true})
 * it first starts the {@link Sandbox} and points the gateway at it through system properties,
 * which outrank environment variables and application.properties; otherwise it only runs Quarkus,
 * so a packaged gateway talks to nothing but its configured endpoints. With no datasource
 * configured, the sandbox also starts an embedded PostgreSQL for the audit trail.
 *
 * <p>{@code audit-verify} as first argument runs the operator's chain verification instead
 * ({@link AuditVerifyCommand}).
 */
@QuarkusMain
public final class SandboxMain {

    private static final Logger LOG = Logger.getLogger(SandboxMain.class);
    /** Set once the sandbox runs: dev-mode restarts call main again in the same JVM. */
    private static final String STARTED = "dancu.sandbox.started";

    private SandboxMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && AuditVerifyCommand.NAME.equals(args[0])) {
            // An operator command: needs only the database. No HTTP listener, no identity provider,
            // no NPD, quiet logs so the JSON result stands alone; the exit code tells the result.
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.oidc.tenant-enabled", "false");
            System.setProperty("quarkus.log.console.level", "WARN");
            // A read-only check: it must not need (or use) the right to change the schema.
            System.setProperty("quarkus.flyway.migrate-at-start", "false");
            for (String unused : new String[] { "NPD_URL", "NPD_CLIENT_ID", "NPD_CLIENT_SECRET" }) {
                if (System.getenv(unused) == null && System.getProperty(unused) == null) {
                    System.setProperty(unused, "http://unused.invalid");
                }
            }
            Quarkus.run(AuditVerifyCommand.class, args);
            return;
        }
        if (sandboxRequested() && System.getProperty(STARTED) == null) {
            Sandbox sandbox = Sandbox.start();
            sandbox.config().forEach(System::setProperty);
            if (SandboxDatabase.needed()) {
                SandboxDatabase database = SandboxDatabase.start();
                database.config().forEach(System::setProperty);
                Runtime.getRuntime().addShutdownHook(new Thread(database::close, "sandbox-database-shutdown"));
                LOG.infof("Sandbox: embedded PostgreSQL for the audit trail on port %d", database.port());
            }
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
