package vn.gov.dancu.gateway.upstream.npd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One handle on the NPD client's protective state — Retry-After, retry budget, quota queue,
 * per-case cache and the last error readiness reports — so that tests, and an operator after an
 * incident, can start afresh.
 */
@ApplicationScoped
public class NpdResilience {

    @Inject
    NpdBackoff backoff;

    @Inject
    RetryBudget retryBudget;

    @Inject
    NpdQuota quota;

    @Inject
    NpdClient client;

    @Inject
    NpdHealth health;

    public void reset() {
        backoff.clear();
        retryBudget.reset();
        quota.reset();
        client.clearCache();
        health.clear();
    }
}
