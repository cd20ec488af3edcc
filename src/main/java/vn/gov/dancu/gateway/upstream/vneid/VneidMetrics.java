package vn.gov.dancu.gateway.upstream.vneid;

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
 * VNeID calls by operation ({@code redeem}, {@code jwks}) and status, and their latency (spec
 * §5.9). Labels are the operation and VNeID's HTTP status (or TIMEOUT, NETWORK, CIRCUIT_OPEN,
 * BULKHEAD_FULL, CANCELLED) only: never a person, a code or a token.
 */
@ApplicationScoped
public class VneidMetrics {

    public static final String CALLS = "gateway.vneid.calls";
    public static final String DURATION = "gateway.vneid.call.duration";

    @Inject
    MeterRegistry registry;

    <T> Uni<T> observe(String operation, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return call
                    .onItemOrFailure().invoke((item, failure) -> record(operation,
                            failure == null ? "200" : statusOf(failure), started))
                    .onCancellation().invoke(() -> record(operation, "CANCELLED", started));
        });
    }

    private void record(String operation, String status, long startedNanos) {
        Counter.builder(CALLS).description("Calls to VNeID by operation and status")
                .tag("operation", operation).tag("status", status).register(registry).increment();
        Timer.builder(DURATION).description("Latency of calls to VNeID").tag("operation", operation)
                .tag("status", status).publishPercentileHistogram().register(registry)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    static String statusOf(Throwable failure) {
        if (failure instanceof VneidException v) {
            return v.status() > 0 ? Integer.toString(v.status()) : "NETWORK";
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
