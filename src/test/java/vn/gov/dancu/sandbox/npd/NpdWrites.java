package vn.gov.dancu.sandbox.npd;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.citizen.Provinces;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Address;
import vn.gov.dancu.sandbox.npd.CitizenRecord.CodeName;
import vn.gov.dancu.sandbox.npd.CitizenRecord.Gender;
import vn.gov.dancu.sandbox.npd.CitizenRecord.LifeStatus;
import vn.gov.dancu.sandbox.npd.CitizenRecord.MaritalStatus;
import vn.gov.dancu.sandbox.npd.SyntheticPopulation.Cancellation;

/**
 * What the simulated NPD remembers beyond the immutable population: numbers issued to newborns,
 * records changed by reported civil-status events (an overlay on top of the population, dropped
 * by {@link #reset()}), and the Idempotency-Key replays of both write operations.
 *
 * <p>Writes are rare next to reads, so they are simply serialised on this object; reads go to a
 * concurrent map and never wait for a write.
 */
final class NpdWrites {

    /** The answer of a write: its status and JSON body. */
    record Answer(int status, Map<String, Object> body) {
    }

    private record Replay(String operation, JsonNode request, Answer answer) {
    }

    private static final Set<String> EVENT_TYPES = Set.of("BIRTH_REGISTERED", "DEATH_REGISTERED",
            "MARRIAGE_REGISTERED");
    private static final Map<String, Set<String>> ROLES = Map.of(
            "BIRTH_REGISTERED", Set.of("child", "mother", "father"),
            "DEATH_REGISTERED", Set.of("deceased"),
            "MARRIAGE_REGISTERED", Set.of("bride", "groom"));
    private static final Map<String, Set<String>> REQUIRED_ROLES = Map.of(
            "BIRTH_REGISTERED", Set.of("child"),
            "DEATH_REGISTERED", Set.of("deceased"),
            "MARRIAGE_REGISTERED", Set.of("bride", "groom"));

    private final SyntheticPopulation population;
    private final Clock clock;
    private final Map<String, CitizenRecord> overlay = new ConcurrentHashMap<>();
    private final Map<String, Replay> replays = new HashMap<>();
    private final List<NpdEvent> events = new ArrayList<>();
    private SplittableRandom serials = new SplittableRandom(SyntheticPopulation.DEFAULT_SEED);

    NpdWrites(SyntheticPopulation population, Clock clock) {
        this.population = population;
        this.clock = clock;
    }

    /** The current record for a number: a changed or newly issued one first, else the population's. */
    Optional<CitizenRecord> find(String personalId) {
        CitizenRecord changed = overlay.get(personalId);
        return changed != null ? Optional.of(changed) : population.find(personalId);
    }

    Optional<Cancellation> cancellation(String personalId) {
        return population.cancellation(personalId);
    }

    /** {@code POST /api/v1/personal-ids}: 201 with a new number, 200 on a replay. */
    synchronized Answer issuePersonalId(String idempotencyKey, JsonNode body) {
        // A replay answers before any validation: the record may have changed since, the answer may not.
        Answer replay = replay("personal-ids", idempotencyKey, body);
        if (replay != null) {
            return new Answer(200, replay.body());
        }
        String fullName = text(body, "fullName", true);
        LocalDate birth = date(body, "dateOfBirth", true);
        if (birth.isAfter(LocalDate.now(clock))) {
            throw NpdFailure.invalidRequest("dateOfBirth ở tương lai");
        }
        Gender gender = gender(text(body, "gender", true));
        // The number opens with the birth-registration province: its two-digit statistical code
        // ("75") padded to the three digits of a personal id ("075").
        Address place = address(body.get("birthRegistrationPlace"));
        String province = place == null || place.provinceCode() == null ? null
                : "0".repeat(Math.max(0, 3 - place.provinceCode().length())) + place.provinceCode();
        if (province == null || !Provinces.isKnown(province)) {
            throw NpdFailure.invalidRequest("birthRegistrationPlace.provinceCode");
        }
        CitizenRecord mother = knownParent(text(body, "motherPersonalId", true));
        String fatherId = text(body, "fatherPersonalId", false);
        CitizenRecord father = fatherId == null ? null : knownParent(fatherId);
        text(body, "birthRegistrationNumber", true);

        // The newborn becomes a citizen the NPD can be asked about, linked to the parents named.
        String personalId = newNumber(province, gender, birth.getYear());
        PersonDraft child = new PersonDraft(personalId, fullName, gender, birth);
        child.birthRegistrationPlace = place;
        child.ethnicity = codeName(body.get("ethnicity"));
        CodeName nationality = codeName(body.get("nationality"));
        child.nationality = nationality != null ? nationality : Places.VIETNAM;
        child.hometown = father != null ? father.hometown() : mother.hometown();
        child.father = father == null ? null : father.asRelated();
        child.mother = mother.asRelated();
        child.legalRepresentative = father != null ? father.asRelated() : mother.asRelated();
        child.updatedAt = clock.instant().toString();
        overlay.put(personalId, child.freeze());

        Answer answer = new Answer(201, Map.of("personalId", personalId));
        replays.put(idempotencyKey, new Replay("personal-ids", body, answer));
        return answer;
    }

