package vn.gov.dancu.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import vn.gov.dancu.gateway.audit.AuditVerifyCommand;

/**
 * The gateway's entry point. It runs the gateway as configured (spec §2) and nothing else: the
 * packaged application holds no simulator and no setting that starts one (spec §6).
 *
 * <p>{@code audit-verify} as first argument runs the operator's chain verification instead
 * ({@link AuditVerifyCommand}).
 */
@QuarkusMain
public final class GatewayMain {

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
        Quarkus.run(args);
    }
}
