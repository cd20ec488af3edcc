package vn.gov.dancu.gateway.procedure;

import java.time.Duration;
import java.util.List;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;

/**
 * A refused identity proof (422, 409, 423, or 503 VNEID_UNAVAILABLE), still saying whether a
 * request went to VNeID and what it answered, so the refusal's audit record names that call.
 */
public final class IdentityProofRefused extends GatewayException {

    private final String method;
    private final int vneidStatus;
    private final boolean vneidCalled;

    IdentityProofRefused(ErrorCode code, List<Object> args, Duration retryAfter, String method, boolean vneidCalled,
            int vneidStatus) {
        super(code, "error." + code.name() + ".detail", args, List.of(), retryAfter);
        this.method = method;
        this.vneidCalled = vneidCalled;
        this.vneidStatus = vneidStatus;
    }

    public String method() {
        return method;
    }

    /** True when a redemption was sent to VNeID (an ID token is checked here, VNeID is not asked). */
    public boolean vneidCalled() {
        return vneidCalled;
    }

    /** VNeID's HTTP status, 0 when no answer came. */
    public int vneidStatus() {
        return vneidStatus;
    }
}
