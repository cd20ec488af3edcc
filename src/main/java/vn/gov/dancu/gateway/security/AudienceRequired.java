package vn.gov.dancu.gateway.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start a gateway that would accept officers' tokens issued to any client of the realm.
 * Quarkus OIDC checks {@code aud} only when {@code quarkus.oidc.token.audience} is set, and a
 * Keycloak realm issues tokens to every client it has (an unrelated web app of the province, a
 * test client): seen against Keycloak 26.7.3, each was accepted. application.properties defaults
 * the audience to the client id; this closes the two ways back: an operator blanking it
 * ({@code QUARKUS_OIDC_TOKEN_AUDIENCE=}, which MicroProfile Config reads as "not set") or setting
 * Quarkus's wildcard {@code any}.
 */
@ApplicationScoped
public class AudienceRequired {

    static final String PROPERTY = "quarkus.oidc.token.audience";

    void check(@Observes StartupEvent started) {
        check(ConfigProvider.getConfig().getOptionalValues(PROPERTY, String.class));
    }

    /**
     * @throws IllegalStateException when no audience is required of officers' tokens
     */
    static void check(Optional<List<String>> audience) {
        List<String> values = audience.orElse(List.of()).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (values.isEmpty() || values.stream().anyMatch("any"::equalsIgnoreCase)) {
            throw new IllegalStateException(PROPERTY + " (QUARKUS_OIDC_TOKEN_AUDIENCE) must name the audience the"
                    + " identity provider puts into officers' tokens, e.g. dancu-gateway (README, Deploying);"
                    + " without it a token of any client of the realm would be accepted");
        }
    }
}
