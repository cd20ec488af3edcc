package vn.gov.dancu.gateway.procedure;

import java.util.Arrays;
import java.util.Optional;
import vn.gov.dancu.gateway.citizen.Gender;

/** The people a procedure is about, as named in the request's {@code parties} object. */
public enum PartyRole {
    MOTHER("mother", false, Gender.FEMALE),
    FATHER("father", false, Gender.MALE),
    DECLARANT("declarant", true, null),
    DECEASED("deceased", false, null),
    BRIDE("bride", true, Gender.FEMALE),
    GROOM("groom", true, Gender.MALE),
    APPLICANT("applicant", true, null);

    private final String key;
    private final boolean actsInPerson;
    private final Gender expectedGender;

    PartyRole(String key, boolean actsInPerson, Gender expectedGender) {
        this.key = key;
        this.actsInPerson = actsInPerson;
        this.expectedGender = expectedGender;
    }

    /** The JSON key ({@code mother}, {@code groom}, ...). */
    public String key() {
        return key;
    }

    /**
     * True for parties who must appear and act themselves (declarant, applicant, bride, groom):
     * finding them dead is an error, whereas a parent may have died before the registration.
     */
    public boolean actsInPerson() {
        return actsInPerson;
    }

    /** The sex the role implies, if any (mother, bride: FEMALE; father, groom: MALE). */
    public Optional<Gender> expectedGender() {
        return Optional.ofNullable(expectedGender);
    }

    public static Optional<PartyRole> fromKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}
