package vn.gov.dancu.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.gov.dancu.gateway.testing.Citizens.MOTHER;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.AuditTables.Row;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.PostgresResource;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * Several gateway instances write one chain (issue 3): each appends under a lock on the single
 * head row, so sequence numbers and previous hashes stay one unbroken chain however their
 * transactions interleave. Here three writers share one PostgreSQL at once: this gateway's own
 * group-commit writer (fed by real prefill requests), its {@link AuditAppender}, and a second
 * {@link AuditAppender} on a connection pool of its own, as another instance would have — while an
 * auditor verifies the chain over and over as it grows.
 *
 * <p>A second gateway process (the packaged jar) is not started here: {@code target/quarkus-app}
 * does not exist yet when surefire runs on a fresh clone. The second writer uses the same
 * {@code AuditAppender.append} code and the same database protocol, which is what the chain depends on.
 */
@QuarkusTest
class AuditMultiInstanceTest extends GatewayTest {

    private static final int THREADS_PER_INSTANCE = 3;
    private static final int APPENDS_PER_THREAD = 60;
    private static final int PREFILLS = 40;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditWriter writer;

    @Inject
    AuditAppender store;

    @Test
    void chainWrittenByThreeWritersAtOnceVerifies() throws Exception {
        AuditTables.reset(dataSource, writer);
        npd.stubFor(NpdMock.lookup(MOTHER).willReturn(okJson(Citizens.mother().toString())));
        try (AgroalDataSource otherPool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.maxSize(THREADS_PER_INSTANCE)
                        .connectionFactoryConfiguration(factory -> factory.jdbcUrl(PostgresResource.jdbcUrl())
                                .principal(new NamePrincipal("postgres"))
                                .credential(new SimplePassword("postgres")))))) {
            AuditAppender otherInstance = new AuditAppender();
            otherInstance.dataSource = otherPool;

            ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE + 2);
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<Integer>> appenders = new ArrayList<>();
            try {
                for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                    appenders.add(threads.submit(appender(store, "instance-a", start)));
                    appenders.add(threads.submit(appender(otherInstance, "instance-b", start)));
                }
                Future<Integer> requests = threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < PREFILLS; i++) {
                        asCivilStatusOfficer().contentType("application/json")
                                .body(Prefills.bodyWithCaseId("HS-MULTI-" + i, "mother", MOTHER))
                                .post(Prefills.path("birth-registration")).then().statusCode(200);
                    }
                    return PREFILLS;
                });
                // An auditor verifying while the chain grows must never see a broken chain.
                Future<Integer> verifications = threads.submit(() -> {
                    start.await();
                    int runs = 0;
                    while (writing.get()) {
                        JsonPath result = verification();
                        assertEquals(true, result.getBoolean("valid"), () -> "mid-write: " + result.prettify());
                        runs++;
                    }
                    return runs;
                });

                start.countDown();
                int total = requests.get(2, TimeUnit.MINUTES);
                for (Future<Integer> appender : appenders) {
                    total += appender.get(2, TimeUnit.MINUTES);
                }
                writing.set(false);
                assertTrue(verifications.get(1, TimeUnit.MINUTES) > 0, "verified while writing");
                assertChain(total);
            } finally {
                writing.set(false);
                threads.shutdownNow();
            }
        }
    }

    private void assertChain(int total) {
        AuditTables.awaitIdle(writer);
        List<Row> chain = AuditTables.all(dataSource);
        // every verification run while writing is recorded too (an auditor's read): not counted below
        List<Row> rows = chain.stream().filter(r -> !r.operation().equals("AUDIT_VERIFICATION")).toList();
        long switches = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).officer().equals(rows.get(i - 1).officer())) {
                switches++;
            }
        }
        long interleavings = switches;
        long head = AuditTables.number(dataSource, "SELECT seq FROM audit_chain_head");
        JsonPath result = verification(); // recorded in turn, after it read the chain
        assertAll(
                () -> assertTrue(total >= 1000, "at least a thousand records: " + total),
                () -> assertEquals(total, rows.size(), "every append and every request recorded once"),
                () -> assertEquals(chain.size(), chain.get(chain.size() - 1).seq(), "sequence numbers 1..n without a gap"),
                () -> assertEquals(chain.size(), head),
                () -> assertTrue(interleavings >= 10, "the writers really interleaved: " + interleavings),
                () -> assertEquals(true, result.getBoolean("valid"), result::prettify),
                () -> assertEquals(chain.size(), result.getLong("checked")));
    }

    /**
     * One writer thread of an instance: batches of 1 to 5 entries, as group commit makes them;
     * each batch must get consecutive sequence numbers (one transaction holds the head).
     */
    private static Callable<Integer> appender(AuditAppender instance, String officer, CountDownLatch start) {
        return () -> {
            start.await();
            int written = 0;
            for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                List<AuditEntry> batch = new ArrayList<>();
                for (int j = 0; j <= i % 5; j++) {
                    batch.add(new AuditEntry(UUID.randomUUID(), Instant.now(), "multi-" + UUID.randomUUID(),
                            officer, "UBND-P-TANPHU", "counter-app", "PREFILL", "BIRTH_REGISTRATION", "HS-MULTI",
                            "Luật Hộ tịch 2014", List.of(new AuditEntry.Party("mother", MOTHER, List.of("fullName"))),
                            200, List.of(), List.of()));
                }
                List<Long> seqs = instance.append(batch);
                for (int j = 1; j < seqs.size(); j++) {
                    assertEquals(seqs.get(j - 1) + 1, seqs.get(j), "one batch, one unbroken stretch");
                }
                written += batch.size();
            }
            return written;
        };
    }

    private static JsonPath verification() {
        return as(AuditTables.auditor()).get("/api/v1/audit/verification")
                .then().statusCode(200).extract().jsonPath();
    }
}
