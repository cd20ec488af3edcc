package vn.gov.dancu.gateway.procedure;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.upstream.npd.NpdClient;
import vn.gov.dancu.gateway.upstream.npd.NpdException;
import vn.gov.dancu.gateway.upstream.npd.NpdPurpose;
import vn.gov.dancu.gateway.upstream.npd.NpdVerification;

/**
 * Verify-only (spec §5.3): declared claims checked against the NPD, with the procedure as
 * purpose, answered per claim and never with a value of the record.
 */
@ApplicationScoped
public class ClaimChecks {

    private static final Logger LOG = Logger.getLogger(ClaimChecks.class);

    /** The claims the NPD can check, in the contract's order. */
    public static final List<String> CLAIM_NAMES = List.of("fullName", "dateOfBirth", "gender",
            "permanentResidenceWardCode", "fatherFullName", "motherFullName");

    /** The verdicts, and the NPD's status (for the audit record). */
    public record Checked(Map<String, String> results, int npdStatus) {
    }

    @Inject
    NpdClient npd;

    @Inject
    GatewayConfig config;

    /**
     * @param claims validated and normalised claims (names from {@link #CLAIM_NAMES})
     * @return verdicts; fails with 404 CITIZEN_NOT_FOUND, 410 ID_CANCELLED (with replacedBy) or
     *         503 NPD_UNAVAILABLE
     */
    public Uni<Checked> check(Procedure procedure, String caseId, PersonalId personalId, Map<String, String> claims,
            Caller caller, String requestId, Deadline deadline) {
        NpdPurpose purpose = new NpdPurpose(procedure.code(), caseId, caller.officer(), caller.agency(), requestId);
        return npd.verify(purpose, personalId, claims, deadline)
                .onFailure().transform(e -> {
                    LOG.debugf("NPD verify failed: %s", e.getClass().getSimpleName());
                    Duration retryAfter = e instanceof NpdException n ? n.retryAfter().orElse(null) : null;
                    return GatewayException.unavailable(ErrorCode.NPD_UNAVAILABLE,
                            retryAfter != null ? retryAfter : config.prefill().unavailableRetryAfter());
                })
                .map(answer -> {
                    if (answer instanceof NpdVerification.NotFound) {
                        throw GatewayException.of(ErrorCode.CITIZEN_NOT_FOUND, "error.CITIZEN_NOT_FOUND.detail");
                    }
                    if (answer instanceof NpdVerification.Cancelled cancelled) {
                        throw GatewayException.of(ErrorCode.ID_CANCELLED, "error.ID_CANCELLED.detail")
                                .with("replacedBy", cancelled.replacedBy().orElse(null));
                    }
                    return new Checked(((NpdVerification.Verdicts) answer).results(), 200);
                });
    }
}
