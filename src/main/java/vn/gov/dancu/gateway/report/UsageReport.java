package vn.gov.dancu.gateway.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The monthly usage report (spec §5.7): counts only, no personal data. Computed from the audit
 * trail and the outbox, the one source of truth. Agency and day rows below {@link SmallCells#THRESHOLD}
 * are merged into an {@code other} row (see {@link SmallCells}).
 *
 * @param month       {@code YYYY-MM}, in the gateway's zone ({@code gateway.zone})
 * @param outbox      the civil-status outbox as it stands when the report is generated (the backlog)
 */
public record UsageReport(String month, Instant generatedAt, Totals totals, List<ProcedureUsage> byProcedure,
        List<AgencyUsage> byAgency, List<DayUsage> byDay, Outbox outbox) {

    /**
     * The month's totals for the whole province.
     *
     * @param prefills       every prefill request recorded: complete + partial + refused
     * @param refused        prefills answered 4xx or 5xx (npdUnavailable included)
     * @param npdUnavailable prefills answered 503 because the NPD could not be reached
     * @param citizensServed distinct citizens named as a party of a granted prefill, identity or
     *                       claim verification, newborn number or civil-status event
     * @param npdCalls       calls that reached the NPD (every operation)
     * @param npdFailures    of those, the ones with no answer, 429 or 5xx
     * @param cacheHits      NPD answers reused from the per-case cache
     * @param newbornIds     newborn numbers issued in the month
     */
    public record Totals(long prefills, long complete, long partial, long refused, long npdUnavailable,
            long citizensServed, long npdCalls, long npdFailures, long cacheHits, long identityVerifications,
            long verifyChecks, long newbornIds, long eventsAccepted, long eventsDelivered, long eventsRejected) {
    }

    /**
     * One procedure, province-wide.
     *
     * @param p95Ms           95th percentile of the prefill's duration, arrival to answer; null without prefills
     * @param fieldsPrefilled fields released to the counters
     * @param fieldsDeclared  fields the procedure declares for the parties asked (prefilled / declared: coverage)
     */
    public record ProcedureUsage(String procedure, long prefills, long complete, long partial, long refused,
            @JsonInclude(JsonInclude.Include.ALWAYS) Long p95Ms, long fieldsPrefilled, long fieldsDeclared) {
    }

    /**
     * One agency, or {@code other}: the agencies merged so that no cell is below the threshold.
     *
     * @param merged how many agencies the {@code other} row holds; absent on an agency's own row
     */
    public record AgencyUsage(String agency, @JsonInclude(JsonInclude.Include.NON_NULL) Integer merged,
            long prefills, long complete, long partial, long refused) {
    }

    /**
     * One day with prefills (an ISO date in the gateway's zone), or {@code other}: the days merged.
     *
     * @param merged how many days the {@code other} row holds; absent on a day's own row
     */
    public record DayUsage(String date, @JsonInclude(JsonInclude.Include.NON_NULL) Integer merged, long prefills) {
    }

    /**
     * The outbox backlog at {@code generatedAt}.
     *
     * @param pending            events accepted and not yet delivered or rejected
     * @param oldestPendingSince when the oldest of them was accepted; null when none waits
     */
    public record Outbox(long pending, @JsonInclude(JsonInclude.Include.ALWAYS) Instant oldestPendingSince) {
    }
}
