package io.hazardledger.integrity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Checks a ledger entry by entry, in index order, in one pass and constant memory.
 * <p>
 * For each stored entry it checks: the index is the next one (no gap, no swap); the stored hash is
 * {@code SHA-256(0x00 || stored bytes)}; the entry's event exists; and the stored bytes equal the entry
 * recomputed from that event and the previous entry's hash. {@link #finish} then checks that the chain head
 * agrees with the last entry and that every stored event is in the ledger.
 */
public final class ChainVerifier {

    /** {@link ClockSteps#STEP_SECONDS}. */
    public static final long CLOCK_STEP_SECONDS = ClockSteps.STEP_SECONDS;

    /** {@link ClockSteps#LISTED}. */
    public static final int CLOCK_STEPS_LISTED = ClockSteps.LISTED;

    private long next;
    private String prevHash = Hashes.ZERO_HASH;
    private final ClockSteps clockSteps = new ClockSteps();

    /**
     * The checks of one entry that need only its rows and the previous entry's stored hash, as {@link #accept} makes
     * them for an entry at {@code entry.index()} after {@code prevHash}: computed ahead, on any thread, for a batch.
     */
    public record Checked(long index, String prevHash, LedgerIntegrityException failure) {
    }

    /** {@link #accept}'s checks after the index one, for the entry at its own index following {@code prevHash}. */
    public static Checked check(StoredEntry entry, String prevHash, EntryContent event) {
        return new Checked(entry.index(), prevHash, failure(entry.index(), prevHash, entry, event));
    }

    /**
     * Checks the next entry.
     *
     * @param entry the stored entry
     * @param event the stored event that the entry names, or {@code null} when there is none
     */
    public void accept(StoredEntry entry, EntryContent event) throws LedgerIntegrityException {
        accept(entry, event, null);
    }

    /**
     * Checks the next entry, with {@link #check}'s result computed ahead (used only when it was computed for this
     * index and predecessor; the checks are made here otherwise).
     */
    public void accept(StoredEntry entry, EntryContent event, Checked ahead) throws LedgerIntegrityException {
        if (entry.index() != next) {
            throw new LedgerIntegrityException(next, "missing-entry",
                    "entry " + next + " is missing or out of place", "index " + next, "index " + entry.index());
        }
        LedgerIntegrityException failure = ahead != null && ahead.index() == next && ahead.prevHash().equals(prevHash)
                ? ahead.failure() : failure(next, prevHash, entry, event);
        if (failure != null) {
            throw failure;
        }
        clockSteps.accept(next, event.recordedAt());
        prevHash = entry.entryHash();
        next++;
    }

    private static LedgerIntegrityException failure(long next, String prevHash, StoredEntry entry, EntryContent event) {
        String storedBytesHash = Hashes.leafHash(entry.bytes());
        if (!storedBytesHash.equals(entry.entryHash())) {
            return new LedgerIntegrityException(next, "entry-hash",
                    "the stored entry bytes do not hash to the stored entry hash", entry.entryHash(), storedBytesHash);
        }
        if (event == null) {
            return new LedgerIntegrityException(next, "missing-event",
                    "event " + entry.eventId() + " of this entry is not in the event store", entry.eventId(), "nothing");
        }
        if (EntryCodec.matches(next, prevHash, event, entry.bytes())) {
            return event.aggregateId().equals(entry.aggregateId()) ? null : aggregateMismatch(event, entry, next);
        }
        // the entry differs: encoded again, for the precise failure
        byte[] recomputed;
        try {
            recomputed = EntryCodec.encode(next, prevHash, event);
        } catch (EntryCodec.MalformedEntryException e) {
            return new LedgerIntegrityException(next, "malformed-event", e.getMessage(), "valid JSON", "invalid JSON");
        }
        if (!Arrays.equals(recomputed, entry.bytes())) {
            return new LedgerIntegrityException(next, "entry-mismatch",
                    "the entry does not match its stored event and the previous entry; " + firstDifference(entry.bytes(), recomputed),
                    entry.entryHash(), Hashes.leafHash(recomputed));
        }
        return event.aggregateId().equals(entry.aggregateId()) ? null : aggregateMismatch(event, entry, next);
    }

    private static LedgerIntegrityException aggregateMismatch(EntryContent event, StoredEntry entry, long index) {
        return new LedgerIntegrityException(index, "aggregate-mismatch",
                "the entry row names another aggregate than its event", event.aggregateId(), entry.aggregateId());
    }

    /**
     * Completes the check.
     *
     * @param unledgeredEvents how many stored events no ledger entry records
     * @param headSize         the size recorded in the chain head
     * @param headHash         the hash recorded in the chain head
     */
    public VerifiedLedger finish(long unledgeredEvents, long headSize, String headHash) throws LedgerIntegrityException {
        if (headSize != next) {
            throw new LedgerIntegrityException(Math.min(next, headSize), "missing-entry",
                    "the chain head counts " + headSize + " entries but " + next + " are stored",
                    "size " + headSize, "size " + next);
        }
        if (!prevHash.equals(headHash)) {
            throw new LedgerIntegrityException(Math.max(0, next - 1), "head-mismatch",
                    "the chain head does not name the last entry's hash", headHash, prevHash);
        }
        if (unledgeredEvents != 0) {
            throw new LedgerIntegrityException(next, "unledgered-events",
                    unledgeredEvents + " stored events are recorded by no ledger entry", "0", String.valueOf(unledgeredEvents));
        }
        return new VerifiedLedger(next, prevHash, java.util.List.of(), VerifiedLedger.Checkpoints.NONE,
                clockSteps.steps());
    }

    private static String firstDifference(byte[] stored, byte[] recomputed) {
        String a = new String(stored, StandardCharsets.UTF_8);
        String b = new String(recomputed, StandardCharsets.UTF_8);
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return "first difference at character " + i + ": stored \"" + around(a, i) + "\" against recomputed \"" + around(b, i) + "\"";
    }

    private static String around(String s, int i) {
        int from = Math.max(0, i - 30);
        int to = Math.min(s.length(), i + 30);
        return (from > 0 ? "…" : "") + s.substring(from, to) + (to < s.length() ? "…" : "");
    }
}
