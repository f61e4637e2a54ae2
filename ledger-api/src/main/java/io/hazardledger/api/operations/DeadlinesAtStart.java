package io.hazardledger.api.operations;

import io.hazardledger.Ledger;
import io.hazardledger.hazard.DeadlineCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.concurrent.CompletableFuture;

/**
 * Once a server that runs the deadlines is ready, compares each open hazard's pending deadline with the scheduler's
 * rows, once, and sets again those that no row serves ({@link Ledger#restoreDeadlines()}): a deadline deleted or moved
 * later outside the ledger while the server was down, or in a restored backup, fires again without anyone having to
 * run {@code deadlines}. On its own thread, so the server answers meanwhile (at 10^6 events it took 1.5–6.4 s); the
 * log says what it found: the ledger's warning naming the hazards whose deadlines it set again, then what each one
 * waited for. A close waits for it (a minute at most). Each node of several makes it at its start: a deadline found
 * without a row while two start together may be set again by both, and the second row does nothing when it fires.
 */
public class DeadlinesAtStart implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlinesAtStart.class);

    private final Ledger ledger;
    private final boolean enabled;
    private final CompletableFuture<DeadlineCheck> result = new CompletableFuture<>();
    private Thread thread;
    private boolean closed;

    /** With {@code enabled} false (a command line, a ledger that does not run the deadlines), it does nothing. */
    public DeadlinesAtStart(Ledger ledger, boolean enabled) {
        this.ledger = ledger;
        this.enabled = enabled;
    }

    @Override
    public synchronized void onApplicationEvent(ApplicationReadyEvent event) {
        if (!enabled || closed || thread != null) {
            return;   // once a process (a child context is ready too)
        }
        thread = new Thread(this::check, "ledger-deadlines-at-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void check() {
        try {
            DeadlineCheck check = ledger.restoreDeadlines();
            String rows = (check.rowsRead() == 1 ? "1 row" : check.rowsRead() + " rows") + " of the scheduler read"
                    + (check.unreadableRows() == 0 ? "" : ", " + check.unreadableRows() + " of them unreadable (they "
                    + "serve nothing, and fail when they fire)");
            if (check.hazardsWaiting() == 0 && check.holds()) {
                LOG.info("deadlines at start: no hazard waits for a deadline ({})", rows);
            } else if (check.holds()) {
                LOG.info("deadlines at start: {} for a deadline, each served by a row ({})",
                        check.hazardsWaiting() == 1 ? "1 hazard waits" : check.hazardsWaiting() + " hazards wait",
                        rows);
            } else {
                // the ledger has warned, naming the hazards; here, what each one waited for
                check.unserved().forEach(p -> LOG.info("deadlines at start: {}: {}: no row of the scheduler served "
                        + "it (deleted or moved later outside the ledger, or unreadable); set again", p.hazardId(),
                        p.describe()));
            }
            check.failing().forEach(f -> LOG.warn("deadlines at start: {}: {}: its row failed {} times when it fired, "
                    + "last at {}; the scheduler tries again", f.deadline().hazardId(), f.deadline().describe(),
                    f.consecutiveFailures(), f.lastFailure()));
            result.complete(check);
        } catch (RuntimeException e) {
            LOG.warn("deadlines at start: the comparison with the scheduler's rows failed ({}); `deadlines` runs it "
                    + "again", e.getMessage(), e);
            result.completeExceptionally(e);
        }
    }

    /** What the comparison found; completed when it ran (exceptionally when it failed), never when it did not start. */
    public CompletableFuture<DeadlineCheck> result() {
        return result;
    }

    /** Waits for the comparison, before the ledger it reads closes (a minute at most); none starts afterwards. */
    @Override
    public void destroy() throws InterruptedException {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.join(java.time.Duration.ofMinutes(1).toMillis());
            if (running.isAlive()) {
                LOG.warn("deadlines at start: the comparison still runs after a minute; the ledger closes under it");
            }
        }
    }
}
