package io.hazardledger.store.internal;

import io.hazardledger.signing.internal.SignedActions;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks of a signed entry that depend on the entries before it (docs/FORMAT.md 12.9): its statement was made
 * for the aggregate's history as it stood (its {@code prevEntryHash}, for the first entry of an act) and signs one act
 * (used once; an act's events of different types). For that, per aggregate, the hash of its latest entry, the hash
 * of the statement that entry carried and the event types of the act it ends; and every statement seen.
 * {@code Ledger.verify()} and the bundle verifier both keep one, fed every entry in index order ({@link #record}),
 * each signed one checked first ({@link #check}).
 *
 * <p>Per aggregate, numbered here, in arrays of words: as maps of strings to objects, a million entries' aggregates
 * were millions of long-lived objects, which a replay's collector marked again and again.
 */
public final class SignedActOrder {

    /** A check that fails: its name (FORMAT.md 12.9), what it says, what was expected and what was found. */
    public record Failure(String check, String message, String expected, String actual) {
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    private final KeySlots aggregates = new KeySlots();
    /** Of aggregate {@code n}: its latest entry's hash as four words from {@code 4n}, most significant first. */
    private long[] entryWords = new long[4 << 4];
    /** Of aggregate {@code n}: the hash of the statement its latest entry carried, likewise (if {@code acts[n]}). */
    private long[] statementWords = new long[4 << 4];
    /**
     * Of aggregate {@code n}: the event types of the act its latest entry ends (the entries up to it that carried
     * its statement, one after another), as {@link #BITS}; 0 when it carried no statement.
     */
    private long[] acts = new long[1 << 4];
    /** The first 8 bytes of every statement hash seen, to name a reuse (see {@link #check}). */
    private final Fingerprints usedStatements = new Fingerprints();

    /** The aggregate's number here, or -1 when no entry of it has been recorded. */
    public int find(String aggregateId) {
        return aggregates.find(aggregateId);
    }

    /**
     * Checks a signed entry of aggregate {@code n} ({@link #find}'s answer for it), whose statement's action produces
     * its event type (checked before), against the entries recorded before it; null when it holds.
     *
     * @param statementHash    SHA-256 of the statement's canonical bytes
     * @param statementHashHex the same in lower-case hexadecimal, as a failure names it
     */
    public Failure check(int n, String aggregateId, String eventType, byte[] statementHash, String statementHashHex,
                         String prevEntryHash) {
        boolean sameAct = n >= 0 && sameAct(n, statementHash);
        if (sameAct && (acts[n] & bit(eventType)) != 0) {
            // a later entry of the same act: an act's events are of different types (section 12.2), so a second
            // event of one type under its statement is a copy of the signature onto an event nobody signed
            return new Failure("signature-reused", "the statement already signed a " + eventType + " of this act",
                    "one " + eventType + " an act", statementHashHex);
        }
        if (!sameAct) {
            // The first entry of an act. A statement used before for an earlier act of this aggregate names an
            // earlier history of it (entry hashes never repeat), and a statement names its aggregate, so a reuse
            // always fails this check too; only then is the reuse looked up, in fingerprints: it names the failure.
            boolean seen = !usedStatements.add(statementHash);
            String prev = n < 0 ? io.hazardledger.integrity.Hashes.ZERO_HASH : entryHash(n);
            if (!prev.equals(prevEntryHash)) {
                if (seen) {
                    return new Failure("signature-reused", "the statement already signed an earlier act",
                            "a statement used once", statementHashHex);
                }
                return new Failure("signature-mismatch", "the statement was made for another history of "
                        + aggregateId, prev, prevEntryHash);
            }
        }
        return null;
    }

    /**
     * Records an entry of aggregate {@code n} ({@link #find}'s answer before it), after its check: its hash in
     * lower-case hexadecimal (64 digits), and the hash of its statement, null when it carries none.
     */
    public void record(int n, String aggregateId, String entryHash, byte[] statementHash, String eventType) {
        if (entryHash.length() != 64) {
            throw new IllegalArgumentException("an entry hash is 64 hexadecimal digits, not " + entryHash.length());
        }
        // (the chain's check, made before, holds it to 64 lower-case digits; all read before any is stored)
        record(n, aggregateId, java.util.HexFormat.fromHexDigitsToLong(entryHash, 0, 16),
                java.util.HexFormat.fromHexDigitsToLong(entryHash, 16, 32),
                java.util.HexFormat.fromHexDigitsToLong(entryHash, 32, 48),
                java.util.HexFormat.fromHexDigitsToLong(entryHash, 48, 64), statementHash, eventType);
    }

    /** As {@link #record(int, String, String, byte[], String)}, with the entry's hash as its 32 bytes. */
    public void record(int n, String aggregateId, byte[] entryHash, byte[] statementHash, String eventType) {
        if (entryHash.length != 32) {
            throw new IllegalArgumentException("an entry hash is 32 bytes, not " + entryHash.length);
        }
        record(n, aggregateId, word(entryHash, 0), word(entryHash, 1), word(entryHash, 2), word(entryHash, 3),
                statementHash, eventType);
    }

    private void record(int n, String aggregateId, long w0, long w1, long w2, long w3, byte[] statementHash,
                        String eventType) {
        // the event types of the act so far: the entry's alone, or added to those of the act it continues
        long bit = statementHash == null ? 0 : bit(eventType);
        long act = statementHash == null ? 0 : n >= 0 && sameAct(n, statementHash) ? acts[n] | bit : bit;
        if (n < 0) {
            n = aggregates.add(aggregateId);
            if (acts.length <= n) {
                acts = Arrays.copyOf(acts, acts.length * 2);
                entryWords = Arrays.copyOf(entryWords, acts.length * 4);
                statementWords = Arrays.copyOf(statementWords, acts.length * 4);
            }
        }
        entryWords[4 * n] = w0;
        entryWords[4 * n + 1] = w1;
        entryWords[4 * n + 2] = w2;
        entryWords[4 * n + 3] = w3;
        if (statementHash != null) {
            for (int w = 0; w < 4; w++) {
                statementWords[4 * n + w] = word(statementHash, w);
            }
        }
        acts[n] = act;
    }

    /** Whether aggregate {@code n}'s latest entry carried this statement (it continues that entry's act). */
    private boolean sameAct(int n, byte[] statementHash) {
        return acts[n] != 0 && statementWords[4 * n] == word(statementHash, 0)
                && statementWords[4 * n + 1] == word(statementHash, 1)
                && statementWords[4 * n + 2] == word(statementHash, 2)
                && statementWords[4 * n + 3] == word(statementHash, 3);
    }

    /** Aggregate {@code n}'s latest entry hash in lower-case hexadecimal. */
    private String entryHash(int n) {
        return HEX.toHexDigits(entryWords[4 * n]) + HEX.toHexDigits(entryWords[4 * n + 1])
                + HEX.toHexDigits(entryWords[4 * n + 2]) + HEX.toHexDigits(entryWords[4 * n + 3]);
    }

    /** Of every event type that an action produces, its bit: an act's event types are a set of these bits. */
    private static final Map<String, Long> BITS = bits(SignedActions.signedEventTypes());

    private static Map<String, Long> bits(List<String> types) {
        if (types.size() > 64) {
            throw new IllegalStateException("an act's event types are a long's bits: at most 64, not " + types.size());
        }
        Map<String, Long> bits = new HashMap<>();
        for (int i = 0; i < types.size(); i++) {
            bits.put(types.get(i), 1L << i);
        }
        return Map.copyOf(bits);
    }

    /** The event type's bit (one that the statement's action produces, as checked before). */
    private static long bit(String eventType) {
        Long bit = BITS.get(eventType);
        if (bit == null) {
            throw new IllegalStateException(eventType + " is produced by no signed action");
        }
        return bit;
    }

    /** Word {@code w} of a 32-byte hash, big-endian. */
    private static long word(byte[] hash, int w) {
        long x = 0;
        for (int i = 8 * w; i < 8 * w + 8; i++) {
            x = (x << 8) | (hash[i] & 0xff);
        }
        return x;
    }

    /**
     * A set of 64-bit fingerprints (the first 8 bytes of SHA-256 hashes) in one open-addressing table: 8 to 16 bytes a
     * hash where a set of hex strings took about 150.
     */
    static final class Fingerprints {
        private long[] table = new long[1 << 10];
        private boolean hasZero;
        private int size;

        /** Adds the hash's fingerprint; false when it was there already. */
        boolean add(byte[] hash) {
            long f = 0;
            for (int i = 0; i < 8; i++) {
                f = (f << 8) | (hash[i] & 0xff);
            }
            if (f == 0) { // 0 marks a free slot
                boolean added = !hasZero;
                hasZero = true;
                return added;
            }
            if (2 * (size + 1) > table.length) {
                long[] old = table;
                table = new long[old.length * 2];
                for (long x : old) {
                    if (x != 0) {
                        insert(x);
                    }
                }
            }
            if (insert(f)) {
                size++;
                return true;
            }
            return false;
        }

        private boolean insert(long f) {
            int mask = table.length - 1;
            for (int i = (int) (f ^ (f >>> 32)) & mask; ; i = (i + 1) & mask) {
                if (table[i] == f) {
                    return false;
                }
                if (table[i] == 0) {
                    table[i] = f;
                    return true;
                }
            }
        }
    }
}
