package vn.gov.dancu.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.PostgresResource;

/**
 * The operator's command, {@code audit-verify} as first program argument, run through the
 * application's real main method (as {@code java -jar quarkus-run.jar audit-verify} does): it
 * prints the verification as JSON and its exit code says intact (0), tampered (2) or unreadable
 * (1), so a cron job or a monitoring probe can act on it.
 */
@QuarkusMainTest
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(NpdMock.class)
class AuditVerifyCommandTest {

    /**
     * The database, as an operator would point the command at it: through the datasource
     * settings. (A test resource would start its server in the application's class loader,
     * out of this test's reach.)
     */
    private static final Map<String, String> DATASOURCE = Map.of(
            "quarkus.datasource.jdbc.url", PostgresResource.jdbcUrl(),
            "quarkus.datasource.username", "postgres",
            "quarkus.datasource.password", "postgres");

    private final PGSimpleDataSource dataSource = dataSource();

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(PostgresResource.jdbcUrl());
        return ds;
    }

    @BeforeEach
    void pointAtTheDatabase() {
        DATASOURCE.forEach(System::setProperty);
    }

    @AfterEach
    void forgetCommandSettings() {
        // Not for the next test class: neither this database nor the command's switched-off HTTP listener.
        DATASOURCE.keySet().forEach(System::clearProperty);
        System.clearProperty("quarkus.http.host-enabled");
    }

    @Test
    void exitCodeSaysWhetherTheChainIsIntact(QuarkusMainLauncher launcher) {
        // The gateway's own migrations, as its first start would apply them.
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        AuditTables.reset(dataSource);
        String previous = AuditChain.GENESIS;
        for (long seq = 1; seq <= 3; seq++) {
            AuditEntry entry = AuditTables.entry("cs.officer", Instant.now());
            String hash = AuditChain.hash(previous, seq, entry);
            AuditTables.insert(dataSource, seq, entry, previous, hash);
            previous = hash;
        }
        AuditTables.execute(dataSource, "UPDATE audit_chain_head SET seq = 3, hash = '" + previous + "'");

        LaunchResult intact = launcher.launch(AuditVerifyCommand.NAME);
        assertEquals(0, intact.exitCode(), intact::getErrorOutput);
        assertTrue(intact.getOutput().contains("{\"valid\":true,\"checked\":3}"), intact::getOutput);

        AuditTables.execute(dataSource, "UPDATE audit_record SET officer = 'someone.else' WHERE seq = 2");
        LaunchResult tampered = launcher.launch(AuditVerifyCommand.NAME);
        assertEquals(2, tampered.exitCode(), tampered::getErrorOutput);
        assertTrue(tampered.getOutput().contains("\"reason\":\"HASH_MISMATCH\""), tampered::getOutput);
        assertTrue(tampered.getOutput().contains("\"firstInvalidSeq\":2"), tampered::getOutput);

        AuditTables.execute(dataSource, "ALTER TABLE audit_chain_anchor RENAME TO audit_chain_anchor_away");
        LaunchResult unreadable;
        try {
            unreadable = launcher.launch(AuditVerifyCommand.NAME);
        } finally {
            AuditTables.execute(dataSource, "ALTER TABLE audit_chain_anchor_away RENAME TO audit_chain_anchor");
        }
        assertEquals(1, unreadable.exitCode(), unreadable::getOutput);
        assertTrue(unreadable.getErrorOutput().contains("cannot read the audit trail"), unreadable::getErrorOutput);
    }
}
