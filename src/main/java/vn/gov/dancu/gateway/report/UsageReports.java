package vn.gov.dancu.gateway.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.procedure.PartyRole;
import vn.gov.dancu.gateway.procedure.PartySpec;
import vn.gov.dancu.gateway.procedure.Procedure;
import vn.gov.dancu.gateway.report.UsageQueries.Aggregate;
import vn.gov.dancu.gateway.report.UsageQueries.GroupingSet;

/**
 * Builds the monthly usage report (spec §5.7) from what {@link UsageQueries} counted: totals,
 * the six procedures, agencies and days with the small-cell rule applied ({@link SmallCells}).
 */
@ApplicationScoped
public class UsageReports {

    /** The key of records that carry no agency (refused for AGENCY_REQUIRED before one was known). */
    public static final String NO_AGENCY = "unknown";
    /** Prefill records whose procedure is not one of the catalogue's (an unknown path segment, refused). */
    public static final String UNKNOWN_PROCEDURE = "UNKNOWN";

    static final String PREFILL = "PREFILL";
    static final String COMPLETE = "COMPLETE";
    static final String PARTIAL = "PARTIAL";
    static final String NPD_UNAVAILABLE = "NPD_UNAVAILABLE";
    static final String REFUSED = "REFUSED";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    UsageQueries queries;

    @Inject
    GatewayConfig config;

    @Inject
    Clock clock;

