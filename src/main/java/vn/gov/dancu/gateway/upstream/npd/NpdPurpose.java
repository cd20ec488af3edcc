package vn.gov.dancu.gateway.upstream.npd;

/**
 * The purpose binding every NPD data call carries (contract: X-Purpose, X-Case-Id,
 * X-Officer-Id, X-Agency-Code), plus correlation. The NPD keeps its own access log from these,
 * so they must name the real officer and dossier, never a technical account.
 *
 * @param traceparent W3C trace context to propagate, or {@code null}
 */
public record NpdPurpose(String purposeCode, String caseId, String officerId, String agencyCode, String requestId,
        String traceparent) {
}
