package vn.gov.dancu.gateway.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Production requires an audience of officers' tokens (issue 9, item 6). */
class AudienceRequiredTest {

    @Test
    void refusesToStartWithoutAnAudienceOrWithTheWildcard() {
        assertThrows(IllegalStateException.class, () -> AudienceRequired.check(Optional.empty()));
        assertThrows(IllegalStateException.class, () -> AudienceRequired.check(Optional.of(List.of(" "))));
        assertThrows(IllegalStateException.class, () -> AudienceRequired.check(Optional.of(List.of("any"))));
        assertThrows(IllegalStateException.class,
                () -> AudienceRequired.check(Optional.of(List.of("dancu-gateway", "any"))));
        assertDoesNotThrow(() -> AudienceRequired.check(Optional.of(List.of("dancu-gateway"))));
    }

    /** The production default: the client id, which the realm's audience mapper puts into "aud". */
    @Test
    void theAudienceDefaultsToTheClientId() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        org.junit.jupiter.api.Assertions.assertEquals("${quarkus.oidc.client-id}",
                properties.getProperty("quarkus.oidc.token.audience"));
        org.junit.jupiter.api.Assertions.assertEquals("dancu-gateway", properties.getProperty("quarkus.oidc.client-id"));
    }
}
