package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** Translates the NPD's error responses (contract: {@code Error} schema) into {@link NpdException}s. */
final class NpdErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every code of the contract's Error enum has this shape; no personal number or name does. */
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z][A-Z_]{0,63}");

    private NpdErrors() {
    }

    static NpdException from(Response response) {
        int status = response.getStatus();
        JsonNode body = readBody(response);
        String errorCode = errorCode(body);
        Duration retryAfter = retryAfter(response.getHeaderString("Retry-After"));
        return switch (status) {
            case 401 -> new NpdException.TokenRejected(errorCode);
            case 404 -> new NpdException.CitizenNotFound();
            case 410 -> new NpdException.IdCancelled(body.path("replacedBy").isTextual()
                    ? body.get("replacedBy").asText() : null);
            case 429 -> new NpdException.RateLimited(retryAfter);
            default -> status >= 500
                    ? new NpdException.Unavailable("NPD answered " + status + " " + errorCode, retryAfter, null, status)
                    : new NpdException.Rejected(status + " " + errorCode);
        };
    }

    /**
     * A write's error answer. As {@link #from} for 401, 429 and 5xx; any other 4xx is the NPD's
     * permanent refusal of this request ({@code 400 INVALID_REQUEST}, {@code 404 CITIZEN_NOT_FOUND},
     * {@code 409 IDEMPOTENCY_CONFLICT} or {@code DECEASED_ALREADY}) and keeps its code and message,
     * which a parked civil-status event shows to the officers who submitted it.
     */
    static NpdException fromWrite(Response response) {
        int status = response.getStatus();
        JsonNode body = readBody(response);
        String errorCode = errorCode(body);
        Duration retryAfter = retryAfter(response.getHeaderString("Retry-After"));
        if (status == 401) {
            return new NpdException.TokenRejected(errorCode);
        }
        if (status == 429) {
            return new NpdException.RateLimited(retryAfter);
        }
        if (status >= 500 || status == 408) {
            return new NpdException.Unavailable("NPD answered " + status + " " + errorCode, retryAfter, null, status);
        }
        String message = body.path("message").isTextual() ? body.get("message").asText() : "";
        return new NpdException.Refused(status, errorCode,
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
    }

    /** The most of an NPD message a parked event keeps: a sentence for people, not a document. */
    static final int MAX_MESSAGE = 500;

    /**
     * The token endpoint's refusal (contract: 401 for bad client credentials). 401 and 400 mean
     * our credentials or grant are wrong, which no retry can mend; 429 and 5xx keep their
     * Retry-After so no call leaves before it. The body is not read: the OIDC client has it, and
     * nothing in it is worth repeating.
     */
    static NpdException fromTokenEndpoint(int status, String retryAfterHeader) {
        Duration retryAfter = retryAfter(retryAfterHeader);
        if (status == 401 || status == 400) {
            return new NpdException.CredentialsRejected("NPD token endpoint answered " + status);
        }
        if (status == 429) {
            return new NpdException.RateLimited(retryAfter);
        }
        return new NpdException.Unavailable("NPD token endpoint answered " + status, retryAfter, null,
                status >= 500 ? status : 0);
    }

    /**
     * The contract's {@code errorCode} (an upper-case enum), which travels on in exception messages
     * and log lines; anything else an NPD put there (a sentence, a personal number) is not repeated.
     */
    private static String errorCode(JsonNode body) {
        String code = body.path("errorCode").asText("");
        return ERROR_CODE.matcher(code).matches() ? code : "UNRECOGNISED";
    }

    private static JsonNode readBody(Response response) {
        try {
            String text = response.readEntity(String.class);
            return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        } catch (Exception e) {
            return JSON.nullNode(); // an unreadable error body still has a status worth acting on
        }
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); absent or garbled: null. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }
}