    /** {@code POST /api/v1/civil-status-events}: 202 with an event id, the same one on a replay. */
    synchronized Answer recordEvent(String idempotencyKey, JsonNode body) {
        Answer replay = replay("civil-status-events", idempotencyKey, body);
        if (replay != null) {
            return replay;
        }
        String type = text(body, "type", true);
        if (!EVENT_TYPES.contains(type)) {
            throw NpdFailure.invalidRequest("type");
        }
        String registrationNumber = text(body, "registrationNumber", true);
        String registrationDate = date(body, "registrationDate", true).toString();
        String authority = text(body, "registrationAuthority", true);
        String dateOfDeath = text(body, "dateOfDeath", false);
        if (dateOfDeath != null && !ClaimVerifier.PARTIAL_DATE.matcher(dateOfDeath).matches()) {
            throw NpdFailure.invalidRequest("dateOfDeath");
        }
        Map<String, CitizenRecord> subjects = subjects(type, body.get("subjects"));

        // Applied at once rather than "asynchronously": a valid reading of the contract's 202, and
        // the one that lets a test look at the result without waiting.
        switch (type) {
            case "DEATH_REGISTERED" -> recordDeath(subjects.get("deceased"),
                    dateOfDeath != null ? dateOfDeath : registrationDate);
            case "MARRIAGE_REGISTERED" -> recordMarriage(subjects.get("bride"), subjects.get("groom"));
            default -> recordBirth(subjects.get("child"), subjects.get("father"), subjects.get("mother"));
        }
        String eventId = "EV-" + UUID.randomUUID();
        Map<String, String> ids = new LinkedHashMap<>();
        subjects.forEach((role, record) -> ids.put(role, record.personalId()));
        events.add(new NpdEvent(eventId, type, registrationNumber, registrationDate, authority, ids, dateOfDeath));

        Answer answer = new Answer(202, Map.of("eventId", eventId));
        replays.put(idempotencyKey, new Replay("civil-status-events", body, answer));
        return answer;
    }

    synchronized List<NpdEvent> events() {
        return List.copyOf(events);
    }

    /** Forgets every write: the NPD is the generated population again. */
    synchronized void reset() {
        overlay.clear();
        replays.clear();
        events.clear();
        serials = new SplittableRandom(SyntheticPopulation.DEFAULT_SEED);
    }

    private void recordDeath(CitizenRecord deceased, String dateOfDeath) {
        if (deceased.lifeStatus() == LifeStatus.DECEASED) {
            throw new NpdFailure(409, "DECEASED_ALREADY", "Công dân đã được ghi nhận là đã chết.");
        }
        PersonDraft draft = PersonDraft.thaw(deceased);
        draft.lifeStatus = LifeStatus.DECEASED;
        draft.dateOfDeath = dateOfDeath;
        save(draft);
        // The surviving spouse, when in the NPD, becomes a widow(er).
        if (deceased.spouse() != null && deceased.spouse().personalId() != null) {
            find(deceased.spouse().personalId()).ifPresent(spouse -> {
                PersonDraft survivor = PersonDraft.thaw(spouse);
                survivor.maritalStatus = MaritalStatus.WIDOWED;
                survivor.spouse = null;
                save(survivor);
            });
        }
    }

    /**
     * Both become MARRIED to each other. An existing marriage is not refused: the civil-status
     * register outranks the NPD (Law on Civil Status Art. 60), and the register says they married.
     */
    private void recordMarriage(CitizenRecord bride, CitizenRecord groom) {
        if (bride.lifeStatus() == LifeStatus.DECEASED || groom.lifeStatus() == LifeStatus.DECEASED) {
            throw new NpdFailure(409, "DECEASED_ALREADY", "Một bên kết hôn đã được ghi nhận là đã chết.");
        }
        PersonDraft b = PersonDraft.thaw(bride);
        PersonDraft g = PersonDraft.thaw(groom);
        PersonDraft.marry(g, b);
        save(b);
        save(g);
    }

