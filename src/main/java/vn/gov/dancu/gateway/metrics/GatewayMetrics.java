package vn.gov.dancu.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import vn.gov.dancu.gateway.audit.AuditWriter;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.procedure.PrefillResult;
import vn.gov.dancu.gateway.upstream.npd.NpdClient;
import vn.gov.dancu.gateway.upstream.npd.NpdHealth;
import vn.gov.dancu.gateway.upstream.npd.NpdQuota;

/**
 * The gateway's own Prometheus metrics (spec §5.9), in one place so that their names and labels
 * can be read — and reviewed for personal data — at a glance.
 *
 * <p>Labels are only ever {@code operation}, {@code procedure}, {@code outcome} and {@code status},
 * and every value comes from a closed set in the code (resource method names, procedure codes,
 * problem codes, HTTP statuses): never a personal id, a name, a case id, an officer, an agency or
 * a token. {@link #label(String)} enforces the shape, so a mistake becomes {@code OTHER}, not a leak.
 */
@ApplicationScoped
public class GatewayMetrics {

    public static final String REQUESTS = "gateway.requests";
    public static final String PREFILL_DURATION = "gateway.prefill.duration";
    public static final String CACHE = "gateway.npd.cache";
    public static final String QUOTA_WAITING = "gateway.npd.quota.waiting";
    public static final String CIRCUIT_STATE = "gateway.npd.circuit.state";
    public static final String AUDIT_QUEUE = "gateway.audit.queue.depth";
    /** Recorded inside {@link AuditWriter} through the global registry (one line there). */
    public static final String AUDIT_COMMIT = "gateway.audit.commit.duration";
    /** Records per audit commit (group commit, issue 11): recorded inside {@link AuditWriter} too. */
    public static final String AUDIT_COMMIT_RECORDS = "gateway.audit.commit.records";

    /** Upper snake case, lower-case words or a status: what the code's closed sets look like. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z_-]{0,47}|[1-5][0-9]{2}");

    @Inject
    MeterRegistry registry;

    @Inject
    NpdQuota quota;

    @Inject
    AuditWriter auditWriter;

    @Inject
    NpdHealth npdHealth;

    @Inject
    GatewayConfig config;

    /** Gauges and the audit timer exist from the start, so a dashboard sees 0 rather than nothing. */
    void register(@Observes StartupEvent event) {
        Gauge.builder(QUOTA_WAITING, quota, NpdQuota::waiting)
                .description("Calls waiting for a slot of the NPD quota").register(registry);
        Gauge.builder(AUDIT_QUEUE, auditWriter, AuditWriter::pending)
                .description("Audit records accepted and not yet committed or failed").register(registry);
        Gauge.builder(CIRCUIT_STATE, npdHealth, h -> circuitValue(h.circuitState()))
                .description("NPD circuit breaker: 0 closed, 1 half-open, 2 open").register(registry);
        Timer.builder(AUDIT_COMMIT).description("Time to commit one batch of audit records")
                .publishPercentileHistogram().register(registry);
        DistributionSummary.builder(AUDIT_COMMIT_RECORDS)
                .description("Audit records written by one commit (many callers share one under load)")
                .register(registry);
        for (String outcome : new String[] { "hit", "miss" }) {
            Counter.builder(CACHE).tag("outcome", outcome)
                    .description("Per-case cache of NPD answers: reused (hit) or fetched (miss)").register(registry);
        }
    }

    /** The breaker's state as a number a dashboard can plot: 0 closed, 1 half-open, 2 open. */
    static double circuitValue(String state) {
        return switch (state) {
            case "CLOSED" -> 0;
            case "HALF_OPEN" -> 1;
            default -> 2;
        };
    }

    /** The meters of answered requests, by their labels: looked up once, not built on every answer. */
    private record RequestKey(String operation, String procedure, int status, String outcome) {
    }

    private record DurationKey(String procedure, String outcome) {
    }

    private final Map<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final Map<DurationKey, Timer> durations = new ConcurrentHashMap<>();

    /** Label values come from closed sets; beyond this many combinations something is wrong: not kept. */
    private static final int MAX_KEPT = 2048;

    /** One answered API request: which operation, which procedure (or {@code NONE}), how it ended. */
    public void request(String operation, String procedure, int status, String outcome) {
        RequestKey key = new RequestKey(operation, procedure, status, outcome);
        Counter counter = requests.get(key);
        if (counter == null) {
            counter = Counter.builder(REQUESTS).description("API requests by operation, procedure and outcome")
                    .tag("operation", label(operation)).tag("procedure", label(procedure))
                    .tag("status", Integer.toString(status)).tag("outcome", label(outcome))
                    .register(registry);
            if (requests.size() < MAX_KEPT) {
                requests.put(key, counter);
            }
        }
        counter.increment();
    }

    /** How long one prefill took to answer, whatever the answer was. */
    public void prefillDuration(String procedure, String outcome, Duration duration) {
        DurationKey key = new DurationKey(procedure, outcome);
        Timer timer = durations.get(key);
        if (timer == null) {
            timer = Timer.builder(PREFILL_DURATION).description("Prefill latency, from the request's arrival to its answer")
                    .tag("procedure", label(procedure)).tag("outcome", label(outcome))
                    .publishPercentileHistogram()
                    .register(registry);
            if (durations.size() < MAX_KEPT) {
                durations.put(key, timer);
            }
        }
        timer.record(duration);
    }

    /** For each person of a prefill: answered from the per-case cache, or fetched from the NPD. */
    public void cacheLookups(PrefillResult result) {
        if (!config.npd().cache().enabled()) {
            return; // with the cache off every lookup is a call: "miss" would only repeat the call count
        }
        for (PrefillResult.NpdCall call : result.npdCalls()) {
            if (call.cached()) {
                registry.counter(CACHE, "outcome", "hit").increment();
            } else if (call.sent()) {
                registry.counter(CACHE, "outcome", "miss").increment();
            }
        }
    }

    /** A label value as the code produced it, or {@code OTHER} if it does not look like one. */
    static String label(String value) {
        return value != null && LABEL.matcher(value).matches() ? value : "OTHER";
    }
}
