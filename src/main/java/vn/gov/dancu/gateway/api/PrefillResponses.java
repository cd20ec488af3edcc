package vn.gov.dancu.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.gov.dancu.gateway.citizen.AdminUnits2025;
import vn.gov.dancu.gateway.procedure.FormerUnits;
import vn.gov.dancu.gateway.procedure.Issue;
import vn.gov.dancu.gateway.procedure.PartyResult;
import vn.gov.dancu.gateway.procedure.Phrase;
import vn.gov.dancu.gateway.procedure.PrefillResult;
import vn.gov.dancu.gateway.procedure.Suggestion;
import vn.gov.dancu.gateway.upstream.npd.NpdCitizen;
import vn.gov.dancu.gateway.upstream.npd.NpdField;

/** Renders a {@link PrefillResult} as the spec's response, in the caller's language. */
final class PrefillResponses {

    static final String SOURCE_NPD = "NPD";

    /** The forms' "Nơi cư trú": permanent residence, else temporary, else the current place of living. */
    static final List<NpdField> RESIDENCE_ORDER = List.of(NpdField.PERMANENT_RESIDENCE,
            NpdField.TEMPORARY_RESIDENCE, NpdField.CURRENT_RESIDENCE);

    private PrefillResponses() {
    }

    static PrefillResponse render(PrefillResult result, RequestContext context) {
        Locale locale = context.locale();
        Map<String, PrefillResponse.Party> parties = new LinkedHashMap<>();
        result.parties().forEach((role, party) -> parties.put(role.key(), party(party, result)));
        return new PrefillResponse(context.requestId(), result.command().procedure().code(),
                result.command().caseId(), result.complete() ? "COMPLETE" : "PARTIAL", result.canProceed(),
                result.retrievedAt(), parties,
                result.suggestions().stream().map(s -> suggestion(s, locale)).toList(),
                result.issues().stream().map(i -> issue(i, locale)).toList());
    }

    private static PrefillResponse.Party party(PartyResult party, PrefillResult result) {
        Map<String, PrefillResponse.FieldValue> fields = null;
        String residenceFrom = null;
        if (party.citizen() != null) {
            List<NpdField> released = result.releasedFields(party.role());
            residenceFrom = RESIDENCE_ORDER.stream().filter(released::contains)
                    .filter(f -> party.citizen().value(f).isObject()).findFirst().map(NpdField::jsonName).orElse(null);
            NpdCitizen citizen = party.citizen();
            Instant updatedAt = updatedAt(citizen);
            // Only a cached value needs its own retrieval time: a fresh one was retrieved just now.
            Instant retrievedAt = party.cached() ? party.retrievedAt() : null;
            Boolean cached = party.cached() ? Boolean.TRUE : null;
            fields = new LinkedHashMap<>();
            for (NpdField field : result.releasedFields(party.role())) {
                JsonNode value = citizen.value(field);
                fields.put(field.jsonName(), new PrefillResponse.FieldValue(value, precision(field, citizen),
                        SOURCE_NPD, updatedAt, false, retrievedAt, cached, currentUnits(field, value)));
            }
        }
        return new PrefillResponse.Party(party.personalId(), party.outcome() == PartyResult.Outcome.FOUND,
                party.outcome().name(), party.replacedBy(), fields, residenceFrom);
    }

    /** Today's units beside an address recorded in former ones (spec §7); the value stays as recorded. */
    private static PrefillResponse.CurrentUnits currentUnits(NpdField field, JsonNode value) {
        return FormerUnits.currentUnits(field, value).map(now -> {
            List<PrefillResponse.Unit> wards = now.wards().stream()
                    .map(w -> new PrefillResponse.Unit(w.code(), w.name())).toList();
            return new PrefillResponse.CurrentUnits(wards.size() == 1 ? wards.get(0) : null,
                    wards.size() > 1 ? wards : null, wards.size() > 1 ? Boolean.TRUE : null,
                    now.province() == null ? null : new PrefillResponse.Unit(now.province().code(), now.province().name()),
                    AdminUnits2025.BASIS);
        }).orElse(null);
    }

    /** Dates keep the precision the NPD holds them with; other fields have none. */
    private static String precision(NpdField field, NpdCitizen citizen) {
        if (field != NpdField.DATE_OF_BIRTH && field != NpdField.DATE_OF_DEATH) {
            return null;
        }
        return citizen.partialDate(field).map(d -> d.precision().name()).orElse(null);
    }

    /** The record's {@code updatedAt} when the NPD volunteered it (it is never requested). */
    private static Instant updatedAt(NpdCitizen citizen) {
        JsonNode v = citizen.fields().get("updatedAt");
        if (v == null || !v.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static PrefillResponse.SuggestionView suggestion(Suggestion s, Locale locale) {
        return new PrefillResponse.SuggestionView(s.target(), s.value(),
                Messages.get(locale, s.basisKey(), localised(s.args(), locale)));
    }

    private static PrefillResponse.IssueView issue(Issue i, Locale locale) {
        return new PrefillResponse.IssueView(i.code().name(), i.severity().name(), i.party(), i.field(),
                i.replacedBy(), Messages.get(locale, "issue." + i.code().name(), localised(i.args(), locale)),
                relation(i));
    }

    /** Arguments that are themselves texts ({@link Phrase}) in the caller's language. */
    private static List<Object> localised(List<Object> args, Locale locale) {
        return args.stream().map(a -> a instanceof Phrase p
                ? (Object) Messages.get(locale, p.key(), localised(p.args(), locale)) : a).toList();
    }

    /** With KINSHIP_PROHIBITED, the relation found, for programs (the message names it for people). */
    private static String relation(Issue i) {
        return i.args().stream().filter(a -> a instanceof Phrase p && p.key().startsWith(KINSHIP_RELATION))
                .map(a -> ((Phrase) a).key().substring(KINSHIP_RELATION.length())).findFirst().orElse(null);
    }

    private static final String KINSHIP_RELATION = "kinship.relation.";
}
