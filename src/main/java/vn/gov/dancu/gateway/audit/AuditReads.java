package vn.gov.dancu.gateway.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;

/**
 * What the inspectors' API sees of the audit trail's reads: the access-log search and the chain
 * verification, with a database failure turned into {@link AuditUnreadableException} here, so
 * JDBC stays inside this package.
 */
@ApplicationScoped
public class AuditReads {

    @Inject
    AuditSearch search;

    @Inject
    AuditVerifier verifier;

    /** One page of the access log, newest first (see {@link AuditSearch#find}). */
    public List<AuditRow> search(AuditSearch.Query query) {
        try {
            return search.find(query);
        } catch (SQLException e) {
            throw new AuditUnreadableException(e);
        }
    }

    /** The chain walked as of one snapshot (see {@link AuditVerifier#verify}). */
    public AuditVerifier.Result verify() {
        try {
            return verifier.verify();
        } catch (SQLException e) {
            throw new AuditUnreadableException(e);
        }
    }
}
