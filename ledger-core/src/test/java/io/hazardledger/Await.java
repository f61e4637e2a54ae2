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
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + " within 30 s; " + state.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
