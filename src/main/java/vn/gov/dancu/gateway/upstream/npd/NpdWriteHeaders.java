package vn.gov.dancu.gateway.upstream.npd;

/**
 * What ties a write to a dossier, an officer and an agency at the NPD (contract: X-Case-Id,
 * X-Officer-Id, X-Agency-Code; writes carry no X-Purpose), plus correlation. For an outbox delivery
 * these are the submitting officer's, not the worker's: the NPD's log must name who registered it.
 */
public record NpdWriteHeaders(String caseId, String officerId, String agencyCode, String requestId) {
}
