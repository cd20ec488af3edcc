package vn.gov.dancu.gateway.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.testing.AuditTables;
import vn.gov.dancu.gateway.testing.CacheOn;
import vn.gov.dancu.gateway.testing.Citizens;
import vn.gov.dancu.gateway.testing.GatewayTest;
import vn.gov.dancu.gateway.testing.NpdMock;
import vn.gov.dancu.gateway.testing.Officers;
import vn.gov.dancu.gateway.testing.Prefills;

/**
 * Spec §5.9 on the running gateway: after prefills (fresh and from the per-case cache), refusals
 * (400, 403) and an NPD outage (503), {@code /q/metrics} shows each of them counted exactly once
 * under its operation, procedure and outcome, the NPD calls that were really made, the cache hits,
 * the prefill latency histogram, and the gauges of quota queue, breaker and audit queue — and no
 * label value holds a personal id or a case id.
 *
 * <p>Counters live as long as the application, which other test classes share: every check is a
 * difference between a scrape before and one after. Runs with the cache on (the profile
 * {@code NpdCacheTest} uses, so no extra restart).
 */
@QuarkusTest
@TestProfile(CacheOn.class)
class MetricsTest extends GatewayTest {

    private static final String OUTAGE_CASE = "LLTP-METRICS-503";
    private static final String CACHED_CASE = "HS-METRICS-CACHE";
    private static final String APPLICANT = Citizens.personalId("MALE", 1986, "400001");
    private static final Pattern PERSONAL_ID = Pattern.compile("\\d{12}");

    @Inject
    AuditWriter auditWriter;

