package vn.gov.dancu.gateway.audit;

import java.util.UUID;

/** A stored record with its place in the chain; {@code entry} is null when its content no longer parses. */
public record AuditRow(long seq, UUID id, AuditEntry entry, String prevHash, String hash) {
}
