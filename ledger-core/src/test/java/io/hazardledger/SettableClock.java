package io.hazardledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock the test sets, which runs on from there like any clock (db-scheduler waits by it), in the park's zone
 * ({@link Ledger#DEFAULT_ZONE}).
 */
public final class SettableClock extends Clock {

    private volatile Duration offset;

    public SettableClock(Instant start) {
        set(start);
    }

    public void set(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    @Override
    public ZoneId getZone() {
        return Ledger.DEFAULT_ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
