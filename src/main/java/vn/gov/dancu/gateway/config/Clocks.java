package vn.gov.dancu.gateway.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one clock of the gateway, in the counters' time zone, so tests and rules agree on "today". */
public class Clocks {

    @Produces
    @Singleton
    Clock clock(GatewayConfig config) {
        return Clock.system(config.zone());
    }
}
