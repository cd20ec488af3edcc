package vn.gov.dancu.gateway.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A real PostgreSQL for the sandbox's audit trail, started in-process from binaries on the class
 * path, so the sandbox needs no database server installed. Used only when no datasource is
 * configured: a sandbox pointed at a real database keeps using it. The data live in a temporary
 * directory and go with the process.
 */
final class SandboxDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private SandboxDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** True when neither the environment nor a system property names a database. */
    static boolean needed() {
        return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") == null
                && System.getProperty("quarkus.datasource.jdbc.url") == null;
    }

    static SandboxDatabase start() {
        try {
            return new SandboxDatabase(EmbeddedPostgres.builder().start());
        } catch (IOException e) {
            throw new UncheckedIOException("the sandbox's embedded PostgreSQL did not start", e);
        }
    }

    /** The datasource settings for the gateway. */
    Map<String, String> config() {
        return Map.of("quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // the process is ending; the temporary data directory is removed with it
        }
    }
}
