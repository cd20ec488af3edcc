package vn.gov.dancu.gateway.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One civil-status event as the outbox holds it (spec §5.5). {@code rejectionCode} and
 * {@code rejectionMessage} are the NPD's, for a REJECTED event.
 */
public record OutboxEvent(UUID id, String agency, String type, String caseId, String status, int attempts,
        Instant acceptedAt, Instant lastAttemptAt, Instant deliveredAt, String rejectionCode, String rejectionMessage,
        String payload) {
}
