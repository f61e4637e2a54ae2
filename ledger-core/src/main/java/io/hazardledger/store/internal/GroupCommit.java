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
 * <p>Callers queue their command; up to {@code leaders} of them at a time (one a core) take what is queued and run it
 * as a group, the others wait for their answer. Each command keeps its own nested unit of work (its own interceptors,
 * correlation data and aggregate lock), nested in the group's; the group's unit of work holds the one connection, so
 * the commands' reads see the group's earlier writes and everything commits or rolls back together.
 *
 * <p>What a caller sees does not change:
 * <ul>
 *     <li>an answer only after the commit that made its entries durable (the acknowledged-write guarantee);</li>
 *     <li>a refusal or failure exactly as if its command had run alone, with nothing stored: a group in which any
 *     command fails, or whose writing fails before the database's commit, is rolled back whole, and each of its
 *     commands is then run alone, in its own transaction, in queue order; if the database's commit itself fails
 *     (it may have committed all the same), every caller of the group gets that failure, as it would alone, and
 *     nothing is run again;</li>
 *     <li>two commands on one aggregate are never in one group (each command's keys: its aggregate id, and for a
 *     signed act the aggregate its statement names), so a statement is always checked against the aggregate's
 *     committed history, and a statement sent twice is refused as a replay, as it is alone.</li>
 * </ul>
 * A group of one is simply run alone. Only for a command bus that handles on the dispatching thread (Axon's
 * {@code SimpleCommandBus}); any other bus is used as it is.
 */
public final class GroupCommit {

    /** The payload of a group's unit of work, the root of its commands' units of work. */
    public static final String GROUP = "hazard-ledger group commit";

    private final CommandGateway gateway;
    private final ConnectionProvider connections;
    private final Function<CommandMessage<?>, Collection<String>> keys;
    private final int maxCommands;
    private final Semaphore leaders;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong grouped = new AtomicLong();
    private final AtomicLong rerun = new AtomicLong();

    /**
     * @param keys        the aggregates a command acts on (no two commands with a key in common share a group)
     * @param maxCommands the most commands in one group; 1 runs every command alone
     * @param leaders     how many groups may run at once
     */
    public GroupCommit(CommandGateway gateway, ConnectionProvider connections,
                       Function<CommandMessage<?>, Collection<String>> keys, int maxCommands, int leaders) {
        if (maxCommands < 1 || leaders < 1) {
            throw new IllegalArgumentException("maxCommands and leaders must be at least 1");
        }
        this.gateway = gateway;
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
        while (!mine.answered()) {
            if (!mine.taken && leaders.tryAcquire()) {
                // a leader runs other callers' commands: an interrupt of its own caller must not reach their I/O
                boolean interrupted = Thread.interrupted();
                try {
                    while (!mine.answered()) {
                        List<Pending> group = take();
                        if (group.isEmpty()) {
                            break;   // another leader took this command: it answers it
                        }
                        run(group);
                    }
                } finally {
                    leaders.release();
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                nudgeNext();
            } else {
                mine.await();
            }
        }
        return mine.outcome();
    }

    /** Groups committed (of two commands or more). */
    public long groups() {
        return groups.get();
    }

    /** Commands committed in groups. */
    public long groupedCommands() {
        return grouped.get();
    }

    /** Groups rolled back and run again one command at a time (a command of theirs failed, or their commit did). */
    public long groupsRerun() {
        return rerun.get();
    }

    /** Commands waiting now for a group to take them. */
    public int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Up to {@code maxCommands} queued commands, in queue order, skipping one whose aggregate is already taken. */
    private List<Pending> take() {
        synchronized (queue) {
            List<Pending> group = new ArrayList<>();
            Set<String> inGroup = new HashSet<>();
            for (Iterator<Pending> it = queue.iterator(); it.hasNext() && group.size() < maxCommands; ) {
                Pending p = it.next();
                if (p.keys.stream().anyMatch(inGroup::contains)) {
                    continue;   // stays first in the queue for the next group
                }
                inGroup.addAll(p.keys);
                group.add(p);
                p.taken = true;
                it.remove();
            }
            return group;
        }
    }

    /** A leader leaving wakes the first waiting caller to lead next (it leads if a place is free; else one will be). */
    private void nudgeNext() {
        Pending first;
        synchronized (queue) {
            first = queue.peekFirst();
        }
        if (first != null) {
            first.nudge();
        }
    }

    private void run(List<Pending> group) {
        if (group.size() == 1) {
            alone(group.get(0));
            return;
        }
        Object[] results = new Object[group.size()];
        Throwable failure = null;
        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(new GenericMessage<>(GROUP));
        java.util.concurrent.atomic.AtomicBoolean committing = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            connections.getConnection();   // the group's connection: its transaction commits with the group's unit
            // commit steps run in the reverse order of registration: this one just before the connection's commit
            unit.onCommit(u -> committing.set(true));
            for (int i = 0; i < group.size() && failure == null; i++) {
                AtomicReference<CommandResultMessage<?>> answer = new AtomicReference<>();
                gateway.send(group.get(i).message, (command, result) -> answer.set(result));
                CommandResultMessage<?> result = answer.get();
                if (result == null) {
                    failure = new IllegalStateException("the command bus did not answer on the dispatching thread");
                } else if (result.isExceptional()) {
                    failure = result.exceptionResult();
                } else {
                    results[i] = result.getPayload();
                }
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } catch (java.sql.SQLException e) {
            failure = new LedgerStorageException("could not open the group's transaction: " + e.getMessage(), e);
        }
        if (failure == null) {
            try {
                unit.commit();   // a failure here has rolled the unit back
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        } else {
            while (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() != unit) {
                CurrentUnitOfWork.get().rollback(failure);
            }
            unit.rollback(failure);
        }
        if (failure == null) {
            groups.incrementAndGet();
            grouped.addAndGet(group.size());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer(results[i]);
            }
        } else if (committing.get()) {
            // the database's commit itself failed: it may have committed all the same, so running the commands again
            // could store them twice; each caller gets the failure, as it would alone
            for (Pending p : group) {
                p.fail(failure instanceof RuntimeException || failure instanceof Error ? failure
                        : new LedgerStorageException("the group's commit failed: " + failure, failure));
            }
        } else {
            rerun.incrementAndGet();
            for (Pending p : group) {
                alone(p);
            }
        }
    }

    private void alone(Pending p) {
        try {
            p.answer(gateway.sendAndWait(p.message));
        } catch (RuntimeException | Error e) {
            p.fail(e);
        }
    }

    /** A queued command and, once there is one, its answer. */
    private static final class Pending {
        final CommandMessage<?> message;
        final Collection<String> keys;
        volatile boolean taken;   // set under the queue's lock when a leader takes it
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
            return result;
        }
    }
}
