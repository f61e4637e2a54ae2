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

    /**
     * How far an entry's recorded time may lie before the latest recorded before it without being reported: writers
     * take their times before they wait for the chain head, so entries of the same moment can be a few milliseconds
     * (under load, seconds) out of order; a server's clock set back is not.
     */
    public static final long CLOCK_STEP_SECONDS = 60;

    /** At most this many clock steps are listed; the first ones. */
    public static final int CLOCK_STEPS_LISTED = 100;

    private static final java.time.Duration CLOCK_STEP = java.time.Duration.ofSeconds(CLOCK_STEP_SECONDS);

    private long next;
    private String prevHash = Hashes.ZERO_HASH;
    /** The latest recorded time seen so far (as stored: RFC 3339, UTC, three fractional digits), and as an instant. */
    private String latest;
    private java.time.Instant latestInstant;
    /** Whether the entry before lay a step behind {@link #latest}: a run of such entries is listed at its first. */
    private boolean behind;
    private final java.util.List<VerifiedLedger.ClockStep> clockSteps = new java.util.ArrayList<>();

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
        clock(next, event.recordedAt());
        prevHash = entry.entryHash();
        next++;
    }

    /**
     * Notes a recorded time that lies more than {@link #CLOCK_STEP_SECONDS} before the latest one recorded before it,
     * at the first entry of each run of such entries: the writing server's clock went back (set back, or a node's
     * clock behind another's), or a write waited that long for the chain head. Not a break: the chain proves the
     * order; but an answer "as of" a time between the two cannot hold every entry recorded by then.
     */
    private void clock(long index, String recordedAt) {
        // the stored form, YYYY-MM-DDTHH:MM:SS.sssZ, sorts as text; another is left alone (the entry holds it as it is)
        if (recordedAt == null || recordedAt.length() != 24 || recordedAt.charAt(10) != 'T'
                || recordedAt.charAt(23) != 'Z') {
            return;
        }
        if (latest == null || recordedAt.compareTo(latest) >= 0) {
            latest = recordedAt;
            latestInstant = null;
            behind = false;
            return;
        }
        if (recordedAt.regionMatches(0, latest, 0, 19)) {   // the same second: a writer a moment out of order
            behind = false;
            return;
        }
        try {
            if (latestInstant == null) {
                latestInstant = java.time.Instant.parse(latest);
            }
            java.time.Duration back = java.time.Duration.between(java.time.Instant.parse(recordedAt), latestInstant);
            boolean step = back.compareTo(CLOCK_STEP) > 0;
            if (step && !behind && clockSteps.size() < CLOCK_STEPS_LISTED) {
                clockSteps.add(new VerifiedLedger.ClockStep(index, recordedAt, latest, back.getSeconds()));
            }
            behind = step;
        } catch (java.time.format.DateTimeParseException e) {
            behind = false;   // not a time after all: nothing is said of it
        }
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
        return new VerifiedLedger(next, prevHash, java.util.List.of(), VerifiedLedger.Checkpoints.NONE, clockSteps);
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
