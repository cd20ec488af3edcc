package vn.gov.dancu.gateway.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps personal ids out of exported traces (spec §5.9, §6). The NPD call's URL holds the person's
 * number ({@code /api/v1/citizens/070190004521}) and the access log's query may hold one
 * ({@code ?personalId=...}); the instrumentation copies both into span attributes. Span names are
 * already templated; this rewrites the URL attributes as each span starts, before any exporter can
 * see them: runs of digits become {@code {id}} and the query is dropped.
 */
@ApplicationScoped
public class NoPersonalDataInSpans implements SpanProcessor {

    private static final List<AttributeKey<String>> URL_ATTRIBUTES = List.of(AttributeKey.stringKey("url.full"),
            AttributeKey.stringKey("url.path"), AttributeKey.stringKey("url.query"), AttributeKey.stringKey("http.url"),
            AttributeKey.stringKey("http.target"));
    private static final Pattern DIGITS = Pattern.compile("\\d{6,}");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        for (AttributeKey<String> key : URL_ATTRIBUTES) {
            String value = span.getAttribute(key);
            if (value != null) {
                span.setAttribute(key, redact(value));
            }
        }
    }

    /** A URL, path or query with every number of six digits or more replaced and any query cut off. */
    static String redact(String url) {
        int query = url.indexOf('?');
        String withoutQuery = query >= 0 ? url.substring(0, query) : url;
        return DIGITS.matcher(withoutQuery).replaceAll("{id}");
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
