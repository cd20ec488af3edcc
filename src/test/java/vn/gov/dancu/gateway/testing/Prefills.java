package vn.gov.dancu.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Prefill request bodies (spec §4), written once for the API, validation and security tests. */
public final class Prefills {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A well-formed one-stop dossier number. */
    public static final String CASE_ID = "HS-2026-000123";

    private Prefills() {
    }

    /** The path of a procedure's prefill operation. */
    public static String path(String procedureSegment) {
        return "/api/v1/prefill/" + procedureSegment;
    }

    /** A body for {@link #CASE_ID} with the given role → number pairs ({@code "mother", MOTHER, ...}). */
    public static String body(String... roleThenNumber) {
        return bodyWithCaseId(CASE_ID, roleThenNumber);
    }

    /** A body with any case id ({@code null} leaves it out) and role → number pairs (numbers may be null). */
    public static String bodyWithCaseId(String caseId, String... roleThenNumber) {
        if (roleThenNumber.length % 2 != 0) {
            throw new IllegalArgumentException("role and number come in pairs");
        }
        ObjectNode body = JSON.createObjectNode();
        if (caseId != null) {
            body.put("caseId", caseId);
        }
        ObjectNode parties = body.putObject("parties");
        for (int i = 0; i < roleThenNumber.length; i += 2) {
            parties.put(roleThenNumber[i], roleThenNumber[i + 1]);
        }
        return body.toString();
    }

    /** A body with the parties of a map (role → number), for parameterised tests. */
    public static String body(Map<String, String> parties) {
        ObjectNode body = JSON.createObjectNode();
        body.put("caseId", CASE_ID);
        ObjectNode p = body.putObject("parties");
        parties.forEach(p::put);
        return body.toString();
    }
}
