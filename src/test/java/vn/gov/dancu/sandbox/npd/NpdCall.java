package vn.gov.dancu.sandbox.npd;

import java.time.Instant;
import java.util.List;

/**
 * One call the simulated NPD received, as its own access log would keep it: who asked (client,
 * officer, agency), why (purpose, case), about whom and for which fields, and what it answered.
 * Tests read these to prove what the gateway sent, e.g. that it never asked for religion.
 *
 * @param personalIds the numbers the call named (path or body), as sent
 * @param fields      the fields asked for, as sent; empty when the call named none
 * @param errorCode   the contract's errorCode of an error answer, null on success
 */
public record NpdCall(Instant at, String method, String path, String clientId, String purpose, String caseId,
                      String officerId, String agencyCode, String requestId, List<String> personalIds,
                      List<String> fields, int status, String errorCode) {

    public NpdCall {
        personalIds = List.copyOf(personalIds);
        fields = List.copyOf(fields);
    }
}
