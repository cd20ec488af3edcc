package vn.gov.dancu.gateway.upstream.vneid;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import vn.gov.dancu.gateway.config.GatewayConfig;

/**
 * The {@link IdTokenValidator} of this gateway: VNeID's issuer and {@code VNEID_ID_TOKEN_AUDIENCE}
 * from the configuration, keys from VNeID's {@code /jwks} (counted in the VNeID metrics as
 * operation {@code jwks}, each fetch cut at 1.5 s).
 */
@ApplicationScoped
public class VneidIdTokens {

    private static final Duration JWKS_TIMEOUT = Duration.ofMillis(1500);

    @Inject
    @RestClient
    VneidRestClient rest;

    @Inject
    VneidMetrics metrics;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    private IdTokenValidator validator;

    @PostConstruct
    void init() {
        GatewayConfig.Vneid vneid = config.vneid();
        validator = new IdTokenValidator(vneid.issuer(), vneid.idTokenAudience(), vneid.clockSkew(),
                vneid.jwksMinRefreshInterval(), vneid.jwksMaxAge(), clock,
                () -> metrics.observe("jwks", rest.jwks().ifNoItem().after(JWKS_TIMEOUT)
                        .failWith(() -> new VneidException.Unavailable("VNeID JWKS timed out", null, 0))));
    }

    public IdTokenValidator validator() {
        return validator;
    }
}
