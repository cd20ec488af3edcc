package vn.gov.dancu.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;

/**
 * The operator's verification command: {@code java -jar quarkus-run.jar audit-verify} with the
 * production datasource variables. Prints the result as JSON and exits 0 when the chain is
 * intact, 2 when it is not, 1 when the database cannot be read.
 */
public class AuditVerifyCommand implements QuarkusApplication {

    /** The first program argument that selects this command. */
    public static final String NAME = "audit-verify";

    @Inject
    AuditVerifier verifier;

    @Override
    public int run(String... args) throws Exception {
        try {
            AuditVerifier.Result result = verifier.verify();
            System.out.println(new ObjectMapper().findAndRegisterModules().writeValueAsString(result));
            return result.valid() ? 0 : 2;
        } catch (java.sql.SQLException e) {
            System.err.println("audit-verify: cannot read the audit trail: " + e.getMessage());
            return 1;
        }
    }
}
