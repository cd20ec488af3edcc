package vn.gov.dancu.gateway.upstream.vneid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * One guarded QR redemption: token, officer and agency headers, and the fault-tolerance envelope.
 *
 * <p>No {@code @Retry}, here or anywhere: a redemption that timed out may have consumed the
 * one-time code, and a second attempt would then be told CODE_ALREADY_USED for a genuine proof.
 * The one exception is a 401 about our access token, which VNeID answers before it looks at the
 * code: a fresh token and exactly one more attempt.
 */
@ApplicationScoped
class VneidGuard {

    private static final Pattern PERSONAL_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?");

    @Inject
    @RestClient
    VneidRestClient rest;

    @Inject
    VneidTokens tokens;

    /**
     * Resilience: each attempt cut at 1.2 s; the breaker {@code vneid} opens when half of the last
     * 10 calls failed and probes after 5 s; the bulkhead caps concurrent calls. Only what says
     * VNeID is unwell counts against the breaker; a refused proof is a working VNeID's answer.
     */
    @Timeout(1200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { VneidException.Unavailable.class, TimeoutException.class },
            skipOn = { VneidException.ProofInvalid.class, VneidException.ProofUsed.class,
                    VneidException.AccountLocked.class })
    @CircuitBreakerName(VneidClient.CIRCUIT_BREAKER)
    @Bulkhead(value = 32, waitingTaskQueue = 128)
    public Uni<VneidIdentity> redeem(String code, String officer, String agency, String requestId) {
        return tokens.token()
                .chain(token -> call(code, token, officer, agency, requestId)
                        .onFailure(VneidException.TokenRejected.class)
                        .recoverWithUni(rejected -> tokens.replace(token)
                                .chain(fresh -> call(code, fresh, officer, agency, requestId))))
                .onFailure(VneidException.TokenRejected.class)
                .transform(e -> new VneidException.Unavailable("VNeID refused our credentials", null, 401))
                .onFailure(e -> !(e instanceof VneidException))
                .transform(e -> new VneidException.Unavailable("VNeID unreachable or unreadable: "
                        + e.getClass().getSimpleName(), null, 0));
    }

    private Uni<VneidIdentity> call(String code, String token, String officer, String agency, String requestId) {
        // Deferred, so a request the HTTP client refuses to build fails the Uni instead of throwing.
        return Uni.createFrom().deferred(() -> rest.redeem(Map.of("code", code), "Bearer " + token, agency, officer,
                requestId)).map(VneidGuard::identity);
    }

    /** The contract's VerifiedIdentity, checked: a 200 that does not say who it was is no proof. */
    static VneidIdentity identity(ObjectNode body) {
        String personalId = body.path("personalId").asText("");
        String dateOfBirth = body.path("dateOfBirth").asText("");
        String gender = body.path("gender").asText("");
        int level = body.path("identificationLevel").asInt(0);
        JsonNode verifiedAt = body.path("verifiedAt");
        if (!PERSONAL_ID.matcher(personalId).matches() || !DATE.matcher(dateOfBirth).matches()
                || !(gender.equals("MALE") || gender.equals("FEMALE")) || (level != 1 && level != 2)
                || !body.path("fullName").isTextual() || !verifiedAt.isTextual()) {
            throw new VneidException.Unavailable("VNeID answer without a valid identity", null, 200);
        }
        try {
            return new VneidIdentity(personalId, body.get("fullName").asText(), dateOfBirth, gender, level,
                    Instant.parse(verifiedAt.asText()));
        } catch (DateTimeParseException e) {
            throw new VneidException.Unavailable("VNeID answer with an unreadable verifiedAt", null, 200);
        }
    }
}
