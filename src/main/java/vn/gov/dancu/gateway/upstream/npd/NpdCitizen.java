package vn.gov.dancu.gateway.upstream.npd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.gov.dancu.gateway.citizen.Gender;
import vn.gov.dancu.gateway.citizen.PartialDate;
import vn.gov.dancu.gateway.citizen.VietnameseText;

/**
 * A citizen record as the NPD returned it, after text normalisation: every string in it is NFC,
 * trimmed and space-collapsed (old records hold NFD and surplus spaces). The record keeps the
 * NPD's own shape as JSON because callers receive the fields as the contract names them; typed
 * accessors serve the legal checks.
 *
 * @param personalId the number the record answers to
 * @param fields     the requested fields only, {@code null} values kept (the NPD holds no value)
 */
public record NpdCitizen(String personalId, ObjectNode fields) {

    /** The record's own metadata, kept whatever was asked for: it says how fresh the data is. */
    private static final String UPDATED_AT = "updatedAt";

    /** Builds a record from the NPD's JSON body, normalising all text on the way in. */
    public static NpdCitizen fromNpd(ObjectNode body) {
        ObjectNode copy = (ObjectNode) normalise(body.deepCopy());
        JsonNode id = copy.remove("personalId");
        return new NpdCitizen(id == null ? null : id.asText(), copy);
    }

    /**
     * As {@link #fromNpd(ObjectNode)}, keeping only the {@code requested} fields (and
     * {@code updatedAt}): an NPD that answers more generously than asked, religion or blood type
     * say, must not put that data into the gateway's hands.
     */
    public static NpdCitizen fromNpd(ObjectNode body, Collection<NpdField> requested) {
        Set<String> keep = new HashSet<>(List.of("personalId", UPDATED_AT));
        requested.forEach(f -> keep.add(f.jsonName()));
        ObjectNode wanted = JsonNodeFactory.instance.objectNode();
        body.properties().stream().filter(e -> keep.contains(e.getKey()))
                .forEach(e -> wanted.set(e.getKey(), e.getValue()));
        return fromNpd(wanted);
    }

    private static JsonNode normalise(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(VietnameseText.clean(node.asText()));
        }
        if (node.isObject()) {
            ObjectNode obj = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(normalise(e.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, normalise(node.get(i)));
            }
        }
        return node;
    }

    /** True when the NPD returned the field (possibly as null). */
    public boolean has(NpdField field) {
        return fields.has(field.jsonName());
    }

    /** The field's value; JSON null when the NPD holds none or it was not returned. */
    public JsonNode value(NpdField field) {
        JsonNode v = fields.get(field.jsonName());
        return v == null ? JsonNodeFactory.instance.nullNode() : v;
    }

    /** Only the given fields, in order; a requested field the NPD left out comes back as null. */
    public ObjectNode project(Collection<NpdField> wanted) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        wanted.forEach(f -> out.set(f.jsonName(), value(f)));
        return out;
    }

    public Optional<String> text(NpdField field) {
        JsonNode v = value(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    public Optional<Gender> gender() {
        return text(NpdField.GENDER).flatMap(g -> {
            try {
                return Optional.of(Gender.valueOf(g));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** The date of birth, or empty when missing or not in the contract's partial-date format. */
    public Optional<PartialDate> dateOfBirth() {
        return partialDate(NpdField.DATE_OF_BIRTH);
    }

    public Optional<PartialDate> partialDate(NpdField field) {
        return text(field).flatMap(t -> {
            try {
                return Optional.of(PartialDate.parse(t));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** {@code ALIVE}, {@code DECEASED} or {@code MISSING}, when returned. */
    public Optional<String> lifeStatus() {
        return text(NpdField.LIFE_STATUS);
    }

    public Optional<String> maritalStatus() {
        return text(NpdField.MARITAL_STATUS);
    }

    /** The related person (father, mother, spouse) when the record names one. */
    public Optional<JsonNode> related(NpdField relation) {
        JsonNode v = value(relation);
        return v.isObject() ? Optional.of(v) : Optional.empty();
    }

    /** The personal id of a related person, when the record names one with a number. */
    public Optional<String> relatedId(NpdField relation) {
        return related(relation).map(r -> r.get("personalId")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    @Override
    public String toString() {
        return "NpdCitizen[" + vn.gov.dancu.gateway.citizen.PersonalId.mask(personalId) + "]";
    }
}