    /** The month the gateway's clock is in, in the gateway's zone. */
    public YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(config.zone()));
    }

    /** The months with data, oldest first. */
    public List<String> months() {
        return queries.months(config.zone());
    }

    public UsageReport report(YearMonth month) {
        UsageQueries.MonthData data = queries.month(month, config.zone());
        List<Aggregate> all = data.aggregates();
        List<Aggregate> byProcedureSet = of(all, GroupingSet.PROCEDURE);
        List<Aggregate> prefills = byProcedureSet.stream().filter(a -> PREFILL.equals(a.operation())).toList();
        UsageQueries.Writes writes = data.writes();
        UsageReport.Totals totals = new UsageReport.Totals(
                sum(prefills, a -> true), sum(prefills, a -> COMPLETE.equals(a.outcomeClass())),
                sum(prefills, a -> PARTIAL.equals(a.outcomeClass())), sum(prefills, UsageReports::refused),
                sum(prefills, a -> NPD_UNAVAILABLE.equals(a.outcomeClass())), data.citizensServed(),
                byProcedureSet.stream().mapToLong(Aggregate::npdCalls).sum(),
                byProcedureSet.stream().mapToLong(Aggregate::npdFailures).sum(),
                byProcedureSet.stream().mapToLong(Aggregate::cacheHits).sum(),
                sum(byProcedureSet, a -> "IDENTITY_VERIFICATION".equals(a.operation())),
                sum(byProcedureSet, a -> "CLAIM_VERIFICATION".equals(a.operation())),
                writes.newbornIds(), writes.eventsAccepted(), writes.eventsDelivered(), writes.eventsRejected());
        return new UsageReport(month.toString(), clock.instant(), totals, byProcedure(prefills, data),
                byAgency(of(all, GroupingSet.AGENCY)), byDay(of(all, GroupingSet.DAY)),
                new UsageReport.Outbox(writes.pending(), writes.oldestPendingSince()));
    }

    private List<UsageReport.ProcedureUsage> byProcedure(List<Aggregate> prefills, UsageQueries.MonthData data) {
        Map<String, List<Aggregate>> byCode = new LinkedHashMap<>();
        for (Procedure p : Procedure.values()) {
            byCode.put(p.code(), new ArrayList<>());
        }
        prefills.forEach(a -> byCode.computeIfAbsent(catalogued(a.procedure()), k -> new ArrayList<>()).add(a));
        Map<String, Long> declared = new TreeMap<>();
        of(data.aggregates(), GroupingSet.ROLES).stream()
                .filter(a -> COMPLETE.equals(a.outcomeClass()) || PARTIAL.equals(a.outcomeClass()))
                .forEach(a -> declared.merge(catalogued(a.procedure()), a.records() * declaredFields(a), Long::sum));
        List<UsageReport.ProcedureUsage> rows = new ArrayList<>();
        byCode.forEach((code, rowsOf) -> {
            if (UNKNOWN_PROCEDURE.equals(code) && rowsOf.isEmpty()) {
                return;
            }
            rows.add(new UsageReport.ProcedureUsage(code, sum(rowsOf, a -> true),
                    sum(rowsOf, a -> COMPLETE.equals(a.outcomeClass())), sum(rowsOf, a -> PARTIAL.equals(a.outcomeClass())),
                    sum(rowsOf, UsageReports::refused), data.p95MsByProcedure().get(code),
                    rowsOf.stream().mapToLong(Aggregate::released).sum(), declared.getOrDefault(code, 0L)));
        });
        return rows;
    }

    private static List<UsageReport.AgencyUsage> byAgency(List<Aggregate> rows) {
        Map<String, long[]> counts = new TreeMap<>();
        rows.stream().filter(a -> PREFILL.equals(a.operation())).forEach(a -> {
            long[] c = counts.computeIfAbsent(a.agency() == null ? NO_AGENCY : a.agency(), k -> new long[4]);
            c[0] += a.records();
            switch (a.outcomeClass()) {
                case COMPLETE -> c[1] += a.records();
                case PARTIAL -> c[2] += a.records();
                default -> c[3] += a.records();
            }
        });
        SmallCells.Result result = SmallCells.apply(
                counts.entrySet().stream().map(e -> new SmallCells.Row(e.getKey(), e.getValue())).toList(), 4);
        List<UsageReport.AgencyUsage> out = new ArrayList<>(result.shown().stream()
                .map(r -> new UsageReport.AgencyUsage(r.key(), null, r.counts()[0], r.counts()[1], r.counts()[2],
                        r.counts()[3]))
                .toList());
        if (result.other() != null) {
            long[] c = result.other().counts();
            out.add(new UsageReport.AgencyUsage(SmallCells.OTHER, result.other().members(), c[0], c[1], c[2], c[3]));
        }
        return out;
    }

    private static List<UsageReport.DayUsage> byDay(List<Aggregate> rows) {
        Map<String, long[]> counts = new TreeMap<>();
        rows.stream().filter(a -> PREFILL.equals(a.operation()))
                .forEach(a -> counts.computeIfAbsent(a.day(), k -> new long[1])[0] += a.records());
        SmallCells.Result result = SmallCells.apply(
                counts.entrySet().stream().map(e -> new SmallCells.Row(e.getKey(), e.getValue())).toList(), 1);
        List<UsageReport.DayUsage> out = new ArrayList<>(result.shown().stream()
                .map(r -> new UsageReport.DayUsage(r.key(), null, r.counts()[0]))
                .sorted(Comparator.comparing(UsageReport.DayUsage::date))
                .toList());
        if (result.other() != null) {
            out.add(new UsageReport.DayUsage(SmallCells.OTHER, result.other().members(), result.other().counts()[0]));
        }
        return out;
    }

    /** Fields the procedure declares for the roles a record named (roles it does not know declare none). */
    private static long declaredFields(Aggregate a) {
        Procedure procedure = procedure(a.procedure());
        if (procedure == null || a.roles() == null) {
            return 0;
        }
        List<String> roles;
        try {
            roles = JSON.readValue(a.roles(), new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            return 0;
        }
        return roles.stream()
                .map(PartyRole::fromKey)
                .flatMap(java.util.Optional::stream)
                .map(role -> procedure.definition().party(role).map(PartySpec::fields).map(List::size).orElse(0))
                .mapToLong(Integer::longValue)
                .sum();
    }

    private static boolean refused(Aggregate a) {
        return REFUSED.equals(a.outcomeClass()) || NPD_UNAVAILABLE.equals(a.outcomeClass());
    }

    private static String catalogued(String code) {
        Procedure p = procedure(code);
        return p == null ? UNKNOWN_PROCEDURE : p.code();
    }

    private static Procedure procedure(String code) {
        for (Procedure p : Procedure.values()) {
            if (p.code().equals(code)) {
                return p;
            }
        }
        return null;
    }

    private static List<Aggregate> of(List<Aggregate> all, GroupingSet set) {
        return all.stream().filter(a -> a.set() == set).toList();
    }

    private static long sum(List<Aggregate> rows, Predicate<Aggregate> which) {
        return rows.stream().filter(which).mapToLong(Aggregate::records).sum();
    }
}
