package vn.gov.dancu.sandbox.npd;

import java.util.List;

/**
 * One citizen as the simulated NPD holds it, shaped exactly like the contract's
 * {@code CitizenRecord} (upstreams/npd.openapi.yaml) so that Jackson writes it field for field.
 *
 * <p>The sandbox keeps its own copy of the contract's types on purpose: the simulator must be an
 * independent implementation of the contract, not a mirror of the gateway's client classes, or a
 * misunderstanding of the contract would be shared by both sides and never caught.
 *
 * <p>Dates are strings because the NPD's dates may be partial ("1952", "1968-03", "1990-05-12").
 * Names are stored as the NPD would hold them, which for a few deliberate personas means
 * decomposed (NFD) text or surplus spaces.
 */
public record CitizenRecord(
        String personalId,
        String oldIdNumber,
        IdCard idCard,
        String fullName,
        List<String> otherNames,
        String dateOfBirth,
        Gender gender,
        Address birthRegistrationPlace,
        Address hometown,
        CodeName ethnicity,
        CodeName religion,
        CodeName nationality,
        String bloodType,
        MaritalStatus maritalStatus,
        Address permanentResidence,
        Address temporaryResidence,
        Address currentResidence,
        Household household,
        RelatedPerson father,
        RelatedPerson mother,
        RelatedPerson spouse,
        RelatedPerson legalRepresentative,
        LifeStatus lifeStatus,
        String dateOfDeath,
        String phoneNumber,
        String email,
        String updatedAt) {

    /** Every property name a caller may put in {@code fields}, in the contract's order. */
    public static final List<String> FIELDS = List.of(
            "personalId", "oldIdNumber", "idCard", "fullName", "otherNames", "dateOfBirth", "gender",
            "birthRegistrationPlace", "hometown", "ethnicity", "religion", "nationality", "bloodType",
            "maritalStatus", "permanentResidence", "temporaryResidence", "currentResidence", "household",
            "father", "mother", "spouse", "legalRepresentative", "lifeStatus", "dateOfDeath",
            "phoneNumber", "email", "updatedAt");

    public CitizenRecord {
        // Immutable after construction: the population is shared by concurrent request handlers.
        otherNames = otherNames == null ? null : List.copyOf(otherNames);
    }

    /** Sex as the NPD records it. */
    public enum Gender { MALE, FEMALE }

    /** The contract's marital statuses. */
    public enum MaritalStatus { SINGLE, MARRIED, DIVORCED, WIDOWED }

    /** The contract's life statuses. */
    public enum LifeStatus { ALIVE, DECEASED, MISSING }

    /** A coded value with its Vietnamese name (ethnicity, religion, nationality). */
    public record CodeName(String code, String name) {
    }

    /**
     * An address in the administrative units in force when the record was written: before
     * 2025-07-01 with a district, after it without one (two-tier local government).
     */
    public record Address(String countryCode, String provinceCode, String provinceName, String districtCode,
                          String districtName, String wardCode, String wardName, String addressLine) {

        /** The same place with another street line (households share a ward, not a house number). */
        public Address withAddressLine(String line) {
            return new Address(countryCode, provinceCode, provinceName, districtCode, districtName, wardCode,
                    wardName, line);
        }
    }

    /** A parent, spouse or representative; {@code personalId} is null when the person is not in the NPD. */
    public record RelatedPerson(String personalId, String fullName, CodeName nationality) {
    }

    /** The chip identity card; {@code expiryDate} is null for cards issued at 58 or older. */
    public record IdCard(String number, String issueDate, String expiryDate, String issuingAuthority) {
    }

    /** Membership of a residence household ("hộ gia đình") with its head and address. */
    public record Household(String householdNumber, String headPersonalId, String headFullName,
                            String relationshipToHead, Address address) {
    }

    /**
     * The value of one contract property by name, for field filtering without reflection.
     *
     * @throws IllegalArgumentException for a name not in {@link #FIELDS}
     */
    public Object field(String name) {
        return switch (name) {
            case "personalId" -> personalId;
            case "oldIdNumber" -> oldIdNumber;
            case "idCard" -> idCard;
            case "fullName" -> fullName;
            case "otherNames" -> otherNames;
            case "dateOfBirth" -> dateOfBirth;
            case "gender" -> gender;
            case "birthRegistrationPlace" -> birthRegistrationPlace;
            case "hometown" -> hometown;
            case "ethnicity" -> ethnicity;
            case "religion" -> religion;
            case "nationality" -> nationality;
            case "bloodType" -> bloodType;
            case "maritalStatus" -> maritalStatus;
            case "permanentResidence" -> permanentResidence;
            case "temporaryResidence" -> temporaryResidence;
            case "currentResidence" -> currentResidence;
            case "household" -> household;
            case "father" -> father;
            case "mother" -> mother;
            case "spouse" -> spouse;
            case "legalRepresentative" -> legalRepresentative;
            case "lifeStatus" -> lifeStatus;
            case "dateOfDeath" -> dateOfDeath;
            case "phoneNumber" -> phoneNumber;
            case "email" -> email;
            case "updatedAt" -> updatedAt;
            default -> throw new IllegalArgumentException("not a CitizenRecord field: " + name);
        };
    }

    /** This citizen as a parent/spouse reference in someone else's record. */
    public RelatedPerson asRelated() {
        return new RelatedPerson(personalId, fullName, nationality);
    }
}
