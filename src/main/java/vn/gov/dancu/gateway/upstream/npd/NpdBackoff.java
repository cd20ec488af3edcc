package vn.gov.dancu.gateway.upstream.npd;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Honours the NPD's Retry-After: after a 429 or a 503 that names a time, no call leaves for the
 * NPD until that time has passed. Calling earlier would only spend quota on certain refusals and
 * can get the province's credential throttled for longer.
 */
@ApplicationScoped
public class NpdBackoff {

    @Inject
    Clock clock;

    private final AtomicReference<Instant> blockedUntil = new AtomicReference<>(Instant.MIN);

    /** How long calls must still wait, if the NPD asked us to wait. */
    public Optional<Duration> remaining() {
        Instant now = clock.instant();
        Instant until = blockedUntil.get();
        // Compared first: Duration.between(now, Instant.MIN) overflows, and the JDK pays for that
        // with an ArithmeticException, caught inside, on every lookup (issue 11's profile).
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Records a Retry-After; a later deadline wins over an earlier one. */
    public void blockFor(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        blockedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Forgets any Retry-After (tests, and an operator's reset). */
    public void clear() {
        blockedUntil.set(Instant.MIN);
    }
}