    /** The registered birth settles the child's parents as far as the event names them. */
    private void recordBirth(CitizenRecord child, CitizenRecord father, CitizenRecord mother) {
        PersonDraft draft = PersonDraft.thaw(child);
        if (father != null) {
            draft.father = father.asRelated();
        }
        if (mother != null) {
            draft.mother = mother.asRelated();
        }
        save(draft);
    }

    /** Puts the changed record over the population's, stamped with the time of the change. */
    private void save(PersonDraft draft) {
        draft.updatedAt = clock.instant().toString();
        overlay.put(draft.personalId, draft.freeze());
    }

    /** The stored answer for a repeated key and body; a reused key with another body is a conflict. */
    private Answer replay(String operation, String key, JsonNode body) {
        Replay earlier = replays.get(key);
        if (earlier == null) {
            return null;
        }
        if (!earlier.operation().equals(operation) || !earlier.request().equals(body)) {
            throw new NpdFailure(409, "IDEMPOTENCY_CONFLICT",
                    "Khóa Idempotency-Key đã được dùng cho một yêu cầu khác.");
        }
        return earlier.answer();
    }

    /** Role → record for an event; roles must suit the event type and every number must be known. */
    private Map<String, CitizenRecord> subjects(String type, JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw NpdFailure.invalidRequest("subjects");
        }
        Map<String, CitizenRecord> subjects = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!ROLES.get(type).contains(entry.getKey()) || !entry.getValue().isTextual()) {
                throw NpdFailure.invalidRequest("subjects." + entry.getKey());
            }
            String id = entry.getValue().asText();
            if (!PersonalId.isValid(id)) {
                throw NpdFailure.invalidId();
            }
            subjects.put(entry.getKey(), find(id).orElseThrow(NpdFailure::notFound));
        }
        if (!subjects.keySet().containsAll(REQUIRED_ROLES.get(type))) {
            throw NpdFailure.invalidRequest("subjects thiếu " + REQUIRED_ROLES.get(type));
        }
        return subjects;
    }

    /** A parent named for a newborn; the contract has no 404 here, so an unknown one is a bad request. */
    private CitizenRecord knownParent(String id) {
        if (!PersonalId.isValid(id)) {
            throw NpdFailure.invalidId();
        }
        return find(id).orElseThrow(() -> NpdFailure.invalidRequest("cha/mẹ không có trong CSDL"));
    }

    /** A fresh number for a newborn, never one of the population's, a cancelled one or an earlier issue. */
    private String newNumber(String province, Gender gender, int year) {
        String prefix = province + IdAllocator.centuryDigit(gender, year) + String.format("%02d", year % 100);
        while (true) {
            String candidate = prefix + String.format("%06d", serials.nextInt(1_000_000));
            if (find(candidate).isEmpty() && cancellation(candidate).isEmpty()
                    && !candidate.equals(SandboxPersonas.NOT_IN_NPD)) {
                return candidate;
            }
        }
    }

    /** A text property: absent or null is fine unless required; present means non-blank text. */
    private static String text(JsonNode body, String name, boolean required) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw NpdFailure.invalidRequest("thiếu " + name);
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw NpdFailure.invalidRequest(name);
        }
        return value.asText();
    }

    private static LocalDate date(JsonNode body, String name, boolean required) {
        String text = text(body, name, required);
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw NpdFailure.invalidRequest(name);
        }
    }

    /** MALE or FEMALE, the contract's only values; anything else is INVALID_REQUEST. */
    static Gender gender(String text) {
        try {
            return Gender.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw NpdFailure.invalidRequest("gender");
        }
    }

    private static CodeName codeName(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw NpdFailure.invalidRequest("mã danh mục");
        }
        return new CodeName(text(node, "code", true), text(node, "name", true));
    }

    /** An address as sent, unchecked beyond its shape: the NPD records what the register wrote. */
    private static Address address(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new Address(field(node, "countryCode"), field(node, "provinceCode"), field(node, "provinceName"),
                field(node, "districtCode"), field(node, "districtName"), field(node, "wardCode"),
                field(node, "wardName"), field(node, "addressLine"));
    }

    private static String field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
