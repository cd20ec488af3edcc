package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.audit.AuditReads;
import vn.gov.dancu.gateway.audit.AuditRow;
import vn.gov.dancu.gateway.audit.AuditUnreadableException;
import vn.gov.dancu.gateway.audit.AuditSearch;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.audit.AuditVerifier;
import vn.gov.dancu.gateway.audit.StorableText;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * The audit trail for inspectors and data-protection officers (spec §5.6, role {@code auditor}):
 * who looked at whom, when, for which dossier, and whether the chain is intact. An auditor's own
 * reads are accesses too: each is recorded (who searched for whom) before its answer leaves, as
 * a prefill is. JDBC work runs on worker threads (these methods do not return {@code Uni}).
 */
@Path("/api/v1/audit")
@RolesAllowed(Roles.AUDITOR)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final int MAX_PAGE_SIZE = 200;
    static final int DEFAULT_PAGE_SIZE = 50;
    /** The contract's limit for a case id; a longer one was never recorded as sent. */
    static final int MAX_CASE_ID = 64;
    /** Officer and agency filters: far above any real claim, low enough to keep queries cheap. */
    static final int MAX_TEXT_FILTER = 256;
    /** The properties of the POST search body, which are exactly the GET's query parameters. */
    static final Set<String> SEARCH_FILTERS = Set.of("personalId", "caseId", "officer", "agency", "from", "to",
            "page", "size");

    /** What to tell an auditor when the database cannot be read: it usually recovers within seconds. */
    static final Duration READ_RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(AuditResource.class);

    @Inject
    AuditEntries auditEntries;

    @Inject
    AuditedReads auditedReads;

    @Inject
    Callers callers;

    @Inject
    AuditReads reads;

    @Inject
    AuditTrail audit;

    @Inject
    Deadlines deadlines;

    @Inject
    GatewayConfig config;

    public record AccessLogPage(List<AccessLogEntry> items, int page, int size, boolean hasNext) {
    }

    public record AccessLogEntry(String id, Instant at, String requestId, String officer, String agency,
            String clientId, String operation, String procedure, String caseId, String legalBasis,
            List<AuditEntry.Party> parties, List<UpstreamCall> upstreamCalls, int outcome, List<String> issueCodes,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            AuditEntry.Identity identity) {

        /** An entry without an identity proof. */
        public AccessLogEntry(String id, Instant at, String requestId, String officer, String agency,
                String clientId, String operation, String procedure, String caseId, String legalBasis,
                List<AuditEntry.Party> parties, List<UpstreamCall> upstreamCalls, int outcome,
                List<String> issueCodes) {
            this(id, at, requestId, officer, agency, clientId, operation, procedure, caseId, legalBasis, parties,
                    upstreamCalls, outcome, issueCodes, null);
        }
    }

    /**
     * One upstream call a record holds (spec §5.6).
     *
     * @param system    {@code NPD}, or {@code NPD_CACHE} for an answer reused from the per-case cache
     * @param operation what was asked of it; the gateway makes one kind of NPD call, the citizen lookup
     * @param status    the upstream's HTTP status, 0 when no answer came
     */
    public record UpstreamCall(String system, String operation, String personalId, List<String> fields,
            int status) {
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

    /** The filters as sent, before validation; {@code page} and {@code size} still text. */
    record Filters(String personalId, String caseId, String officer, String agency, String from, String to,
            String page, String size) {
    }

    @GET
    @Path("/access-log")
    public AccessLogPage accessLog(@QueryParam("personalId") String personalId, @QueryParam("caseId") String caseId,
            @QueryParam("officer") String officer, @QueryParam("agency") String agency,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size,
            @Context ContainerRequestContext request) {
        // page and size arrive as text: JAX-RS would answer a non-integer with a bare 404
        return accessLog(new Filters(personalId, caseId, officer, agency, from, to, page, size), List.of(), request);
    }

    /**
     * The same search with the filters in the body (spec §5.6), so that no personal id needs to
     * travel in a URL, where proxies and access logs keep it.
     */
    @POST
    @Path("/access-log/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccessLogPage accessLogSearch(JsonNode body, @Context ContainerRequestContext request) {
        List<Violation> violations = new ArrayList<>();
        Filters filters = filters(body, violations);
        return accessLog(filters, violations, request);
    }

    private AccessLogPage accessLog(Filters f, List<Violation> bodyViolations, ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        context.auditDraft().ifPresent(draft -> draft.searched(f.personalId(), f.caseId()));
        Caller caller = callers.current();
        List<Violation> violations = new ArrayList<>(bodyViolations);
        String citizen = f.personalId() == null ? null : personalId("personalId", f.personalId(), violations);
        String caseId = text("caseId", f.caseId(), MAX_CASE_ID, violations);
        String officer = text("officer", f.officer(), MAX_TEXT_FILTER, violations);
        String agency = text("agency", f.agency(), MAX_TEXT_FILTER, violations);
        Instant fromAt = QueryParams.instant("from", f.from(), violations);
        Instant toAt = QueryParams.instant("to", f.to(), violations);
        Integer p = QueryParams.integer(f.page(), 0);
        Integer s = QueryParams.integer(f.size(), DEFAULT_PAGE_SIZE);
        if (p == null || p < 0) {
            violations.add(Violation.of("page", "violation.page"));
        }
        if (s == null || s < 1 || s > MAX_PAGE_SIZE) {
            violations.add(Violation.of("size", "violation.size", MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        AuditSearch.Query query = new AuditSearch.Query(citizen, caseId, officer, agency, fromAt, toAt, p, s);
        List<AuditRow> rows = read(() -> reads.search(query));
        boolean hasNext = rows.size() > s;
        List<AccessLogEntry> items = rows.stream().limit(s).map(AuditResource::entry).toList();
        auditedReads.record(AuditDraft.ACCESS_LOG_SEARCH, caller, context, citizen, caseId);
        return new AccessLogPage(items, p, s, hasNext);
    }

    @POST
    @Path("/citizen-export")
    @Consumes(MediaType.APPLICATION_JSON)
    public CitizenExport citizenExport(CitizenExportRequest body, @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        context.auditDraft().ifPresent(draft -> draft.searched(body == null ? null : body.personalId(), null));
        Caller caller = callers.current();
        List<Violation> violations = new ArrayList<>();
        String id = personalId("personalId", body == null ? null : body.personalId(), violations);
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
            rows = read(() -> reads.search(query));
            rows.stream().limit(MAX_PAGE_SIZE).filter(row -> row.entry() != null && seen.add(row.id()))
                    .forEach(row -> row.entry().parties().stream()
                            .filter(party -> id.equals(party.personalId()))
                            // only what concerns this citizen: never the other parties of the dossier
                            .forEach(party -> accesses.add(new CitizenAccess(row.entry().at(), row.entry().agency(),
                                    row.entry().procedure(), row.entry().caseId(), row.entry().legalBasis(),
                                    party.role(), party.releasedFields(), row.entry().outcome()))));
        } while (rows.size() > MAX_PAGE_SIZE);
        auditedReads.record(AuditDraft.CITIZEN_EXPORT, caller, context, id, null);
        return new CitizenExport(id, accesses);
    }

    @GET
    @Path("/verification")
    public AuditVerifier.Result verification(@Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Caller caller = callers.current();
        AuditVerifier.Result result = read(reads::verify);
        // Recorded, but not awaited: the result holds no personal data, and a chain damaged so
        // that nothing can be appended (a row forged beyond the head) must still be diagnosable.
        audit.recordRefusal(auditEntries.auditRead(AuditDraft.AUDIT_VERIFICATION, caller, context, null, null));
        context.auditDraft().ifPresent(AuditDraft::markRecorded);
        return result;
    }

    /**
     * Audit before release, for the auditor's reads as for prefills: the answer leaves only once
     * its record is committed; otherwise 503 AUDIT_UNAVAILABLE (and the refusal is recorded).
     */

    /** A read of the audit store, whose failure is an outage (503 AUDIT_UNAVAILABLE), not a bug. */
    private static <T> T read(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (AuditUnreadableException e) {
            LOG.warnf("Audit trail not readable (SQL state %s)", e.sqlState());
            throw new GatewayException(ErrorCode.AUDIT_UNAVAILABLE, "error.AUDIT_UNAVAILABLE.read.detail", List.of(),
                    List.of(), READ_RETRY_AFTER);
        }
    }

    private static AccessLogEntry entry(AuditRow row) {
        AuditEntry e = row.entry();
        if (e == null) {
            // a row whose content no longer parses: show that it exists, the verification says why
            String id = row.id() == null ? null : row.id().toString();
            return new AccessLogEntry(id, null, null, null, null, null, null, null, null, null, List.of(), List.of(),
                    0, List.of("UNREADABLE_RECORD"));
        }
        List<UpstreamCall> calls = e.upstreamCalls().stream()
                .map(c -> new UpstreamCall(c.upstream(), upstreamOperation(e, c), c.personalId(), c.fields(),
                        c.status()))
                .toList();
        return new AccessLogEntry(e.id().toString(), e.at(), e.requestId(), e.officer(), e.agency(), e.clientId(),
                e.operation(), e.procedure(), e.caseId(), e.legalBasis(), e.parties(), calls, e.outcome(),
                e.issueCodes(), e.identity());
    }

    /** What the call asked (identity, issue 8, adds VNeID's redemption and the NPD's verify operation). */
    private static String upstreamOperation(AuditEntry e, AuditEntry.UpstreamCall c) {
        if (AuditEntries.UPSTREAM_VNEID.equals(c.upstream())) {
            return "QR_REDEMPTION";
        }
        return AuditDraft.CLAIM_VERIFICATION.equals(e.operation()) ? "CLAIM_VERIFICATION" : "CITIZEN_LOOKUP";
    }

    /**
     * The POST body as filters: a JSON object of the GET's parameters, texts as strings, page and
     * size as integers. Anything else is named in a violation: an unknown property (a typo like
     * {@code personalID}) would otherwise search the whole trail while the auditor believes it
     * filtered.
     */
    private static Filters filters(JsonNode body, List<Violation> violations) {
        if (body == null || body.isNull()) {
            return new Filters(null, null, null, null, null, null, null, null);
        }
        if (!body.isObject()) {
            violations.add(Violation.of("body", "violation.json.type"));
            return new Filters(null, null, null, null, null, null, null, null);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!SEARCH_FILTERS.contains(name)) {
                violations.add(Violation.of(name.length() > 64 ? "body" : name, "violation.filter.unknown",
                        String.join(", ", SEARCH_FILTERS.stream().sorted().toList())));
            }
        }
        return new Filters(textMember(body, "personalId", violations), textMember(body, "caseId", violations),
                textMember(body, "officer", violations), textMember(body, "agency", violations),
                textMember(body, "from", violations), textMember(body, "to", violations),
                integerMember(body, "page", violations), integerMember(body, "size", violations));
    }

    private static String textMember(JsonNode body, String name, List<Violation> violations) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(Violation.of(name, "violation.json.type"));
            return null;
        }
        return value.textValue();
    }

    /** An integral JSON number as text for the common check; anything else (1.5, "2") is a violation here. */
    private static String integerMember(JsonNode body, String name, List<Violation> violations) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            violations.add(Violation.of(name, "violation." + name, MAX_PAGE_SIZE));
            return null; // reported here; absent for the common check, so it is not reported twice
        }
        return value.asText();
    }

    /**
     * A text filter as the store can search it: at most {@code max} characters, and nothing
     * PostgreSQL refuses (U+0000 would fail the query: an auditor's typo is a 400, not an outage).
     */
    private static String text(String field, String value, int max, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        if (!StorableText.storable(value)) {
            violations.add(Violation.of(field, "violation.filter.text"));
            return null;
        }
        if (value.length() > max) {
            violations.add(Violation.of(field, "violation.filter.length", max));
            return null;
        }
        return value;
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
}
