package vn.gov.dancu.sandbox.npd;

import java.time.LocalDate;
import java.util.List;

import vn.gov.dancu.sandbox.npd.CitizenRecord.Address;
import vn.gov.dancu.sandbox.npd.CitizenRecord.CodeName;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Gender;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Household;
import vn.gov.dancu.sandbox.npd.CitizenRecord.IdCard;
import vn.gov.dancu.sandbox.npd.CitizenRecord.LifeStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.MaritalStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.RelatedPerson;

/**
 * A citizen while the population is being built. Relations (spouses, parents, households) point
 * both ways, so people are first created as mutable drafts, linked, and only then frozen into
 * immutable {@link CitizenRecord}s. Never leaves the package.
 */
public final class PersonDraft {

    String personalId;
    String oldIdNumber;
    IdCard idCard;
    String fullName;
    List<String> otherNames;
    /** The full date used for ages and card dates; {@link #dateOfBirth} may show less of it. */
    LocalDate birthDate;
    String dateOfBirth;
    Gender gender;
    Address birthRegistrationPlace;
    Address hometown;
    CodeName ethnicity;
    CodeName religion;
    CodeName nationality = Places.VIETNAM;
    String bloodType;
    MaritalStatus maritalStatus = MaritalStatus.SINGLE;
    Address permanentResidence;
    Address temporaryResidence;
    Address currentResidence;
    Household household;
    RelatedPerson father;
    RelatedPerson mother;
    RelatedPerson spouse;
    RelatedPerson legalRepresentative;
    LifeStatus lifeStatus = LifeStatus.ALIVE;
    String dateOfDeath;
    String phoneNumber;
    String email;
    String updatedAt;

    /** A new person; {@code birthDate} may be null only for a thawed record (see {@link #thaw}). */
    PersonDraft(String personalId, String fullName, Gender gender, LocalDate birthDate) {
        this.personalId = personalId;
        this.fullName = fullName;
        this.gender = gender;
        this.birthDate = birthDate;
        this.dateOfBirth = birthDate == null ? null : birthDate.toString();
    }

    /** A draft of an existing record, to change a few fields and freeze it again (NPD writes). */
    static PersonDraft thaw(CitizenRecord r) {
        PersonDraft d = new PersonDraft(r.personalId(), r.fullName(), r.gender(), null);
        d.oldIdNumber = r.oldIdNumber();
        d.idCard = r.idCard();
        d.otherNames = r.otherNames();
        d.dateOfBirth = r.dateOfBirth();
        d.birthRegistrationPlace = r.birthRegistrationPlace();
        d.hometown = r.hometown();
        d.ethnicity = r.ethnicity();
        d.religion = r.religion();
        d.nationality = r.nationality();
        d.bloodType = r.bloodType();
        d.maritalStatus = r.maritalStatus();
        d.permanentResidence = r.permanentResidence();
        d.temporaryResidence = r.temporaryResidence();
        d.currentResidence = r.currentResidence();
        d.household = r.household();
        d.father = r.father();
        d.mother = r.mother();
        d.spouse = r.spouse();
        d.legalRepresentative = r.legalRepresentative();
        d.lifeStatus = r.lifeStatus();
        d.dateOfDeath = r.dateOfDeath();
        d.phoneNumber = r.phoneNumber();
        d.email = r.email();
        d.updatedAt = r.updatedAt();
        return d;
    }

    /** How others' records name this person: number, name and nationality, as the NPD holds them. */
    RelatedPerson asRelated() {
        return new RelatedPerson(personalId, fullName, nationality);
    }

    /** Marks both as married to each other (the NPD keeps the spouse on both records). */
    static void marry(PersonDraft husband, PersonDraft wife) {
        husband.maritalStatus = MaritalStatus.MARRIED;
        wife.maritalStatus = MaritalStatus.MARRIED;
        husband.spouse = wife.asRelated();
        wife.spouse = husband.asRelated();
    }

    /** Sets both parent references; either parent may be null (not recorded). */
    void parents(PersonDraft father, PersonDraft mother) {
        this.father = father == null ? null : father.asRelated();
        this.mother = mother == null ? null : mother.asRelated();
    }

    /** Puts this person in a household at its address; residence follows the household. */
    void joinHousehold(String number, PersonDraft head, String relationshipToHead, Address address) {
        household = new Household(number, head.personalId, head.fullName, relationshipToHead, address);
        permanentResidence = address;
        currentResidence = address;
    }

    /** The immutable record; later changes to the draft do not reach it. */
    CitizenRecord freeze() {
        return new CitizenRecord(personalId, oldIdNumber, idCard, fullName, otherNames, dateOfBirth, gender,
                birthRegistrationPlace, hometown, ethnicity, religion, nationality, bloodType, maritalStatus,
                permanentResidence, temporaryResidence, currentResidence, household, father, mother, spouse,
                legalRepresentative, lifeStatus, dateOfDeath, phoneNumber, email, updatedAt);
    }
}
