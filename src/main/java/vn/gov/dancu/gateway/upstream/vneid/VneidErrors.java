package vn.gov.dancu.gateway.upstream.vneid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Translates VNeID's error responses (contract: {@code Error} schema and the statuses of
 * {@code POST /api/v1/identity/verify}) into {@link VneidException}s. Every documented answer has
 * its mapping; anything else is {@link VneidException.Unavailable}.
 */
final class VneidErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z][A-Z_]{0,63}");

    private VneidErrors() {
    }

    static VneidException from(Response response) {
        int status = response.getStatus();
        String errorCode = errorCode(readBody(response));
        Duration retryAfter = retryAfter(response.getHeaderString("Retry-After"));
        return switch (status) {
            // INVALID_CODE: not a code VNeID issued. INVALID_REQUEST would be the gateway's fault.
            case 400 -> "INVALID_CODE".equals(errorCode)
                    ? new VneidException.ProofInvalid(ProofFailure.CODE_INVALID, status)
                    : new VneidException.Unavailable("VNeID refused the request: " + errorCode, null, status);
            case 401 -> new VneidException.TokenRejected(errorCode);
            case 410 -> "CODE_ALREADY_USED".equals(errorCode)
                    ? new VneidException.ProofUsed()
                    : new VneidException.ProofInvalid(ProofFailure.CODE_EXPIRED, status);
            case 423 -> new VneidException.AccountLocked();
            default -> new VneidException.Unavailable("VNeID answered " + status + " " + errorCode, retryAfter, status);
        };
    }

    /** The contract's upper-case {@code errorCode}; anything else a VNeID put there is not repeated. */
    private static String errorCode(JsonNode body) {
        String code = body.path("errorCode").asText("");
        return ERROR_CODE.matcher(code).matches() ? code : "UNRECOGNISED";
    }

    private static JsonNode readBody(Response response) {
        try {
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (Exception e) {
            return JSON.nullNode();
        }
    }

    /** Retry-After in delta-seconds (what VNeID sends); absent or garbled: null. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
