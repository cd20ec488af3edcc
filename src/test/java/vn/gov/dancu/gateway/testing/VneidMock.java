package vn.gov.dancu.gateway.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Instant;
import java.util.Map;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation;
import vn.gov.dancu.sandbox.vneid.VneidSimulator;

/**
 * VNeID for gateway tests: the {@link VneidSimulator} over the standard synthetic population on a
 * dynamic port, on a {@link ManualClock} the test moves (a QR code expires when the test says so,
 * not after two minutes of waiting). The one test resource for that upstream; tests get the
 * simulator and its clock through {@link InjectVneid}. Every answer a test reads through
 * {@link UpstreamContracts#vneidFilter()} is held to {@code upstreams/vneid.openapi.yaml}.
 *
 * <p>The gateway validates ID tokens against the system clock, so the simulator's clock starts at
 * the real now and tests only ever move it forward for the codes' sake.
 */
public class VneidMock implements QuarkusTestResourceLifecycleManager {

    private VneidSimulator simulator;
    private ManualClock clock;

    @Override
    public Map<String, String> start() {
        clock = new ManualClock(Instant.ofEpochMilli(System.currentTimeMillis()));
        simulator = new VneidSimulator(SyntheticPopulation.standard(), null, clock).start(0);
        return Map.of(
                "vneid.url", simulator.baseUrl(),
                "gateway.vneid.client-id", VneidSimulator.DEFAULT_CLIENT_ID,
                "gateway.vneid.client-secret", VneidSimulator.DEFAULT_CLIENT_SECRET,
                "gateway.vneid.id-token-audience", VneidSimulator.DEFAULT_ID_TOKEN_AUDIENCE);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(simulator,
                new TestInjector.AnnotatedAndMatchesType(InjectVneid.class, VneidSimulator.class));
        injector.injectIntoFields(clock, new TestInjector.AnnotatedAndMatchesType(InjectVneid.class, ManualClock.class));
    }

    @Override
    public void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
