package vn.gov.dancu.gateway.procedure;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import vn.gov.dancu.gateway.citizen.VietnameseText;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.upstream.vneid.ProofFailure;
import vn.gov.dancu.gateway.upstream.vneid.VneidClient;
import vn.gov.dancu.gateway.upstream.vneid.VneidException;
import vn.gov.dancu.gateway.upstream.vneid.VneidIdentity;

/**
 * Proves who is at the counter (spec §5.2), for {@code POST /api/v1/identity/verify} and the
 * prefill's {@code identity} block alike: a QR code redeemed at VNeID, an ID token validated
 * locally, or the officer's in-person attestation. Every refusal is an
 * {@link IdentityProofRefused} with the code and status the spec gives it.
 */
@ApplicationScoped
public class IdentityProofs {

    /** The longest QR payload VNeID issues (contract: 16–512 characters). */
    public static final int MIN_CODE = 16;
    public static final int MAX_CODE = 512;

    @Inject
    VneidClient vneid;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /**
     * The proof, checked. {@code method} must be one of the three (the caller validated it);
     * {@code code} / {@code idToken} present for their method.
     *
     * @return the proven identity; fails with {@link IdentityProofRefused}
     */
    public Uni<ProvenIdentity> prove(String method, String code, String idToken, Caller caller, String requestId,
            Deadline deadline) {
        return switch (method) {
            case ProvenIdentity.IN_PERSON -> Uni.createFrom().item(
                    new ProvenIdentity(method, null, null, null, null, 2, clock.instant(), 0));
            case ProvenIdentity.VNEID_ID_TOKEN -> vneid.validateIdToken(idToken, deadline)
                    .map(id -> proven(method, id, 0))
                    .onFailure(VneidException.class).transform(e -> refused(method, (VneidException) e, false));
            case ProvenIdentity.VNEID_QR -> {
                if (code.length() < MIN_CODE || code.length() > MAX_CODE) {
                    // Not something VNeID could have issued: refused without asking VNeID.
                    yield Uni.createFrom().failure(refused(method,
                            new VneidException.ProofInvalid(ProofFailure.CODE_INVALID, 0), false));
                }
                yield vneid.redeem(code, caller.officer(), caller.agency(), requestId, deadline)
                        .map(id -> proven(method, id, 200))
                        .onFailure(VneidException.class).transform(e -> refused(method, (VneidException) e, true));
            }
            default -> throw new IllegalArgumentException("identity method not validated");
        };
    }

    private static ProvenIdentity proven(String method, VneidIdentity id, int status) {
        return new ProvenIdentity(method, id.personalId(), VietnameseText.clean(id.fullName()), id.dateOfBirth(),
                id.gender(), id.level(), id.verifiedAt(), status);
    }

    private IdentityProofRefused refused(String method, VneidException e, boolean called) {
        if (e instanceof VneidException.ProofInvalid invalid) {
            return (IdentityProofRefused) new IdentityProofRefused(ErrorCode.IDENTITY_PROOF_INVALID,
                    List.of(invalid.reason().name()), null, method, called, e.status())
                    .with("reason", invalid.reason().name());
        }
        if (e instanceof VneidException.ProofUsed) {
            return new IdentityProofRefused(ErrorCode.IDENTITY_PROOF_USED, List.of(), null, method, called, e.status());
        }
        if (e instanceof VneidException.AccountLocked) {
            return new IdentityProofRefused(ErrorCode.IDENTITY_ACCOUNT_LOCKED, List.of(), null, method, called,
                    e.status());
        }
        return new IdentityProofRefused(ErrorCode.VNEID_UNAVAILABLE, List.of(),
                e.retryAfter().orElse(config.vneid().unavailableRetryAfter()), method, called, e.status());
    }
}
