package vn.gov.dancu.gateway.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.util.Optional;

/**
 * The ways an NPD fails a lookup, for fault-injection tests: each is a WireMock answer plus what
 * the gateway is designed to make of it. A transient failure is worth one retry, so it costs the
 * NPD two calls per lookup; a failure that names a Retry-After costs one, because the gateway
 * must not call again before that time.
 */
public enum NpdFault {

    /** Accepts the request and answers nothing for 10 s: far past the per-call timeout and the deadline. */
    STALLED(true, null) {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return okJson(record.toString()).withFixedDelay(10_000);
        }
    },
    /** Sends headers at once, then the body in 20 chunks over 10 s: a slow body, not a silent peer. */
    DRIBBLING(true, null) {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return okJson(record.toString()).withChunkedDribbleDelay(20, 10_000);
        }
    },
    CONNECTION_RESET(true, null) {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
        }
    },
    EMPTY_RESPONSE(true, null) {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return aResponse().withFault(Fault.EMPTY_RESPONSE);
        }
    },
    /** A 200 whose JSON breaks off in the middle of the first value. */
    MALFORMED_JSON(true, null) {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"personalId\": \"0701");
        }
    },
    SERVER_ERROR(true, null) {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return NpdMock.errorResponse(500, "INTERNAL_ERROR");
        }
    },
    /** Maintenance: the NPD says when to come back. */
    MAINTENANCE_WITH_RETRY_AFTER(false, "30") {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return NpdMock.errorResponse(503, "MAINTENANCE").withHeader("Retry-After", retryAfter().orElseThrow());
        }
    },
    /** The province's quota is spent until Retry-After. */
    RATE_LIMITED_WITH_RETRY_AFTER(false, "30") {
        @Override
        public ResponseDefinitionBuilder response(ObjectNode record) {
            return NpdMock.errorResponse(429, "RATE_LIMITED").withHeader("Retry-After", retryAfter().orElseThrow());
        }
    };

    private final boolean retried;
    private final String retryAfter;

    NpdFault(boolean retried, String retryAfter) {
        this.retried = retried;
        this.retryAfter = retryAfter;
    }

    /** The NPD's answer to a lookup of {@code record}'s person (a fresh builder on each call). */
    public abstract ResponseDefinitionBuilder response(ObjectNode record);

    /** The Retry-After header the NPD sends with this fault, in seconds, when it sends one. */
    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** NPD calls one lookup makes when the NPD answers only this way: the first plus one retry if retried. */
    public int callsPerLookup() {
        return retried ? 2 : 1;
    }
}
