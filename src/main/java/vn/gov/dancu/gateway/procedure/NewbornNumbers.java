package vn.gov.dancu.gateway.procedure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jboss.logging.Logger;
import vn.gov.dancu.gateway.citizen.PersonalId;
import vn.gov.dancu.gateway.config.GatewayConfig;
import vn.gov.dancu.gateway.error.ErrorCode;
import vn.gov.dancu.gateway.error.GatewayException;
import vn.gov.dancu.gateway.security.Caller;
import vn.gov.dancu.gateway.store.NewbornRecords;
import vn.gov.dancu.gateway.store.StoreBusyException;
import vn.gov.dancu.gateway.time.Deadline;
import vn.gov.dancu.gateway.upstream.npd.NpdWriteHeaders;
import vn.gov.dancu.gateway.upstream.npd.NpdWriteOutcome;
import vn.gov.dancu.gateway.upstream.npd.NpdWriter;

/**
 * A newborn's personal number, issued once per birth (spec §5.4): whatever the counter retries,
 * however often the answer is lost, and across restarts, one birth gets one number.
 *
 * <p>The gateway's idempotency record ({@link NewbornRecords}, per agency and key) is PENDING
 * before the NPD is asked and ISSUED with the number after, under the row's lock. The NPD gets a
 * key derived from agency and key ({@link WriteRequests#npdKey}), so a retry of a PENDING record
 * (the NPD answered but the gateway never stored it) is a replay at the NPD: same number, 200.
 * Blocking: runs on a worker thread (the resource is not reactive).
 */
@ApplicationScoped
public class NewbornNumbers {

    private static final Logger LOG = Logger.getLogger(NewbornNumbers.class);
    /** The prefix of the keys the gateway sends the NPD for newborns' numbers. */
    static final String NPD_KEY_PREFIX = "dancu-nb-";
    /** Time kept at the end of the deadline for the commit and the audit record after the NPD answered. */
    static final Duration COMMIT_RESERVE = Duration.ofMillis(500);
    /** What to tell a second request that waited for the first holding the same key in vain. */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    /**
     * Issuances in progress at once on this instance. Each holds a database connection (the row
     * lock) while the NPD answers, up to the 3 s deadline; a burst of them must never take the
     * connections the audit trail needs to commit every other request's record.
     */
    static final int MAX_CONCURRENT = 4;
    private final java.util.concurrent.Semaphore inProgress = new java.util.concurrent.Semaphore(MAX_CONCURRENT, true);

    @Inject
    NewbornRecords records;

    @Inject
    NpdWriter npd;

    @Inject
    Clock clock;

    @Inject
    GatewayConfig config;

    /**
     * The number, issued now or earlier.
     *
     * @param created true when this request completed the record and the NPD issued the number
     *                just now (201); false for a replay (200)
     */
    public record Issued(String personalId, Instant issuedAt, boolean created) {
    }

    /** Today where the counters are: a birth "tomorrow" is refused. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(config.zone()));
    }

    /**
     * Issues (or finds) the number for {@code command} under {@code key}.
     *
     * @throws GatewayException 409 IDEMPOTENCY_CONFLICT (same key, another body); 422 NPD_REFUSED
     *                          (the NPD refused the birth, with its code); 503 NPD_UNAVAILABLE with
     *                          Retry-After (the NPD did not answer in time: retry with the same key)
     */
    public Issued issue(NewbornCommand command, String key, Caller caller, String requestId, Deadline deadline) {
        Deadline npdDeadline = deadline.minus(COMMIT_RESERVE);
        try {
            if (!inProgress.tryAcquire(npdDeadline.remaining().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw GatewayException.unavailable(ErrorCode.NPD_UNAVAILABLE, BUSY_RETRY_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.unavailable(ErrorCode.NPD_UNAVAILABLE, BUSY_RETRY_AFTER);
        }
        try {
            return records.locked(caller.agency(), key, command.requestHash(), command.caseId(), clock.instant(),
                    npdDeadline.remaining(), (row, issue) -> {
                        if (!row.requestHash().equals(command.requestHash())) {
                            throw GatewayException.of(ErrorCode.IDEMPOTENCY_CONFLICT,
                                    "error.IDEMPOTENCY_CONFLICT.detail");
                        }
                        if (row.issued()) {
                            return new Issued(row.personalId(), row.issuedAt(), false);
                        }
                        NpdWriteOutcome outcome = npd.issuePersonalId(
                                new NpdWriteHeaders(command.caseId(), caller.officer(), caller.agency(), requestId),
                                WriteRequests.npdKey(NPD_KEY_PREFIX, caller.agency(), key), command.npdBody(),
                                npdDeadline)
                                // bounded by npdDeadline inside the writer; this thread is a worker's
                                .await().indefinitely();
                        if (outcome instanceof NpdWriteOutcome.Done done) {
                            String number = done.body() == null ? null : done.body().path("personalId").asText(null);
                            if (number == null || !PersonalId.isValid(number)) {
                                LOG.warnf("NPD answered personal-ids %d without a valid number", done.status());
                                throw unavailable(null);
                            }
                            // as PostgreSQL keeps it, so the replay's issuedAt is the first answer's
                            Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                            issue.issued(number, at);
                            return new Issued(number, at, done.status() == 201);
                        }
                        if (outcome instanceof NpdWriteOutcome.Refused refused) {
                            throw new GatewayException(ErrorCode.NPD_REFUSED, "error.NPD_REFUSED.detail",
                                    List.of(refused.errorCode()), List.of(), null);
                        }
                        throw unavailable(((NpdWriteOutcome.Failed) outcome).retryAfter().orElse(null));
                    });
        } catch (StoreBusyException e) {
            throw GatewayException.unavailable(ErrorCode.NPD_UNAVAILABLE, BUSY_RETRY_AFTER);
        } finally {
            inProgress.release();
        }
    }

    private GatewayException unavailable(Duration retryAfter) {
        return GatewayException.unavailable(ErrorCode.NPD_UNAVAILABLE,
                retryAfter != null ? retryAfter : config.prefill().unavailableRetryAfter());
    }
}
