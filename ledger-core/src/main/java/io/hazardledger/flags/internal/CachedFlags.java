package io.hazardledger.flags.internal;

import io.hazardledger.flags.Acknowledgement;
import io.hazardledger.flags.FlagAcknowledged;
import io.hazardledger.flags.FlagEngine;
import io.hazardledger.flags.FlagParameters;
import io.hazardledger.flags.FlagQuery;
import io.hazardledger.flags.IntegrityFlag;
import io.hazardledger.flags.IntegrityFlags;
import io.hazardledger.projection.RecordedEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The flags, computed by one {@link FlagEngine} that reads the committed entries in index order and is brought up
 * to the head before each answer. Flags are only ever added and each is raised by one entry, so the flags as of a
 * ledger size {@code n} are exactly those raised below index {@code n}: the same as an engine that read only the
 * first {@code n} entries would give. Held in memory: rebuilt by reading the ledger after a restart.
 */
public final class CachedFlags implements IntegrityFlags {

    /** Reads committed entries {@code [from, to)} in index order into the consumer; returns how many. */
    @FunctionalInterface
    public interface EntryReader {
        long read(long from, long to, java.util.function.Consumer<RecordedEvent> consumer);
    }

    /** The ledger size a question asks about (see {@code Ledger.sizeAsOf}); refuses a bad position. */
    @FunctionalInterface
    public interface Position {
        long sizeAsOf(Long atIndex, Instant asOf);
    }

    private final FlagParameters parameters;
    private final EntryReader entries;
    private final Position position;
    private FlagEngine engine;
    private final List<IntegrityFlag> flags = new ArrayList<>();
    private final java.util.Map<String, Acknowledgement> acknowledgements = new java.util.HashMap<>();
    private long read;

    public CachedFlags(FlagParameters parameters, EntryReader entries, Position position) {
        this.parameters = parameters;
        this.entries = entries;
        this.position = position;
        this.engine = new FlagEngine(parameters);
    }

    @Override
    public FlagParameters parameters() {
        return parameters;
    }

    @Override
    public List<IntegrityFlag> find(FlagQuery q) {
        long at = position.sizeAsOf(q.atIndex(), q.asOf());
        synchronized (this) {
            catchUp(at);
            List<IntegrityFlag> out = new ArrayList<>();
            int skipped = 0;
            for (IntegrityFlag f : flags) {
                if (f.raisedAtIndex() >= at) {
                    break;
                }
                if (matches(f, q)) {
                    if (skipped++ < q.offset()) {
                        continue;
                    }
                    Acknowledgement ack = acknowledgements.get(f.flagId());
                    out.add(ack != null && ack.index() < at ? f.acknowledged(ack) : f);
                    if (out.size() == q.limit()) {
                        break;
                    }
                }
            }
            return out;
        }
    }

    @Override
    public long unacknowledged() {
        long head = position.sizeAsOf(null, null);
        synchronized (this) {
            catchUp(head);
            return flags.stream().filter(f -> !acknowledgements.containsKey(f.flagId())).count();
        }
    }

    @Override
    public java.util.Optional<IntegrityFlag> get(String flagId) {
        long head = position.sizeAsOf(null, null);
        synchronized (this) {
            catchUp(head);
            for (IntegrityFlag f : flags) {
                if (f.flagId().equals(flagId)) {
                    Acknowledgement ack = acknowledgements.get(flagId);
                    return java.util.Optional.of(ack != null ? f.acknowledged(ack) : f);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * Reads the entries below {@code head} not read yet. If reading or a rule fails, everything is forgotten and the
     * next question starts again from the first entry: the engine's state after a failure half way through an entry
     * is unknown.
     */
    private void catchUp(long head) {
        if (read >= head) {
            return;
        }
        try {
            readUpTo(head);
        } catch (RuntimeException | Error e) {
            engine = new FlagEngine(parameters);
            flags.clear();
            acknowledgements.clear();
            read = 0;
            throw e;
        }
    }

    private void readUpTo(long head) {
        entries.read(read, head, e -> {
            if (e.index() != read) {
                throw new IllegalStateException("entry " + e.index() + " came where " + read + " was expected");
            }
            flags.addAll(engine.accept(e));
            if (e.payload() instanceof FlagAcknowledged a) {
                acknowledgements.putIfAbsent(a.flagId(), new Acknowledgement(e.index(), e.entryHash(),
                        a.acknowledgedBy(), a.reason(), e.recordedAt()));
            }
            read++;
        });
    }

    private static boolean matches(IntegrityFlag f, FlagQuery q) {
        return (q.enterpriseId() == null || q.enterpriseId().equals(f.enterpriseId()))
                && (q.hazardId() == null || q.hazardId().equals(f.hazardId()))
                && (q.personId() == null || q.personId().equals(f.personId()))
                && (q.rule() == null || q.rule() == f.rule())
                && (q.from() == null || !f.raisedAt().isBefore(q.from()))
                && (q.to() == null || f.raisedAt().isBefore(q.to()));
    }
}
