package vn.gov.dancu.gateway.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.audit.AuditRow;
import vn.gov.dancu.gateway.audit.AuditSearch;
import vn.gov.dancu.gateway.audit.AuditVerifier;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.security.Callers;

/**
 * The audit trail for inspectors and data-protection officers (spec §5, role {@code auditor}):
 * who looked at whom, when, for which dossier, and whether the chain is intact. JDBC work runs on
 * worker threads (these methods do not return {@code Uni}).
 */
@Path("/api/v1/audit")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX_PAGE_SIZE = 200;

    /** What to tell an auditor when the database cannot be read: it usually recovers within seconds. */
    static final Duration READ_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(AuditResource.class);

    @Inject
    Callers callers;

    @Inject
    AuditSearch store;

    @Inject
    AuditVerifier verifier;

    public record AccessLogPage(List<AccessLogEntry> items, int page, int size, boolean hasNext) {
    }

    public record AccessLogEntry(String id, Instant at, String requestId, String officer, String agency,
            String clientId, String operation, String procedure, String caseId, String legalBasis,
            List<AuditEntry.Party> parties, int outcome, List<String> issueCodes) {
    }

    /** Body of the per-citizen export: the number travels in the body, not the URL. */
    public record CitizenExportRequest(String personalId) {
    }

    /** One access as a citizen portal shows it: the agency, the purpose, what was seen of them. */
    public record CitizenAccess(Instant at, String agency, String procedure, String caseId, String legalBasis,
            String role, List<String> releasedFields, int outcome) {
    }

    public record CitizenExport(String personalId, List<CitizenAccess> accesses) {
    }

    @GET
    @Path("/access-log")
    public AccessLogPage accessLog(@QueryParam("personalId") String personalId, @QueryParam("caseId") String caseId,
            @QueryParam("officer") String officer, @QueryParam("agency") String agency,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        callers.current();
        List<Violation> violations = new ArrayList<>();
        String citizen = personalId == null ? null : personalId("personalId", personalId, violations);
        Instant fromAt = instant("from", from, violations);
        Instant toAt = instant("to", to, violations);
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            violations.add(Violation.of("page", "violation.page"));
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            violations.add(Violation.of("size", "violation.size", MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        AuditSearch.Query query = new AuditSearch.Query(citizen, caseId, officer, agency, fromAt, toAt, p, s);
        List<AuditRow> rows = read(() -> store.find(query));
        boolean hasNext = rows.size() > s;
        List<AccessLogEntry> items = rows.stream().limit(s).map(AuditResource::entry).toList();
        return new AccessLogPage(items, p, s, hasNext);
    }

    @POST
    @Path("/citizen-export")
    @Consumes(MediaType.APPLICATION_JSON)
    public CitizenExport citizenExport(CitizenExportRequest request) {
        callers.current();
        List<Violation> violations = new ArrayList<>();
        String id = personalId("personalId", request == null ? null : request.personalId(), violations);
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        List<CitizenAccess> accesses = new ArrayList<>();
        // Pages are newest first: a record written meanwhile pushes older ones onto the next page,
        // where they would come back a second time.
        Set<UUID> seen = new HashSet<>();
        int page = 0;
        List<AuditRow> rows;
        do {
            AuditSearch.Query query = new AuditSearch.Query(id, null, null, null, null, null, page++, MAX_PAGE_SIZE);
            rows = read(() -> store.find(query));
            rows.stream().limit(MAX_PAGE_SIZE).filter(row -> row.entry() != null && seen.add(row.id()))
                    .forEach(row -> row.entry().parties().stream()
                            .filter(party -> id.equals(party.personalId()))
                            // only what concerns this citizen: never the other parties of the dossier
                            .forEach(party -> accesses.add(new CitizenAccess(row.entry().at(), row.entry().agency(),
                                    row.entry().procedure(), row.entry().caseId(), row.entry().legalBasis(),
                                    party.role(), party.releasedFields(), row.entry().outcome()))));
        } while (rows.size() > MAX_PAGE_SIZE);
        return new CitizenExport(id, accesses);
    }

    @GET
    @Path("/verification")
    public AuditVerifier.Result verification() {
        callers.current();
        return read(verifier::verify);
    }

    /** A read of the audit store, whose failure is an outage (503 AUDIT_UNAVAILABLE), not a bug. */
    @FunctionalInterface
    interface Read<T> {
        T run() throws SQLException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.run();
        } catch (SQLException e) {
            // the SQL state only: a driver message may quote the values of the query
            LOG.warnf("Audit trail not readable (SQL state %s)", e.getSQLState());
            throw new GatewayException(ErrorCode.AUDIT_UNAVAILABLE, "error.AUDIT_UNAVAILABLE.read.detail", List.of(),
                    List.of(), READ_RETRY_AFTER);
        }
    }

    private static AccessLogEntry entry(AuditRow row) {
        AuditEntry e = row.entry();
        if (e == null) {
            // a row whose content no longer parses: show that it exists, the verification says why
            String id = row.id() == null ? null : row.id().toString();
            return new AccessLogEntry(id, null, null, null, null, null, null, null, null, null, List.of(), 0,
                    List.of("UNREADABLE_RECORD"));
        }
        return new AccessLogEntry(e.id().toString(), e.at(), e.requestId(), e.officer(), e.agency(), e.clientId(),
                e.operation(), e.procedure(), e.caseId(), e.legalBasis(), e.parties(), e.outcome(), e.issueCodes());
    }

    /** The number as the audit trail holds it (trimmed), or null with a violation naming the problem. */
    private static String personalId(String field, String raw, List<Violation> violations) {
        try {
            return PersonalId.parse(raw).value();
        } catch (PersonalId.InvalidPersonalIdException e) {
            violations.add(Violation.of(field, "violation.personalId." + e.problem().name()));
            return null;
        }
    }

    private static Instant instant(String field, String text, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(Violation.of(field, "violation.instant"));
            return null;
        }
    }
}
