package vn.gov.dancu.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.AuditTables.Row;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.OpenApiValidation;

/**
 * Retention ({@code gateway.audit.retention}, five years by default; archiving on): records older
 * than that leave the live table — copied unchanged to {@code audit_record_archive} — and the
 * anchor moves to the last one removed, so what remains still verifies. The tests drive
 * {@link AuditMaintenance#prune()} and assert on the tables, which is the same whichever run (the
 * test's or the hourly scheduled one) did the work.
 */
@QuarkusTest
class AuditRetentionTest extends GatewayTest {

    /** Well beyond the default retention of 1826 days. */
    private static final Instant SIX_YEARS_AGO = Instant.now().minus(6 * 366, ChronoUnit.DAYS);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    AuditAppender store;

    @Inject
    AuditRetention retention;

    @Inject
    AuditMaintenance maintenance;

    @BeforeEach
    void emptyTrail() {
        AuditTables.reset(dataSource, writer);
    }

    @Test
    void archivesExpiredRecordsUnchangedAndTheRestStillVerifies() throws SQLException {
        append(SIX_YEARS_AGO, SIX_YEARS_AGO.plusSeconds(1), SIX_YEARS_AGO.plusSeconds(2), Instant.now(),
                Instant.now());
        List<Row> before = AuditTables.all(dataSource);

        maintenance.prune();

        assertAll(
                () -> assertEquals(before.subList(3, 5), AuditTables.all(dataSource), "the young records stay"),
                () -> assertEquals(before.subList(0, 3), AuditTables.archived(dataSource),
                        "the expired ones are archived with their hashes"),
                () -> assertEquals(3, AuditTables.number(dataSource, "SELECT seq FROM audit_chain_anchor")),
                () -> assertEquals(1, AuditTables.number(dataSource,
                        "SELECT count(*) FROM audit_chain_anchor WHERE hash = ?", before.get(2).hash())));
        assertValid(2);
    }

    @Test
    void chainGoesOnVerifyingAfterRetention() throws SQLException {
        append(SIX_YEARS_AGO, Instant.now());
        maintenance.prune();

        append(Instant.now(), Instant.now());

        assertValid(3);
        // the verification's own record follows; the prefills are what retention left and appended
        assertEquals(List.of(2L, 3L, 4L), AuditTables.all(dataSource).stream()
                .filter(row -> row.operation().equals("PREFILL")).map(Row::seq).toList());
    }

    @Test
    void neverRemovesARecordWithinTheRetentionEvenBehindAnOldTimestamp() throws SQLException {
        // The third record comes from an instance whose clock is years behind: removing "everything
        // up to the newest old timestamp" would take the young second record with it.
        append(SIX_YEARS_AGO, Instant.now(), SIX_YEARS_AGO, Instant.now());

        maintenance.prune();

        // the verification's own record follows; the prefills are what retention left and appended
        assertEquals(List.of(2L, 3L, 4L), AuditTables.all(dataSource).stream()
                .filter(row -> row.operation().equals("PREFILL")).map(Row::seq).toList());
        assertEquals(List.of(1L), AuditTables.archived(dataSource).stream().map(Row::seq).toList());
        assertValid(3);
    }

    @Test
    void nothingExpiredMeansNothingMoves() throws SQLException {
        append(Instant.now(), Instant.now());

        assertEquals(0, maintenance.prune());

        assertEquals(2, AuditTables.all(dataSource).size());
        assertEquals(0, AuditTables.number(dataSource, "SELECT seq FROM audit_chain_anchor"));
        assertValid(2);
    }

    @Test
    void deletingWithoutArchiveAlsoMovesTheAnchor() throws SQLException {
        append(SIX_YEARS_AGO, SIX_YEARS_AGO, Instant.now());
        String hash2 = AuditTables.all(dataSource).get(1).hash();

        assertEquals(2, retention.prune(2, false));

        assertEquals(List.of(), AuditTables.archived(dataSource));
        assertEquals(List.of(3L), AuditTables.all(dataSource).stream().map(Row::seq).toList());
        assertEquals(1, AuditTables.number(dataSource,
                "SELECT count(*) FROM audit_chain_anchor WHERE seq = 2 AND hash = ?", hash2));
        assertValid(1);
    }

    private void append(Instant... times) throws SQLException {
        for (Instant at : times) {
            store.append(List.of(AuditTables.entry("cs.officer", at)));
        }
    }

    private void assertValid(long checked) {
        JsonPath result = as(AuditTables.auditor()).filter(OpenApiValidation.filter())
                .get("/api/v1/audit/verification").then().statusCode(200).extract().jsonPath();
        assertEquals(true, result.getBoolean("valid"), result::prettify);
        assertEquals(checked, result.getLong("checked"));
    }
}
