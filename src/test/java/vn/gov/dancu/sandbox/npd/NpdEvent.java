package vn.gov.dancu.sandbox.npd;

import java.util.Map;

/**
 * A civil-status event the simulated NPD accepted ({@code POST /api/v1/civil-status-events}),
 * kept so tests can see what the gateway reported.
 *
 * @param subjects personal ids by role (child/mother/father, deceased, bride/groom)
 */
public record NpdEvent(String eventId, String type, String registrationNumber, String registrationDate,
                       String registrationAuthority, Map<String, String> subjects, String dateOfDeath) {

    public NpdEvent {
        subjects = Map.copyOf(subjects);
    }
}
