package vn.gov.dancu.gateway.ratelimit;

/**
 * One budget a request draws on: at most {@code requests} admissions in any {@code windowMillis}.
 * The key is a hash ({@link RateLimitKeys}), never a name.
 */
record Limit(LimitKind kind, String key, int requests, long windowMillis) {
}
