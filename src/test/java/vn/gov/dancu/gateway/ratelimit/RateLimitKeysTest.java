package vn.gov.dancu.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Keys end up in Redis, so they name nobody. */
class RateLimitKeysTest {

    @Test
    void officerKeyIsAHashThatNamesNeitherOfficerNorAgency() {
        String key = RateLimitKeys.officer("UBND-P-TANPHU", "cs.officer");
        assertTrue(key.matches("officer:[0-9a-f]{32}"), key);
        assertFalse(key.contains("cs.officer") || key.contains("TANPHU"), key);
        assertEquals(key, RateLimitKeys.officer("UBND-P-TANPHU", "cs.officer"));
    }

    @Test
    void sameUsernameInTwoAgenciesIsTwoOfficers() {
        assertNotEquals(RateLimitKeys.officer("UBND-P-TANPHU", "nguyen.lan"),
                RateLimitKeys.officer("STP-DONGNAI", "nguyen.lan"));
    }

    @Test
    void clientKeyIsAHashOfTheClientId() {
        String key = RateLimitKeys.client("counter-app");
        assertTrue(key.matches("client:[0-9a-f]{32}"), key);
    }
}
