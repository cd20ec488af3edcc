package vn.gov.dancu.gateway.upstream.npd;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * NPD calls by operation and status, and their latency (spec §5.9). Wraps one guarded attempt
 * (token, call, breaker, bulkhead, timeout) so every way it can end is counted once: the NPD's
 * HTTP status, or what stood in for an answer ({@code TIMEOUT}, {@code NETWORK},
 * {@code CIRCUIT_OPEN}, {@code BULKHEAD_FULL}, {@code CANCELLED} when the caller's deadline
 * passed). Labels are the operation and that status only: never the person asked about.
 */
@ApplicationScoped
public class NpdMetrics {

    public static final String CALLS = "gateway.npd.calls";
    public static final String DURATION = "gateway.npd.call.duration";

    @Inject
    MeterRegistry registry;

    /** {@code call}, measured from subscription to its end, whatever the end. */
    <T> Uni<T> observe(String operation, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return call
                    .onItemOrFailure().invoke((item, failure) -> record(operation,
                            failure == null ? statusOf(item) : statusOf(failure), started))
                    .onCancellation().invoke(() -> record(operation, "CANCELLED", started));
        });
    }

    /** A verify-only call (identity, issue 8), counted as operation {@code verify}. */
    <T> Uni<T> observeVerify(Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return call
                    .onItemOrFailure().invoke((item, failure) -> record("verify", failure != null ? statusOf(failure)
                            : item instanceof NpdVerification.NotFound ? "404"
                            : item instanceof NpdVerification.Cancelled ? "410" : "200", started))
                    .onCancellation().invoke(() -> record("verify", "CANCELLED", started));
        });
    }

    private void record(String operation, String status, long startedNanos) {
        Counter.builder(CALLS).description("Calls to the NPD by operation and status")
                .tag("operation", operation).tag("status", status).register(registry).increment();
        Timer.builder(DURATION).description("Latency of calls to the NPD").tag("operation", operation)
                .tag("status", status).publishPercentileHistogram().register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    static String statusOf(Object answer) {
        if (answer instanceof org.jboss.resteasy.reactive.RestResponse<?> written) {
            return Integer.toString(written.getStatus()); // a write: 200, 201 or 202
        }
        if (answer instanceof NpdLookup.NotFound) {
            return "404";
        }
        if (answer instanceof NpdLookup.Cancelled) {
            return "410";
        }
        return "200";
    }

    static String statusOf(Throwable failure) {
        if (failure instanceof NpdException npd) {
            return npd.status() > 0 ? Integer.toString(npd.status()) : "NETWORK";
        }
        if (failure instanceof TimeoutException) {
            return "TIMEOUT";
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "CIRCUIT_OPEN";
        }
        if (failure instanceof BulkheadException) {
            return "BULKHEAD_FULL";
        }
        return "ERROR";
    }
}
