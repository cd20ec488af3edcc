package vn.gov.dancu.gateway.api;

import java.util.Map;

/** Body of a 200 verify-only answer: the number asked about and one verdict per claim sent. */
public record VerifyResponse(String requestId, String personalId, Map<String, String> results) {
}
