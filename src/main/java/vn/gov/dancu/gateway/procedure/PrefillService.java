package vn.gov.dancu.gateway.procedure;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.procedure.PartyResult.Outcome;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.upstream.npd.NpdClient;
import vn.gov.dancu.gateway.upstream.npd.NpdField;
import vn.gov.dancu.gateway.upstream.npd.NpdLookup;
import vn.gov.dancu.gateway.upstream.npd.NpdOutcome;
import vn.gov.dancu.gateway.upstream.npd.NpdPurpose;

/**
 * The shared prefill orchestration: look every party up in parallel, apply the common and the
 * procedure's legal checks, propose values, and decide COMPLETE, PARTIAL or 503.
 */
@ApplicationScoped
public class PrefillService {

    private static final Logger LOG = Logger.getLogger(PrefillService.class);

    @Inject
    NpdClient npd;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** One NPD call: a distinct person and the union of the fields their roles justify. */
    private record Lookup(PersonalId id, List<NpdField> fields) {
    }

    /** What came back for one lookup; {@code sent} false when no call for it left the gateway. */
    private record Answer(NpdLookup lookup, Duration retryAfter, int status, boolean sent) {
    }

    /**
     * Prefills a validated request.
     *
     * <p>Parties are fetched at the same time, and a person named in two roles (a mother who
     * declares her child's birth) is fetched once with the fields of both roles. Each lookup ends
     * {@code gateway.prefill.audit-reserve} before {@code deadline}, the request's one deadline,
     * so the answer and its audit record arrive in time even if the NPD stalls.
     *
     * @return the result, {@link PrefillResult#unavailable()} when no party could be fetched at all
     */
    public Uni<PrefillResult> prefill(PrefillCommand command, Caller caller, String requestId,
            Deadline deadline) {
        Procedure procedure = command.procedure();
        NpdPurpose purpose = new NpdPurpose(procedure.code(), command.caseId(), caller.officer(), caller.agency(),
                requestId);
        Map<String, Lookup> lookups = plan(command);
        // Lookups end early enough to leave the audit record its time before the deadline.
        Deadline lookupsEnd = deadline.minus(config.prefill().auditReserve());
        List<String> ids = List.copyOf(lookups.keySet());
        List<Uni<Answer>> calls = ids.stream().map(id -> {
            Lookup l = lookups.get(id);
            return npd.lookup(purpose, l.id(), l.fields(), lookupsEnd).map(PrefillService::answer);
        }).toList();
        return Uni.combine().all().unis(calls).with(Answer.class, answers -> {
            Map<String, Answer> byId = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                byId.put(ids.get(i), answers.get(i));
            }
            return byId;
        }).chain(byId -> relatives(command, purpose, byId, lookupsEnd)
                .map(relatives -> assemble(command, lookups, byId, relatives)));
    }

    /** One lookup of a party's parent for the kinship check. */
    private record Relative(String relativeOf, String personalId, Answer answer) {
    }

    /**
     * For a procedure that checks kinship, the second round: the parties' parents, fetched at
     * the same time with only their father/mother links, under the same purpose, quota and
     * deadline as the parties (at most {@link Kinship#MAX_RELATIVE_LOOKUPS}). {@code null} when
     * the procedure does not check kinship.
     */
    private Uni<List<Relative>> relatives(PrefillCommand command, NpdPurpose purpose, Map<String, Answer> byId,
            Deadline lookupsEnd) {
        ProcedureDefinition definition = command.procedure().definition();
        if (!definition.checksKinship()) {
            return Uni.createFrom().nullItem();
        }
        Map<PartyRole, vn.gov.dancu.gateway.upstream.npd.NpdCitizen> found = new LinkedHashMap<>();
        command.parties().forEach((role, id) -> {
            Answer a = byId.get(id.value());
            if (a != null && a.lookup() instanceof NpdLookup.Found f) {
                found.put(role, f.citizen());
            }
        });
        Map<String, String> wanted = Kinship.parentsToLookUp(found);
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> labels = List.copyOf(wanted.keySet());
        List<Uni<Answer>> calls = labels.stream().map(label -> npd.lookup(purpose,
                PersonalId.parse(wanted.get(label)), Kinship.RELATIVE_FIELDS, lookupsEnd)
                .map(PrefillService::answer)).toList();
        return Uni.combine().all().unis(calls).with(Answer.class, answers -> {
            List<Relative> out = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                out.add(new Relative(labels.get(i), wanted.get(labels.get(i)), answers.get(i)));
            }
            return out;
        });
    }

    /** An outcome as the prefill uses it: failures folded in, so one party cannot sink the others. */
    private static Answer answer(NpdOutcome outcome) {
        if (outcome instanceof NpdOutcome.Answered answered) {
            return new Answer(answered.answer(), null, statusOf(answered.answer()), answered.sent());
        }
        NpdOutcome.Failed failed = (NpdOutcome.Failed) outcome;
        return new Answer(null, failed.retryAfter().orElse(null), failed.status(), failed.sent());
    }

    private static Map<String, Lookup> plan(PrefillCommand command) {
        Map<String, Set<NpdField>> fieldsById = new LinkedHashMap<>();
        Map<String, PersonalId> idByValue = new LinkedHashMap<>();
        ProcedureDefinition definition = command.procedure().definition();
        for (PartySpec spec : definition.parties()) {
            PersonalId id = command.parties().get(spec.role());
            if (id != null) {
                idByValue.put(id.value(), id);
                fieldsById.computeIfAbsent(id.value(), k -> new LinkedHashSet<>()).addAll(spec.fields());
            }
        }
        Map<String, Lookup> plan = new LinkedHashMap<>();
        fieldsById.forEach((id, fields) -> plan.put(id, new Lookup(idByValue.get(id), List.copyOf(fields))));
        return plan;
    }

    private PrefillResult assemble(PrefillCommand command, Map<String, Lookup> lookups, Map<String, Answer> answers,
            List<Relative> relatives) {
        List<PrefillResult.NpdCall> calls = new ArrayList<>(lookups.entrySet().stream()
                .map(e -> {
                    Answer a = answers.get(e.getKey());
                    boolean cached = a.lookup() instanceof NpdLookup.Found found && found.cached();
                    return new PrefillResult.NpdCall(e.getKey(), e.getValue().fields(), a.status(), cached,
                            a.sent() && !cached);
                })
                .toList());
        // Every record at hand for the kinship check: the parties' own and their parents'.
        Map<String, vn.gov.dancu.gateway.upstream.npd.NpdCitizen> known = null;
        if (relatives != null) {
            known = new LinkedHashMap<>();
            for (var e : answers.entrySet()) {
                if (e.getValue().lookup() instanceof NpdLookup.Found f) {
                    known.put(e.getKey(), f.citizen());
                }
            }
            for (Relative r : relatives) {
                Answer a = r.answer();
                boolean cached = a.lookup() instanceof NpdLookup.Found found && found.cached();
                calls.add(new PrefillResult.NpdCall(r.personalId(), Kinship.RELATIVE_FIELDS, a.status(), cached,
                        a.sent() && !cached, r.relativeOf()));
                if (a.lookup() instanceof NpdLookup.Found f) {
                    known.put(r.personalId(), f.citizen());
                }
            }
        }
        Duration retryAfter = null;
        if (answers.values().stream().allMatch(a -> a.lookup() == null)) {
            retryAfter = answers.values().stream().map(Answer::retryAfter).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(config.prefill().unavailableRetryAfter());
            LOG.warnf("NPD unavailable for every party of a %s prefill", command.procedure().code());
        }
        Procedure procedure = command.procedure();
        Map<PartyRole, PartyResult> parties = new LinkedHashMap<>();
        for (PartySpec spec : procedure.definition().parties()) {
            PersonalId id = command.parties().get(spec.role());
            if (id != null) {
                parties.put(spec.role(), toPartyResult(spec.role(), id, answers.get(id.value())));
            }
        }
        PrefillFacts facts = new PrefillFacts(procedure, parties, known, command.child());
        LocalDate today = LocalDate.now(clock);
        List<Issue> issues = new ArrayList<>();
        CommonChecks.check(facts, issues);
        procedure.definition().check(facts, today, issues);
        FormerUnits.check(facts, issues);
        List<Suggestion> suggestions = new ArrayList<>();
        procedure.definition().suggest(facts, suggestions);
        boolean complete = parties.values().stream().allMatch(p -> p.outcome() == Outcome.FOUND);
        return new PrefillResult(command, Instant.now(clock), parties, List.copyOf(issues), List.copyOf(suggestions),
                complete, List.copyOf(calls), retryAfter);
    }

    private static PartyResult toPartyResult(PartyRole role, PersonalId id, Answer answer) {
        if (answer.lookup() == null) {
            return new PartyResult(role, id.value(), Outcome.UNAVAILABLE, null, null, answer.retryAfter());
        }
        if (answer.lookup() instanceof NpdLookup.Found found) {
            return new PartyResult(role, id.value(), Outcome.FOUND, found.citizen(), null, null, found.retrievedAt(),
                    found.cached());
        }
        if (answer.lookup() instanceof NpdLookup.Cancelled cancelled) {
            return new PartyResult(role, id.value(), Outcome.CANCELLED, null, cancelled.replacedBy().orElse(null),
                    null);
        }
        return new PartyResult(role, id.value(), Outcome.NOT_FOUND, null, null, null);
    }

    private static int statusOf(NpdLookup answer) {
        return answer instanceof NpdLookup.Found ? 200 : answer instanceof NpdLookup.Cancelled ? 410 : 404;
    }
}
