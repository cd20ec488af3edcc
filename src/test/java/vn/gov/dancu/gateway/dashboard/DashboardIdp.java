package vn.gov.dancu.gateway.dashboard;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import vn.gov.dancu.sandbox.idp.IdentityProviderSimulator;

/**
 * The sandbox's identity provider as the dashboard tenant's OIDC provider (authorization-code
 * flow, login page); the API's default tenant stays on the WireMock OIDC of the other tests.
 */
public class DashboardIdp implements QuarkusTestResourceLifecycleManager {

    static volatile IdentityProviderSimulator idp;

    @Override
    public Map<String, String> start() {
        idp = new IdentityProviderSimulator().start(0);
        return Map.of("quarkus.oidc.dashboard.auth-server-url", idp.issuer(),
                "quarkus.oidc.dashboard.client-id", IdentityProviderSimulator.DASHBOARD_CLIENT,
                "quarkus.oidc.dashboard.credentials.secret", IdentityProviderSimulator.DASHBOARD_SECRET);
    }

    @Override
    public void stop() {
        if (idp != null) {
            idp.close();
            idp = null;
        }
    }
}
