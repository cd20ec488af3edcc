package vn.gov.dancu.gateway.audit;

/** The chain's head or anchor: a sequence number and the hash of the record there. */
public record ChainPoint(long seq, String hash) {
}
