package vn.gov.dancu.gateway.api;

/**
 * Body of {@code POST /api/v1/identity/verify} (spec §5.2): {@code VNEID_QR} with {@code code},
 * or {@code VNEID_ID_TOKEN} with {@code idToken}.
 */
public record IdentityVerifyRequest(String caseId, String method, String code, String idToken) {

    @Override
    public String toString() {
        return "IdentityVerifyRequest[method=" + method + "]"; // codes and tokens are credentials
    }
}