    @Test
    void countsPrefillsRefusalsAndAnOutageExactlyAndNamesNobody() {
        npd.stubFor(NpdMock.lookup(Citizens.MOTHER).willReturn(WireMock.okJson(Citizens.mother().toString())));
        npd.stubFor(NpdMock.lookup(Citizens.FATHER).willReturn(WireMock.okJson(Citizens.father().toString())));
        npd.stubFor(NpdMock.lookup(APPLICANT).willReturn(NpdMock.errorResponse(503, "MAINTENANCE")));
        AuditTables.awaitIdle(auditWriter);
        Scrape before = Scrape.now();

        // Two prefills of one case: the second is answered from the per-case cache.
        String birth = Prefills.bodyWithCaseId(CACHED_CASE, "mother", Citizens.MOTHER, "father", Citizens.FATHER);
        for (int i = 0; i < 2; i++) {
            asCivilStatusOfficer().contentType("application/json").body(birth)
                    .post(Prefills.path("birth-registration")).then().statusCode(200);
        }
        // 400: a number that fails the structure check; 403: a procedure of another role.
        asCivilStatusOfficer().contentType("application/json").body(Prefills.body("mother", "070190004"))
                .post(Prefills.path("birth-registration")).then().statusCode(400);
        asCivilStatusOfficer().contentType("application/json")
                .body(Prefills.bodyWithCaseId(OUTAGE_CASE, "applicant", APPLICANT))
                .post(Prefills.path("judicial-record")).then().statusCode(403);
        // 503: the NPD is down for the only party.
        as(Officers.judicialRecord()).contentType("application/json")
                .body(Prefills.bodyWithCaseId(OUTAGE_CASE, "applicant", APPLICANT))
                .post(Prefills.path("judicial-record")).then().statusCode(503);
        AuditTables.awaitIdle(auditWriter);
        Scrape after = Scrape.now();

        Map<String, String> prefill = Map.of("operation", "prefill");
        assertEquals(2, after.delta(before, "gateway_requests_total", with(prefill, "procedure", "BIRTH_REGISTRATION",
                "status", "200", "outcome", "COMPLETE")));
        assertEquals(1, after.delta(before, "gateway_requests_total", with(prefill, "procedure", "BIRTH_REGISTRATION",
                "status", "400", "outcome", "VALIDATION_FAILED")));
        assertEquals(1, after.delta(before, "gateway_requests_total", with(prefill, "procedure", "JUDICIAL_RECORD",
                "status", "403", "outcome", "FORBIDDEN")));
        assertEquals(1, after.delta(before, "gateway_requests_total", with(prefill, "procedure", "JUDICIAL_RECORD",
                "status", "503", "outcome", "NPD_UNAVAILABLE")));
        assertEquals(5, after.delta(before, "gateway_requests_total", prefill), "nothing else was counted");

        // Latency histogram: one observation per prefill answered, with buckets for quantiles.
        assertEquals(3, after.delta(before, "gateway_prefill_duration_seconds_count",
                Map.of("procedure", "BIRTH_REGISTRATION")));
        assertEquals(2, after.delta(before, "gateway_prefill_duration_seconds_count",
                Map.of("procedure", "JUDICIAL_RECORD")));
        assertTrue(after.has("gateway_prefill_duration_seconds_bucket", Map.of("procedure", "BIRTH_REGISTRATION")),
                "the prefill latency is a histogram");

        // NPD calls: the first prefill asked for both parents, the cached one nobody; the outage
        // counts every attempt the NPD saw (first try and any retry the budget allowed).
        assertEquals(2, after.delta(before, "gateway_npd_calls_total", Map.of("operation", "lookup", "status", "200")));
        int outageCalls = npd.findAll(NpdMock.lookupRequest(APPLICANT)).size();
        assertTrue(outageCalls >= 1, "the NPD saw the outage's lookup");
        assertEquals(outageCalls, after.delta(before, "gateway_npd_calls_total",
                Map.of("operation", "lookup", "status", "503")));
        assertEquals(2 + outageCalls, after.delta(before, "gateway_npd_call_duration_seconds_count",
                Map.of("operation", "lookup")));
        assertEquals(2, after.delta(before, "gateway_npd_cache_total", Map.of("outcome", "hit")));
        assertEquals(3, after.delta(before, "gateway_npd_cache_total", Map.of("outcome", "miss")),
                "both parents and the applicant were fetched, not reused");

        // Gauges and the audit commit timer: the queue is empty again, the breaker closed.
        assertEquals(0, after.value("gateway_npd_quota_waiting", Map.of()));
        assertEquals(0, after.value("gateway_npd_circuit_state", Map.of()), "one failure does not open the breaker");
        assertEquals(0, after.value("gateway_audit_queue_depth", Map.of()));
        assertTrue(after.delta(before, "gateway_audit_commit_duration_seconds_count", Map.of()) >= 1,
                "the audit records of these requests were committed and timed");
        assertTrue(after.has("gateway_audit_commit_duration_seconds_bucket", Map.of()));
        double commits = after.delta(before, "gateway_audit_commit_records_count", Map.of());
        double records = after.delta(before, "gateway_audit_commit_records_sum", Map.of());
        assertTrue(commits >= 1 && records >= commits, () -> "records per commit counted: " + records + " in " + commits);

        // No label anywhere names a person or a dossier.
        List<String> leaks = new ArrayList<>();
        for (Sample sample : after.samples) {
            sample.labels.forEach((name, value) -> {
                if (PERSONAL_ID.matcher(value).find() || value.contains(CACHED_CASE) || value.contains(OUTAGE_CASE)
                        || value.contains(Prefills.CASE_ID) || value.contains(Officers.AGENCY)) {
                    leaks.add(sample.name + "{" + name + "=...}");
                }
            });
        }
        assertTrue(leaks.isEmpty(), () -> "labels holding a personal id, case id or agency: " + leaks);
        assertFalse(after.text.contains(Citizens.MOTHER) || after.text.contains(APPLICANT),
                "no personal id anywhere in the scrape");
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }

    /** One sample line of the Prometheus text format. */
    private record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A scrape of {@code /q/metrics}, parsed. */
    private record Scrape(String text, List<Sample> samples) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

        static Scrape now() {
            String text = RestAssured.given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                    .extract().asString();
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher m = LINE.matcher(line.trim());
                if (line.startsWith("#") || !m.matches()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
            }
            return new Scrape(text, samples);
        }

        /** The sum over every sample of {@code name} whose labels include {@code labels}. */
        double value(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name.equals(name))
                    .filter(s -> s.labels.entrySet().containsAll(labels.entrySet()))
                    .mapToDouble(Sample::value).sum();
        }

        boolean has(String name, Map<String, String> labels) {
            return samples.stream().anyMatch(s -> s.name.equals(name)
                    && s.labels.entrySet().containsAll(labels.entrySet()));
        }

        long delta(Scrape before, String name, Map<String, String> labels) {
            return Math.round(value(name, labels) - before.value(name, labels));
        }
    }
}
