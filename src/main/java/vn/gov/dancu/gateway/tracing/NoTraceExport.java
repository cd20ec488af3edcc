package vn.gov.dancu.gateway.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * Spec §6: traces are exported only when {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} is set.
 *
 * <p>Tracing itself stays on everywhere — spans for each request and NPD call, the trace id in
 * every log line, W3C {@code traceparent} to the NPD — but Quarkus' OTLP exporter, which the build
 * fixes in place, would otherwise send to {@code localhost:4317} and log an export error for every
 * batch when no collector runs there (the sandbox, a province without one). Quarkus installs its
 * OTLP exporter only when no {@link SpanExporter} bean can be looked up; this one, which drops
 * every span, can be looked up exactly when no endpoint is configured
 * ({@code dancu.traces.export} reads the variable, {@code off} without it).
 */
@ApplicationScoped
@LookupIfProperty(name = "dancu.traces.export", stringValue = "off")
public class NoTraceExport implements SpanExporter {

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
