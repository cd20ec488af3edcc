package vn.gov.dancu.gateway.procedure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import vn.gov.dancu.gateway.citizen.PartialDate;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.citizen.VietnameseText;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.error.Violation;

/**
 * What the two write requests (spec §5.4 newborn's number, §5.5 civil-status event) share: the
 * {@code Idempotency-Key} header, strict reading of a JSON body (every problem named with its
 * field, unknown properties refused so a typo never passes for an absent optional field), text
 * made NFC at the edge, and the request hash that tells a replay from a reused key.
 */
public final class WriteRequests {

    /** Spec §5.4: 8–128 characters of {@code [A-Za-z0-9._:-]}. */
    public static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    /** The header, also the violation's field name. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** Registration numbers, authorities: identifiers of the civil-status register, not prose. */
    static final int MAX_CODE = 64;
    /** Names and address parts. */
    static final int MAX_TEXT = 256;

    /** Canonical JSON for hashing: map entries in key order, whatever order they were built in. */
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private WriteRequests() {
    }

    /**
     * The caller's key, checked.
     *
     * @throws GatewayException 400 IDEMPOTENCY_KEY_REQUIRED without one; 400 VALIDATION_FAILED
     *                          naming the header when it has another shape
     */
    public static String idempotencyKey(String header) {
        if (header == null || header.isEmpty()) {
            throw new GatewayException(ErrorCode.IDEMPOTENCY_KEY_REQUIRED, "error.IDEMPOTENCY_KEY_REQUIRED.detail",
                    List.of(), List.of(Violation.of(IDEMPOTENCY_HEADER, "violation.idempotencyKey.required")), null);
        }
        if (!IDEMPOTENCY_KEY.matcher(header).matches()) {
            throw GatewayException.validation(List.of(Violation.of(IDEMPOTENCY_HEADER,
                    "violation.idempotencyKey.pattern")));
        }
        return header;
    }

    /**
     * The key the NPD dedupes on for a gateway key: one per agency and key (the gateway scopes
     * keys to the agency, the NPD to our one credential, so two communes' "HS-1-a" must not meet
     * there), deterministic so that a retry after a restart sends the same one, and within the
     * contract's 8–128 characters whatever the caller's key was.
     */
    public static String npdKey(String prefix, String agency, String key) {
        return prefix + sha256(agency + "\n" + key).substring(0, 48);
    }

    /** SHA-256 (hex) of the request as the gateway understood it: equal exactly for a true replay. */
    public static String hash(JsonNode canonical) {
        try {
            Object tree = CANONICAL.convertValue(canonical, Object.class);
            return sha256(CANONICAL.writeValueAsString(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree built here always serialises", e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Reads one JSON object's members and collects what is wrong with them. */
    static final class Reader {
        final List<Violation> violations;
        private final JsonNode node;
        private final String prefix;

        Reader(JsonNode node, String prefix, List<Violation> violations) {
            this.node = node;
            this.prefix = prefix;
            this.violations = violations;
        }

        /** Refuses properties the contract does not name. */
        Reader only(Set<String> names) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!names.contains(name)) {
                    violations.add(Violation.of(name.length() > 64 ? prefix + "?" : prefix + name,
                            "violation.property.unknown", String.join(", ", new TreeSet<>(names))));
                }
            }
            return this;
        }

        boolean has(String name) {
            JsonNode v = node.get(name);
            return v != null && !v.isNull();
        }

        /** NFC text, trimmed and collapsed; null (with a violation if required) when absent or wrong. */
        String text(String name, boolean required, int max) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    violations.add(Violation.of(prefix + name, "violation.field.required"));
                }
                return null;
            }
            if (!v.isTextual()) {
                violations.add(Violation.of(prefix + name, "violation.json.type"));
                return null;
            }
            String clean = VietnameseText.clean(v.textValue());
            if (clean.isEmpty()) {
                violations.add(Violation.of(prefix + name, "violation.field.required"));
                return null;
            }
            if (clean.length() > max) {
                violations.add(Violation.of(prefix + name, "violation.filter.length", max));
                return null;
            }
            if (clean.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                violations.add(Violation.of(prefix + name, "violation.filter.text"));
                return null;
            }
            return clean;
        }

        /** A text that must match {@code pattern} (codes, case ids). */
        String code(String name, boolean required, Pattern pattern, String messageKey) {
            String value = text(name, required, MAX_TEXT);
            if (value != null && !pattern.matcher(value).matches()) {
                violations.add(Violation.of(prefix + name, messageKey));
                return null;
            }
            return value;
        }

        /** A full calendar date (YYYY-MM-DD), not after {@code today}. */
        LocalDate date(String name, boolean required, LocalDate today) {
            String value = text(name, required, 10);
            if (value == null) {
                return null;
            }
            try {
                if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                    throw new DateTimeParseException("shape", value, 0);
                }
                LocalDate date = LocalDate.parse(value);
                if (date.isAfter(today)) {
                    violations.add(Violation.of(prefix + name, "violation.date.future"));
                    return null;
                }
                return date;
            } catch (DateTimeParseException e) {
                violations.add(Violation.of(prefix + name, "violation.date"));
                return null;
            }
        }

        /** The NPD's partial date (YYYY, YYYY-MM or YYYY-MM-DD), whose earliest day is not after {@code today}. */
        String partialDate(String name, LocalDate today) {
            String value = text(name, false, 10);
            if (value == null) {
                return null;
            }
            try {
                PartialDate date = PartialDate.parse(value);
                if (date.earliest().isAfter(today)) {
                    violations.add(Violation.of(prefix + name, "violation.date.future"));
                    return null;
                }
                return value;
            } catch (IllegalArgumentException e) {
                violations.add(Violation.of(prefix + name, "violation.partialDate"));
                return null;
            }
        }

        /** A personal identification number, checked as everywhere else in the gateway. */
        String personalId(String name, boolean required) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    violations.add(Violation.of(prefix + name, "violation.personalId.BLANK"));
                }
                return null;
            }
            if (!v.isTextual()) {
                violations.add(Violation.of(prefix + name, "violation.json.type"));
                return null;
            }
            return WriteRequests.personalId(prefix + name, v.textValue(), violations);
        }

        /** A nested object, or null (with a violation if required, or if it is not an object). */
        JsonNode object(String name, boolean required) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                if (required) {
                    violations.add(Violation.of(prefix + name, "violation.field.required"));
                }
                return null;
            }
            if (!v.isObject()) {
                violations.add(Violation.of(prefix + name, "violation.json.type"));
                return null;
            }
            return v;
        }
    }

    static String personalId(String field, String raw, List<Violation> violations) {
        try {
            return PersonalId.parse(raw).value();
        } catch (PersonalId.InvalidPersonalIdException e) {
            violations.add(Violation.of(field, "violation.personalId." + e.problem().name()));
            return null;
        }
    }

    /** The body must be one JSON object. */
    static JsonNode requireObject(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw GatewayException.validation(List.of(Violation.of("body", "violation.body.required")));
        }
        if (!body.isObject()) {
            throw GatewayException.validation(List.of(Violation.of("body", "violation.json.type")));
        }
        return body;
    }

    /** Puts a member only when it has a value: absent stays absent in what the NPD receives. */
    static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    static void putIfPresent(ObjectNode node, String name, JsonNode value) {
        if (value != null) {
            node.set(name, value);
        }
    }

    static Map<String, String> nonNull(Map<String, String> map) {
        map.values().removeIf(java.util.Objects::isNull);
        return map;
    }
}
