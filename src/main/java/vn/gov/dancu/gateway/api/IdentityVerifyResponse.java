package vn.gov.dancu.gateway.api;

import java.time.Instant;

/** Body of a 200 identity verification (spec §5.2): who the proof showed, and how strongly. */
public record IdentityVerifyResponse(String requestId, String personalId, String fullName, String dateOfBirth,
        String gender, int identificationLevel, String method, Instant verifiedAt) {
}
