package vn.gov.dancu.gateway.upstream.npd;

/**
 * Who is waiting for an NPD slot when the quota is tight: an officer with a citizen at the counter
 * goes before back-office batch work, which can wait a few seconds without anyone noticing.
 */
public enum NpdPriority {
    /** A prefill at the counter: someone is waiting. */
    INTERACTIVE,
    /** Batch verification and other background traffic. */
    BULK
}
