package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import vn.gov.dancu.gateway.audit.AuditDraft;
import vn.gov.dancu.gateway.audit.AuditEntry;
import vn.gov.dancu.gateway.audit.AuditTrail;
import vn.gov.dancu.gateway.audit.AuditUnavailableException;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;
import vn.gov.dancu.gateway.outbox.CivilStatusOutbox;
import vn.gov.dancu.gateway.outbox.OutboxEvent;
import vn.gov.dancu.gateway.procedure.CivilStatusEventCommand;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.procedure.Roles;
import vn.gov.dancu.gateway.procedure.WriteRequests;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.security.Callers;
import vn.gov.dancu.gateway.store.StoreUnavailableException;
import vn.gov.dancu.gateway.time.Deadlines;

/**
 * Civil-status events (spec §5.5): accepted into the durable outbox (202 once committed, even
 * while the NPD is down; the {@code outbox} worker delivers them), and read back by the submitting
 * agency's officers and by auditors. Another agency's event is 404, never 403, so ids do not leak.
 * Blocking (JDBC), so it runs on worker threads.
 */
@Path(AuditDraft.EVENTS_PATH)
@Produces(MediaType.APPLICATION_JSON)
public class CivilStatusEventResource {

    static final int MAX_PAGE_SIZE = 200;
    static final int DEFAULT_PAGE_SIZE = 50;
    static final Set<String> STATUSES = Set.of("PENDING", "DELIVERED", "REJECTED");

    @Inject
    Callers callers;

    @Inject
    CivilStatusOutbox outbox;

    @Inject
    AuditEntries auditEntries;

    @Inject
    AuditTrail audit;

    @Inject
    Deadlines deadlines;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** The answer to a POST: the event's id and where to follow it. */
    public record EventAccepted(String requestId, String eventId, String status) {
    }

    /** The NPD's refusal of a parked event. */
    public record Rejection(String code, String message) {
    }

    public record EventView(String eventId, String type, String caseId, String status, int attempts,
            Instant acceptedAt, Instant lastAttemptAt, Instant deliveredAt, Rejection rejection) {
    }

