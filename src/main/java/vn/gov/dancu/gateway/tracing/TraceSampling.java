package vn.gov.dancu.gateway.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which spans are recorded. With an OTLP endpoint, Quarkus' default: every request whose caller
 * did not say otherwise ({@code parentbased_always_on}). Without one ({@link NoTraceExport}), only
 * those of a caller whose {@code traceparent} says it samples this trace: the gateway's own spans
 * would be dropped unread, and building them (attributes, timings, the redaction of
 * {@link NoPersonalDataInSpans}) was a twentieth of a prefill's CPU (issue 11's profile).
 * Trace ids are unaffected: a span that is not recorded still has one, so every log line still
 * carries its {@code traceId} and the NPD still receives {@code traceparent}, its sampled flag
 * saying truthfully whether anyone records the trace.
 */
@Singleton
public class TraceSampling {

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "dancu.traces.export") String export) {
        return Sampler.parentBased("off".equals(export) ? Sampler.alwaysOff() : Sampler.alwaysOn());
    }
}
