package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of {@code POST /api/v1/verify} (spec §5.3). {@code claims} stays JSON until validated, so
 * each wrong claim (unknown name, not a string, bad date) is named in its own violation.
 */
public record VerifyRequest(String caseId, String procedure, String personalId, JsonNode claims) {

    @Override
    public String toString() {
        return "VerifyRequest[procedure=" + procedure + "]"; // the claims are personal data
    }
}
