package vn.gov.dancu.gateway.upstream.npd;

/**
 * The properties of the NPD's {@code CitizenRecord} that a lookup may name in {@code fields}.
 * {@code religion} and {@code bloodType} are deliberately absent: no procedure of this gateway
 * has a legal reason to ask for them, so the client cannot even express the request.
 */
public enum NpdField {
    FULL_NAME("fullName"),
    OTHER_NAMES("otherNames"),
    DATE_OF_BIRTH("dateOfBirth"),
    GENDER("gender"),
    BIRTH_REGISTRATION_PLACE("birthRegistrationPlace"),
    HOMETOWN("hometown"),
    ETHNICITY("ethnicity"),
    NATIONALITY("nationality"),
    ID_CARD("idCard"),
    MARITAL_STATUS("maritalStatus"),
    PERMANENT_RESIDENCE("permanentResidence"),
    TEMPORARY_RESIDENCE("temporaryResidence"),
    CURRENT_RESIDENCE("currentResidence"),
    HOUSEHOLD("household"),
    FATHER("father"),
    MOTHER("mother"),
    SPOUSE("spouse"),
    LIFE_STATUS("lifeStatus"),
    DATE_OF_DEATH("dateOfDeath"),
    PHONE_NUMBER("phoneNumber"),
    EMAIL("email");

    private final String jsonName;

    NpdField(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The property name in the NPD contract, also the field name in our prefill response. */
    public String jsonName() {
        return jsonName;
    }
}