    public record EventPage(List<EventView> items, int page, int size, boolean hasNext) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CIVIL_STATUS_OFFICER)
    public Response submit(@HeaderParam(WriteRequests.IDEMPOTENCY_HEADER) String idempotencyKey, JsonNode body,
            @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        String sentCase = body != null && body.path("caseId").isTextual() ? body.get("caseId").textValue() : null;
        context.auditDraft().ifPresent(draft -> draft.request(null, null, sentCase,
                CivilStatusEventCommand.sentSubjects(body)));
        Caller caller = callers.current();
        String key = WriteRequests.idempotencyKey(idempotencyKey);
        CivilStatusEventCommand command = CivilStatusEventCommand.validate(body,
                LocalDate.now(clock.withZone(config.zone())));
        CivilStatusOutbox.Accepted accepted;
        try {
            accepted = outbox.accept(UUID.randomUUID(), caller.agency(), key, command.requestHash(), command.type(),
                    command.caseId(), caller.officer(), command.npdBody().toString(), clock.instant());
        } catch (CivilStatusOutbox.KeyReused e) {
            throw GatewayException.of(ErrorCode.IDEMPOTENCY_CONFLICT, "error.IDEMPOTENCY_CONFLICT.detail");
        } catch (StoreUnavailableException e) {
            throw GatewayException.unavailable(ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER);
        }
        record(AuditDraft.CIVIL_STATUS_EVENT, caller, context, command.procedure(), command.caseId(),
                command.subjects(), 202);
        return Response.accepted(new EventAccepted(context.requestId(), accepted.eventId().toString(),
                accepted.status())).location(URI.create(AuditDraft.EVENTS_PATH + "/" + accepted.eventId())).build();
    }

    @GET
    @Path("/{eventId}")
    @RolesAllowed({ Roles.CIVIL_STATUS_OFFICER, Roles.AUDITOR })
    public EventView get(@PathParam("eventId") String eventId, @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Caller caller = callers.current();
        UUID id;
        try {
            id = UUID.fromString(eventId);
            if (!id.toString().equals(eventId.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("not canonical");
            }
        } catch (IllegalArgumentException e) {
            throw GatewayException.validation(List.of(Violation.of("eventId", "violation.eventId")));
        }
        Optional<OutboxEvent> found = read(() -> outbox.find(id));
        // Another agency's event is "not found" to an officer: whether an id exists is not theirs to learn.
        OutboxEvent event = found.filter(e -> callers.hasRole(Roles.AUDITOR) || e.agency().equals(caller.agency()))
                .orElseThrow(() -> GatewayException.of(ErrorCode.NOT_FOUND, "error.NOT_FOUND.detail"));
        Map<String, String> subjects = subjects(event);
        record(AuditDraft.CIVIL_STATUS_EVENT_READ, caller, context, CivilStatusEventCommand.PROCEDURES.get(event.type()),
                event.caseId(), subjects, 200);
        return view(event);
    }

    @GET
    @RolesAllowed({ Roles.CIVIL_STATUS_OFFICER, Roles.AUDITOR })
    public EventPage list(@QueryParam("status") String status, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") String page, @QueryParam("size") String size,
            @Context ContainerRequestContext request) {
        RequestContext context = CorrelationFilter.of(request);
        Caller caller = callers.current();
        List<Violation> violations = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            violations.add(Violation.of("status", "violation.status", "PENDING, DELIVERED, REJECTED"));
        }
        Instant fromAt = QueryParams.instant("from", from, violations);
        Instant toAt = QueryParams.instant("to", to, violations);
        if (fromAt != null && toAt != null && !fromAt.isBefore(toAt)) {
            violations.add(Violation.of("from", "violation.range"));
        }
        Integer p = QueryParams.integer(page, 0);
        Integer s = QueryParams.integer(size, DEFAULT_PAGE_SIZE);
        if (p == null || p < 0 || p > 1_000_000) {
            violations.add(Violation.of("page", "violation.page"));
        }
        if (s == null || s < 1 || s > MAX_PAGE_SIZE) {
            violations.add(Violation.of("size", "violation.size", MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw GatewayException.validation(violations);
        }
        // Officers see their agency's events; auditors (inspectors of the province) every agency's.
        String agency = callers.hasRole(Roles.AUDITOR) ? null : caller.agency();
        List<OutboxEvent> rows = read(() -> outbox.list(agency, status, fromAt, toAt, p, s));
        record(AuditDraft.CIVIL_STATUS_EVENT_READ, caller, context, null, null, Map.of(), 200);
        return new EventPage(rows.stream().limit(s).map(CivilStatusEventResource::view).toList(), p, s,
                rows.size() > s);
    }

    private static EventView view(OutboxEvent e) {
        Rejection rejection = "REJECTED".equals(e.status()) ? new Rejection(e.rejectionCode(), e.rejectionMessage())
                : null;
        return new EventView(e.id().toString(), e.type(), e.caseId(), e.status(), e.attempts(), e.acceptedAt(),
                e.lastAttemptAt(), e.deliveredAt(), rejection);
    }

    /** The subjects of a stored event, for the audit record of who was read about. */
    private static Map<String, String> subjects(OutboxEvent e) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.payload()).path("subjects").fields()
                    .forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
            // an unreadable payload names nobody; the read is still recorded
        }
        return out;
    }

    /** Audit before release, as for every access to personal data. */
    private void record(String operation, Caller caller, RequestContext context, Procedure procedure, String caseId,
            Map<String, String> parties, int status) {
        AuditEntry entry = auditEntries.write(operation, caller, context, procedure, caseId, parties, status,
                List.of());
        try {
            audit.recordAndWait(entry, deadlines.after(config.audit().writeTimeout()));
        } catch (AuditUnavailableException e) {
            throw GatewayException.unavailable(ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER);
        }
        context.auditDraft().ifPresent(AuditDraft::markRecorded);
    }

    private static <T> T read(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (StoreUnavailableException e) {
            throw GatewayException.unavailable(ErrorCode.AUDIT_UNAVAILABLE, PrefillResource.AUDIT_RETRY_AFTER);
        }
    }
}
