package vn.gov.dancu.gateway.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * Records a read of the trail (an auditor's search or export, a report or dashboard read) before
 * its answer is released: no record, no answer (503 AUDIT_UNAVAILABLE), as for a prefill.
 */
@ApplicationScoped
class AuditedReads {

    @Inject
    AuditEntries auditEntries;

    @Inject
    AuditTrail audit;

    @Inject
    Deadlines deadlines;

    @Inject
    GatewayConfig config;

    /** Records the read and marks the request's draft recorded, so no second record follows. */
    void record(String operation, Caller caller, RequestContext context, String personalId, String caseId) {
        try {
            audit.recordAndWait(auditEntries.auditRead(operation, caller, context, personalId, caseId),
                    deadlines.after(config.audit().writeTimeout()));
        } catch (AuditUnavailableException e) {
            throw GatewayException.unavailable(ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER);
        }
        context.auditDraft().ifPresent(AuditDraft::markRecorded);
    }
}
