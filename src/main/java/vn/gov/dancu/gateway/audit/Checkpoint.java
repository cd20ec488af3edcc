package vn.gov.dancu.gateway.audit;

/** A signed checkpoint as stored: the head at {@code seq} and its signature. */
public record Checkpoint(long seq, String hash, String signature) {
}
