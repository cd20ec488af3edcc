package vn.gov.dancu.gateway.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.citizen.AdminUnits2025;

/**
 * Reads the 2025 administrative-unit mapping at start, so a malformed or missing data file stops
 * the gateway before it serves and no request pays for the read (a few tens of milliseconds).
 */
@ApplicationScoped
public class AdminUnitsAtStart {

    private static final Logger LOG = Logger.getLogger(AdminUnitsAtStart.class);

    void load(@Observes StartupEvent start) {
        long began = System.nanoTime();
        AdminUnits2025 units = AdminUnits2025.get();
        LOG.infof("2025 administrative units: %d former units mapped to %d current ones in %d ms",
                units.oldUnits(), units.newUnits(), (System.nanoTime() - began) / 1_000_000);
    }
}
