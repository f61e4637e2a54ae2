package io.hazardledger.store.internal;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Group commit: commands that wait at the same time are handled one after another in one unit of work and one
 * database transaction, their events chained in one write under the head's lock, committed once; each caller is
 * answered after that commit, as it would be alone.
 *
 * <p>Callers queue their command; up to {@code leaders} of them at a time take what is queued and run it as a group
 * (on their own thread), the others wait for their answer. Each command keeps its own nested unit of work (its own
 * interceptors, correlation data and aggregate lock) in the group's; the group's unit of work holds the one
 * connection, so everything commits or rolls back together.
 *
 * <p>A leader may first wait a moment (the gathering time) for more callers to queue: until as many commands are
 * queued as the largest of the last groups held. Callers answered a moment ago are usually about to send their next
 * command, and on PostgreSQL one commit for all of them waits for one flush of the write-ahead log instead of one each.
 * Where a larger group costs more to commit (H2), a leader waits only once the last groups were large (many callers).
 *
 * <p>What a caller sees does not change:
 * <ul>
 *     <li>an answer only after the commit that made its entries durable (the acknowledged-write guarantee);</li>
 *     <li>a refusal or failure as its command alone gets it, with nothing of it stored: the commands refused (or
 *     failing) in a group are taken out, the group rolled back and run again without them, and each of them then run
 *     alone, in its own transaction, after the others committed; a failure of the group's writing before the
 *     database's commit runs every command of the group alone, unless the database timed out or lost its connection
 *     (each would wait as long again, one after another: every caller gets the failure); if the database's commit
 *     itself fails (it may have committed all the same), every caller of the group gets that failure, as it would
 *     alone, and nothing is run again;</li>
 *     <li>two commands that act on one aggregate (their keys: see the constructor) never run in groups at the same
 *     time, so a command's checks read what the other committed: a statement is checked against its aggregate's
 *     committed history, and a statement sent twice is refused as a replay.</li>
 * </ul>
 * A group of one is simply run alone. A leader clears its own thread's interrupt while it runs groups (another
 * caller's interrupt must not fail their commands) and sets it again after; the commands of others run with the
 * leader's thread-local state (none of the ledger's own interceptors reads any). Only for Axon's own
 * {@code SimpleCommandBus}, which handles a command on the sending thread; a group's commands are sent to the bus
 * itself (a gateway's retry would answer later, from another thread), a command alone through the gateway.
 */
public final class GroupCommit {

    /** The payload of a group's unit of work, the root of its commands' units of work. */
    public static final String GROUP = "hazard-ledger group commit";

    private final CommandGateway gateway;
    private final org.axonframework.commandhandling.CommandBus bus;
    private final ConnectionProvider connections;
    private final Function<CommandMessage<?>, Collection<String>> keys;
    private final int maxCommands;
    private final long gatherNanos;
    private final int gatherFrom;
    private final Semaphore leaders;
    private final int[] recentGroups = new int[RECENT];   // the sizes of the last groups taken, guarded by the queue
    private final java.util.concurrent.locks.ReentrantLock gathering = new java.util.concurrent.locks.ReentrantLock();
    /** Signalled when a command is queued or a group taken. */
    private final java.util.concurrent.locks.Condition arrived = gathering.newCondition();
    private int recentNext;                                // guarded by the queue
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Set<String> inFlight = new HashSet<>();   // guarded by the queue
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();
    private final AtomicLong rerun = new AtomicLong();

    /** How many of the last groups taken tell how many callers a leader waits for. */
    private static final int RECENT = 16;

    /**
     * @param gateway     runs a command alone
     * @param bus         runs the commands of a group (on the sending thread; no gateway retry, which would answer
     *                    later, from another thread)
     * @param keys        what a command acts on (no two commands with a key in common run in groups at once)
     * @param maxCommands the most commands in one group; 1 runs every command alone
     * @param leaders     how many groups may run at once
     * @param gather      how long a leader may wait for callers to queue before it takes its group: until as many
     *                    commands are queued as the largest of the last groups held (after groups of one it waits
     *                    for nothing); zero takes what is queued at once
     * @param gatherFrom  a leader gathers only when the largest of the last groups held at least this many commands
     *                    (2: whenever groups form at all)
     */
    public GroupCommit(CommandGateway gateway, org.axonframework.commandhandling.CommandBus bus,
                       ConnectionProvider connections, Function<CommandMessage<?>, Collection<String>> keys,
                       int maxCommands, int leaders, java.time.Duration gather, int gatherFrom) {
        if (maxCommands < 1 || leaders < 1) {
            throw new IllegalArgumentException("maxCommands and leaders must be at least 1");
        }
        if (gather.isNegative()) {
            throw new IllegalArgumentException("the gathering wait must not be negative, got " + gather);
        }
        if (gatherFrom < 2) {
            throw new IllegalArgumentException("a leader gathers for groups of at least 2, got " + gatherFrom);
        }
        this.gatherNanos = gather.toNanos();
        this.gatherFrom = gatherFrom;
        this.gateway = gateway;
        this.bus = bus;
        this.connections = connections;
        this.keys = keys;
        this.maxCommands = maxCommands;
        this.leaders = new Semaphore(leaders);
    }

    /** True for the unit of work of a group. */
    public static boolean isGroup(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getMessage() != null && GROUP.equals(unitOfWork.getMessage().getPayload());
    }

    /**
     * The trace a message starts or continues (Axon's {@code MessageOriginProvider}): the trace id in its metadata, or
     * its own id. Every event a command's handling records carries its trace id.
     */
    public static String traceOf(Message<?> message) {
        Object trace = message.getMetaData().get("traceId");
        return trace == null ? message.getIdentifier() : trace.toString();
    }

    /**
     * Sends a command and waits for its answer: the command's result once committed, or the exception the command
     * gateway's {@code sendAndWait} would have thrown for it alone.
     */
    public Object sendAndWait(CommandMessage<?> message) {
        if (maxCommands == 1) {
            return gateway.sendAndWait(message);
        }
        Pending mine = new Pending(message, keys.apply(message));
        synchronized (queue) {
            queue.addLast(mine);
        }
        signalGatherers();   // a leader may be waiting for callers to queue
        while (!mine.answered()) {
            if (mine.taken || !leaders.tryAcquire()) {
                mine.await();   // answered, or nudged to lead
                continue;
            }
            mine.leading = true;
            try {
                while (!mine.answered()) {
                    gather(mine);
                    if (mine.taken) {
                        break;   // the other leader took this command while this one gathered: its answer comes
                    }
                    List<Pending> group = take();
                    signalGatherers();   // a gathering leader whose command this group took stops gathering
                    if (group.isEmpty()) {
                        // this command was taken by another leader, or waits for what another group holds: that
                        // group's leader nudges a waiting caller when it is done
                        break;
                    }
                    nudgeNext();   // more may be takeable: a free place can run another group beside this one
                    try {
                        run(group);   // answers every command of the group, whatever fails
                    } catch (RuntimeException | Error e) {
                        // already the answer of each of the group's callers; this caller's own answer comes apart
                    } finally {
                        synchronized (queue) {
                            group.forEach(p -> inFlight.removeAll(p.keys));
                        }
                    }
                }
            } finally {
                mine.leading = false;
                leaders.release();
                nudgeNext();
            }
            if (!mine.answered()) {
                mine.await();
            }
        }
        return mine.outcome();
    }

    /** How long a leader may wait for callers to queue (zero: it takes what is queued at once). */
    public java.time.Duration gathering() {
        return java.time.Duration.ofNanos(gatherNanos);
    }

    /** The fewest commands the last groups must have held for a leader to gather (see the constructor). */
    public int gatheringFrom() {
        return gatherFrom;
    }

    /** Groups committed (of two commands or more). */
    public long groups() {
        return groups.get();
    }

    /** Commands committed in groups. */
    public long groupedCommands() {
        return grouped.get();
    }

    /**
     * Groups rolled back and run again: without the commands of theirs that failed (which then run alone), or, when
     * their writing failed, one command at a time.
     */
    public long groupsRerun() {
        return rerun.get();
    }

    /** Commands waiting now for a group to take them. */
    public int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /**
     * Waits, at most the gathering time, until as many commands are queued as the largest of the last groups taken
     * held: callers answered a moment ago are usually about to send their next command, and one commit for all of
     * them costs less than a commit for each. Stops as soon as another leader takes this leader's own command. Waits
     * for nothing when no gathering time is set or the last groups held fewer than {@code gatherFrom} commands (groups
     * of one, or groups too small for the store to gain from larger ones). A wait that runs out lowers
     * what the last groups say to what it saw queued, so a caller left alone after a burst waits once, not for each of
     * its next commands.
     */
    private void gather(Pending mine) {
        if (gatherNanos == 0) {
            return;
        }
        boolean interrupted = false;
        gathering.lock();
        try {
            int want = 1;
            synchronized (queue) {
                for (int size : recentGroups) {
                    want = Math.max(want, size);
                }
            }
            want = Math.min(want, maxCommands);
            if (want < gatherFrom) {
                return;   // the last groups were too small for a wait to pay (H2 by default: BENCHMARKS.md)
            }
            long left = gatherNanos;
            while (!mine.taken) {
                int queued;
                synchronized (queue) {
                    queued = queue.size();
                    if (queued < want && left <= 0) {
                        for (int i = 0; i < RECENT; i++) {
                            recentGroups[i] = Math.min(recentGroups[i], Math.max(1, queued));
                        }
                    }
                }
                if (queued >= want || left <= 0) {
                    return;
                }
                try {
                    left = arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;   // kept for later: the commands run whatever the caller does
                    return;
                }
            }
        } finally {
            gathering.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Wakes the leaders waiting for callers to queue (never called holding the queue's lock: a gathering leader holds
     * the gathering lock, then the queue's).
     */
    private void signalGatherers() {
        if (gatherNanos == 0) {
            return;
        }
        gathering.lock();
        try {
            arrived.signalAll();
        } finally {
            gathering.unlock();
        }
    }

    /**
     * Up to {@code maxCommands} queued commands, in queue order, skipping one that shares a key with a command in
     * flight (in this group or a group running now) or with one skipped before it (so that commands sharing a key keep
     * their order, and one waiting for several keys is not overtaken for ever); taken commands' keys are in flight
     * until their group is done.
     */
    private List<Pending> take() {
        synchronized (queue) {
            List<Pending> group = new ArrayList<>();
            Set<String> skipped = new HashSet<>();
            for (Iterator<Pending> it = queue.iterator(); it.hasNext() && group.size() < maxCommands; ) {
                Pending p = it.next();
                if (blocked(p, skipped)) {
                    continue;   // stays in the queue, ahead of what comes after it, for a later group
                }
                inFlight.addAll(p.keys);
                group.add(p);
                p.taken = true;
                it.remove();
            }
            if (!group.isEmpty()) {
                recentGroups[recentNext] = group.size();
                recentNext = (recentNext + 1) % RECENT;
            }
            return group;
        }
    }

    /**
     * Whether a queued command shares a key with one in flight or with one skipped before it in this scan (guarded by
     * the queue); a blocked command's keys are added to {@code skipped}.
     */
    private boolean blocked(Pending p, Set<String> skipped) {
        if (p.keys.stream().anyMatch(k -> inFlight.contains(k) || skipped.contains(k))) {
            skipped.addAll(p.keys);
            return true;
        }
        return false;
    }

    /**
     * Wakes the first queued caller whose command could be taken now and whose thread is not leading, to lead (it
     * leads if a place is free; if none is, a leader is running and nudges again when it leaves). None is woken when
     * nothing queued could be taken: the group holding its keys nudges when it is done.
     */
    private void nudgeNext() {
        Pending first = null;
        synchronized (queue) {
            Set<String> skipped = new HashSet<>();
            for (Pending p : queue) {
                if (!blocked(p, skipped) && !p.leading) {
                    first = p;
                    break;
                }
            }
        }
        if (first != null) {
            first.nudge();
        }
    }

    /**
     * Runs a group and answers each of its commands. The commands refused or failing in the group are taken out: the
     * group is rolled back, run again without them, and each is then run alone, after the group committed. A
     * failure of the group's own writing (before the database's commit) runs every command alone; a failure of the
     * database's commit answers every command with it. Every command of the group is answered whatever happens.
     */
    private void run(List<Pending> group) {
        try {
            if (group.size() == 1) {
                alone(group.get(0));
                return;
            }
            Attempt attempt = attempt(group);
            if (attempt.failure == null) {
                groups.incrementAndGet();
                grouped.addAndGet(group.size());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer(attempt.results[i]);
                }
                return;
            }
            if (attempt.committing) {
                // the database's commit itself failed: it may have committed all the same, so running the commands
                // again could store them twice; each caller gets the failure, as it would alone
                for (Pending p : group) {
                    p.fail(attempt.failure);
                }
                return;
            }
            if (attempt.failed.isEmpty() && !attempt.interrupted && waitedTooLong(attempt.failure)) {
                // the database timed out or lost the connection (a replay holding the chain head, say): alone, each
                // command would wait as long again, one after another; each caller gets the failure now
                for (Pending p : group) {
                    p.fail(attempt.failure);
                }
                return;
            }
            rerun.incrementAndGet();
            if (!attempt.failed.isEmpty()) {
                // the others again as a group, then each that failed alone, after them
                List<Pending> rest = new ArrayList<>();
                List<Pending> failed = new ArrayList<>();
                for (int i = 0; i < group.size(); i++) {
                    (attempt.failed.contains(i) ? failed : rest).add(group.get(i));
                }
                if (!rest.isEmpty()) {
                    run(rest);
                }
                failed.forEach(this::alone);
            } else {
                group.forEach(this::alone);
            }
        } catch (RuntimeException | Error e) {
            for (Pending p : group) {
                if (!p.answered()) {
                    p.fail(e);
                }
            }
            throw e;
        }
    }

    /**
     * A failure of the database's waiting or connection, not of the commands: a lock or statement timeout (H2's
     * {@code HYT00}, PostgreSQL's {@code 55P03} and {@code 57014}) or a lost connection (class {@code 08}).
     */
    static boolean waitedTooLong(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08") || state.equals("HYT00") || state.equals("55P03") || state.equals("57014")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** One try at a group in one unit of work and transaction. */
    private static final class Attempt {
        final Object[] results;
        Throwable failure;
        final Set<Integer> failed = new HashSet<>();   // the commands that failed, if any did
        boolean committing;    // the failure came from the database's commit
        boolean interrupted;   // the thread was interrupted while it ran (H2 reports that as a lock timeout)

        Attempt(int size) {
            results = new Object[size];
        }
    }

    private Attempt attempt(List<Pending> group) {
        Attempt attempt = new Attempt(group.size());
        boolean interrupted = Thread.interrupted();   // another caller's interrupt must not fail these commands
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>(GROUP));
        java.util.concurrent.atomic.AtomicBoolean committing = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            try {
                connections.getConnection();   // the group's connection: its transaction commits with the group's unit
                // commit steps run in the reverse order of registration: this one just before the connection's commit
                unit.onCommit(u -> committing.set(true));
                for (int i = 0; i < group.size(); i++) {
                    // every command, even after one failed: the group runs again once without all that failed
                    AtomicReference<CommandResultMessage<?>> answer = new AtomicReference<>();
                    try {
                        bus.dispatch(group.get(i).message, (command, result) -> answer.set(result));
                    } catch (RuntimeException e) {
                        answer.set(org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage(e));
                    }
                    CommandResultMessage<?> result = answer.get();
                    if (result == null || result.isExceptional()) {
                        attempt.failure = result == null
                                ? new IllegalStateException("the command bus did not answer on the dispatching thread")
                                : result.exceptionResult();
                        attempt.failed.add(i);
                        while (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() != unit) {
                            CurrentUnitOfWork.get().rollback(attempt.failure);   // a command's, left open
                        }
                    } else {
                        attempt.results[i] = result.getPayload();
                    }
                }
            } catch (java.sql.SQLException e) {
                attempt.failure = new LedgerStorageException("could not open the group's transaction: " + e.getMessage(), e);
            }
            if (attempt.failure == null) {
                try {
                    unit.commit();   // a failure here has rolled the unit back
                } catch (RuntimeException | Error e) {
                    attempt.failure = e;
                    attempt.committing = committing.get();
                }
            } else {
                unit.rollback(attempt.failure);
            }
            return attempt;
        } finally {
            if (unit.isActive() && CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() == unit) {
                unit.rollback(attempt.failure);   // not left half open on this thread, whatever failed
            }
            attempt.interrupted = Thread.interrupted();
            if (interrupted || attempt.interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void alone(Pending p) {
        boolean interrupted = Thread.interrupted();   // another caller's interrupt must not fail this command
        try {
            p.answer(gateway.sendAndWait(p.message));
        } catch (RuntimeException | Error e) {
            p.fail(e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A queued command and, once there is one, its answer. */
    private static final class Pending {
        final CommandMessage<?> message;
        final Collection<String> keys;
        volatile boolean taken;   // set under the queue's lock when a leader takes it
        volatile boolean leading; // its thread holds a leader's place
        private boolean answered;
        private boolean nudged;
        private Object result;
        private Throwable failure;

        Pending(CommandMessage<?> message, Collection<String> keys) {
            this.message = message;
            this.keys = keys;
        }

        synchronized void answer(Object result) {
            this.result = result;
            this.answered = true;
            notifyAll();
        }

        synchronized void fail(Throwable failure) {
            this.failure = failure;
            this.answered = true;
            notifyAll();
        }

        synchronized void nudge() {
            nudged = true;
            notifyAll();
        }

        synchronized boolean answered() {
            return answered;
        }

        /** Until answered or nudged; an interrupt is kept for later (the command runs whatever the caller does). */
        synchronized void await() {
            boolean interrupted = false;
            while (!answered && !nudged) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            nudged = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized Object outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return result;
        }
    }
}
