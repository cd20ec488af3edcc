package vn.gov.dancu.gateway.upstream.npd;

/**
 * The purpose binding every NPD data call carries (contract: X-Purpose, X-Case-Id,
 * X-Officer-Id, X-Agency-Code), plus correlation. The NPD keeps its own access log from these,
 * so they must name the real officer and dossier, never a technical account. The W3C trace context
 * travels by itself: the OpenTelemetry REST-client instrumentation sets {@code traceparent}.
 */
public record NpdPurpose(String purposeCode, String caseId, String officerId, String agencyCode, String requestId) {
}
