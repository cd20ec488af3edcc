package vn.gov.dancu.gateway.api;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/prefill/{procedure}} (spec §4). Deliberately loose: the procedure
 * decides what is valid, and {@link vn.gov.dancu.gateway.procedure.PrefillCommand#validate}
 * reports every problem with its field at once.
 *
 * @param parties  role → 12-digit personal identification number
 * @param identity how the person at the counter proved who they are (optional)
 * @param child    birth procedures only: what the declarant says about the child, who is not in the
 *                 NPD yet (optional; checked by {@code PrefillCommand})
 */
public record PrefillRequest(String caseId, Map<String, String> parties, IdentityProof identity,
        com.fasterxml.jackson.databind.JsonNode child) {

    /** {@code VNEID_QR} with {@code code}, {@code VNEID_ID_TOKEN} with {@code idToken}, or {@code IN_PERSON}. */
    public record IdentityProof(String method, String code, String idToken) {

        @Override
        public String toString() {
            return "IdentityProof[method=" + method + "]"; // codes and tokens are credentials
        }
    }
}
