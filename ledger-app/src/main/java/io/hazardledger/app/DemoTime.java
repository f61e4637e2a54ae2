package io.hazardledger.app;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The demo's clock: the ledger's clock (and, while the demo park loads, the clock Axon stamps events with) set back to
 * the moments of the demo's story, so that the park arrives with weeks of history, always moving forward, and then
 * runs on real time. Used only with {@code --demo}; a ledger started without it runs on the system clock.
 */
final class DemoTime extends Clock {

    private final ZoneId zone;
    private volatile Duration offset = Duration.ZERO;
    private Clock axonClock;

    DemoTime(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * From now until {@link #backToNow()}, this clock and Axon's event clock read {@code t} plus the time since.
     *
     * @throws IllegalStateException when, once travelling, {@code t} lies before this clock's present: the story
     *                               must move forward
     */
    synchronized void travelTo(Instant t) {
        Instant present = instant();
        if (axonClock != null && t.isBefore(present)) {
            throw new IllegalStateException("the demo's time must move forward: " + t + " is before " + present);
        }
        if (axonClock == null) {
            axonClock = GenericEventMessage.clock;
            GenericEventMessage.clock = this;
        }
        offset = Duration.between(Instant.now(), t);
    }

    /** Real time again, for the ledger and for Axon. */
    synchronized void backToNow() {
        offset = Duration.ZERO;
        if (axonClock != null) {
            GenericEventMessage.clock = axonClock;
            axonClock = null;
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        throw new UnsupportedOperationException("the demo clock keeps the park's zone");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
