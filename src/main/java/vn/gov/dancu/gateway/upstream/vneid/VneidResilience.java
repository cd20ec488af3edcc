package vn.gov.dancu.gateway.upstream.vneid;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** One handle on the VNeID client's state (last error, cached keys, token), so tests start afresh. */
@ApplicationScoped
public class VneidResilience {

    @Inject
    VneidHealth health;

    @Inject
    VneidIdTokens idTokens;

    @Inject
    VneidTokens tokens;

    public void reset() {
        health.clear();
        idTokens.validator().reset();
        tokens.forget();
    }
}
