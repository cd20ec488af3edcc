package vn.gov.dancu.sandbox;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;
import vn.gov.dancu.sandbox.npd.NpdSimulator;

/**
 * Runs a {@code @QuarkusTest} against the sandbox end to end: starts the NPD simulator and the
 * identity provider on ephemeral ports before Quarkus boots and hands Quarkus their URLs.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(SandboxTestResource.class)
 * class PrefillEndToEndTest {
 *     &#64;InjectSandbox Sandbox sandbox;   // mint tokens, read the NPD call log, switch maintenance
 * }
 * </pre>
 *
 * If the field cannot be injected (the test runs in another class loader than this resource),
 * use {@link #current()} from the same class loader, or drive the simulator over HTTP: officer
 * tokens from the identity provider's token endpoint, the call log from
 * {@code GET {NPD_URL}/sandbox/calls}, behaviours through {@code POST {NPD_URL}/sandbox/behaviour}.
 */
public class SandboxTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile Sandbox current;

    /**
     * The sandbox's configuration, plus the gateway's own keys that the {@code %test} profile of
     * application.properties points at WireMock (NPD URL and credentials, the expected token
     * audience): properties from a test resource outrank a profile's, so these win.
     */
    @Override
    public Map<String, String> start() {
        current = Sandbox.start(0, 0);
        Map<String, String> config = new HashMap<>(current.config());
        config.put("quarkus.rest-client.npd.url", current.npd().baseUrl());
        config.put("gateway.npd.client-id", NpdSimulator.DEFAULT_CLIENT_ID);
        config.put("gateway.npd.client-secret", NpdSimulator.DEFAULT_CLIENT_SECRET);
        config.put("quarkus.oidc.token.audience", IdentityProviderSimulator.DEFAULT_AUDIENCE);
        // VNeID (identity, issue 8): the %test profile points these at VneidMock.
        config.put("quarkus.rest-client.vneid.url", current.vneid().baseUrl());
        config.put("gateway.vneid.client-id", vn.gov.dancu.sandbox.vneid.VneidSimulator.DEFAULT_CLIENT_ID);
        config.put("gateway.vneid.client-secret", vn.gov.dancu.sandbox.vneid.VneidSimulator.DEFAULT_CLIENT_SECRET);
        config.put("gateway.vneid.id-token-audience", vn.gov.dancu.sandbox.vneid.VneidSimulator.DEFAULT_ID_TOKEN_AUDIENCE);
        return Map.copyOf(config);
    }

    @Override
    public void stop() {
        Sandbox running = current;
        current = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(current,
                new TestInjector.AnnotatedAndMatchesType(InjectSandbox.class, Sandbox.class));
    }

    /**
     * The running sandbox.
     *
     * @throws IllegalStateException when no test resource has started one (in this class loader)
     */
    public static Sandbox current() {
        Sandbox running = current;
        if (running == null) {
            throw new IllegalStateException("no sandbox is running; annotate the test with"
                    + " @WithTestResource(SandboxTestResource.class)");
        }
        return running;
    }
}
