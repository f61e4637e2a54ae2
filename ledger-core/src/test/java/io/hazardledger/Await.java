package io.hazardledger;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for work on the scheduler's threads by polling the store for its result, never by timing it. */
public final class Await {

    private Await() {
    }

    /**
     * Returns once {@code done} holds; fails after 30 s, saying what was awaited and {@code state} (read then).
     */
    public static void until(String what, Supplier<String> state, BooleanSupplier done) {
        until(what, state, done, java.time.Duration.ofSeconds(30));
    }

    /** As {@link #until(String, Supplier, BooleanSupplier)}, failing after {@code within}. */
    public static void until(String what, Supplier<String> state, BooleanSupplier done, java.time.Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + " within " + within + "; " + state.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
