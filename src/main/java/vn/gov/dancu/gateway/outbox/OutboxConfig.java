package vn.gov.dancu.gateway.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The civil-status outbox's delivery worker ({@code gateway.outbox.*}). */
@ConfigMapping(prefix = "gateway.outbox")
public interface OutboxConfig {

    /** Off switch of the worker on this instance (events are still accepted and kept). */
    @WithDefault("true")
    boolean enabled();

    /** How often an idle worker looks for due events; a busy one goes on while batches are full. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Events claimed per short claim transaction. */
    @WithDefault("32")
    int batchSize();

    /**
     * How long a claimed event is this instance's: no other instance takes it before the lease
     * ends, and this one sends nothing once less than a write's timeout (2 s) plus a margin is
     * left of it. A killed instance's events are delivered by the others after this.
     */
    @WithDefault("30s")
    Duration lease();

    /** The first retry's pause after a failed delivery; doubles with each attempt (with jitter). */
    @WithDefault("1s")
    Duration initialBackoff();

    /** The longest pause between two attempts. */
    @WithDefault("5m")
    Duration maxBackoff();
}
