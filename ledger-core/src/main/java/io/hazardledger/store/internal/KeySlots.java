package io.hazardledger.store.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A set of strings (aggregate or hazard ids) that numbers each from 0 in the order it was added, kept in a few arrays
 * of primitives rather than a map's node, a string and a value object each. The numbers index the caller's own
 * arrays of values.
 *
 * <p>A replay keeps such a set for every aggregate for its whole length: at a million entries a few hundred thousand
 * ids, which as maps of strings were millions of long-lived objects that the collector marked again and again. Here
 * they are an array of characters and two of ints (where each id starts, and the table), none of which holds a
 * reference; only ids kept aside (below) are objects.
 *
 * <p>Open addressing with linear probing over the ids' {@link String#hashCode()}, mixed. The ids come from the
 * ledger, which anyone with a command can put ids into: an id whose probe would run past {@link #PROBES} occupied
 * slots (ids made to share a hash) is kept in a {@link HashMap} instead, whose bins of equal hashes are trees of
 * comparable keys. A look-up then costs at most {@code PROBES} probes and a tree's depth, never a scan of the set.
 */
public final class KeySlots {

    /** Probes before an id is kept aside. */
    static final int PROBES = 16;

    /** Of each slot of the table, the number of the id in it, plus one (0: empty). */
    private int[] table;
    /** Every id's characters, one after another. */
    private char[] chars;
    /** Id {@code n}'s characters are {@code chars[starts[n]]} up to {@code chars[starts[n + 1]]}. */
    private int[] starts;
    private int size;
    /** The ids whose probe found no free slot, with their numbers; null while there is none. */
    private Map<String, Integer> aside;

    public KeySlots() {
        table = new int[1 << 5];
        chars = new char[1 << 8];
        starts = new int[1 << 4];
    }

    /** How many ids it holds. */
    public int size() {
        return size;
    }

    /** How many ids are kept aside (for tests). */
    int keptAside() {
        return aside == null ? 0 : aside.size();
    }

    /** The id's number; -1 when it does not hold it. */
    public int find(String id) {
        int mask = table.length - 1;
        int i = spread(id.hashCode()) & mask;
        for (int probe = 0; probe < PROBES; probe++, i = (i + 1) & mask) {
            int n = table[i] - 1;
            if (n < 0) {
                return -1;
            }
            if (holds(n, id)) {
                return n;
            }
        }
        Integer n = aside == null ? null : aside.get(id);
        return n == null ? -1 : n;
    }

    /** The id's number, the next one if it is new (then {@code size()} grows by one). */
    public int add(String id) {
        int found = find(id);
        if (found >= 0) {
            return found;
        }
        if (2 * (size + 1) > table.length) {
            rehash(table.length * 2);
        }
        int n = size;
        if (starts.length < n + 2) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        int start = starts[n];
        if (chars.length - start < id.length()) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, start + id.length()));
        }
        id.getChars(0, id.length(), chars, start);
        starts[n + 1] = start + id.length();
        size++;
        place(n, id.hashCode());
        return n;
    }

    /** Id {@code n}, as a new string. */
    public String id(int n) {
        if (n < 0 || n >= size) {
            throw new IndexOutOfBoundsException("no id numbered " + n + " among " + size);
        }
        return new String(chars, starts[n], starts[n + 1] - starts[n]);
    }

    /** Puts id {@code n} (added, with this hash) in the table, or aside when its probe finds no free slot. */
    private void place(int n, int hash) {
        int mask = table.length - 1;
        int i = spread(hash) & mask;
        for (int probe = 0; probe < PROBES; probe++, i = (i + 1) & mask) {
            if (table[i] == 0) {
                table[i] = n + 1;
                return;
            }
        }
        if (aside == null) {
            aside = new HashMap<>();
        }
        aside.put(id(n), n);
    }

    private void rehash(int length) {
        table = new int[length];
        aside = null;
        for (int n = 0; n < size; n++) {
            int h = 0;
            for (int k = starts[n]; k < starts[n + 1]; k++) {
                h = 31 * h + chars[k];   // String.hashCode's, over the stored characters
            }
            place(n, h);
        }
    }

    private boolean holds(int n, String id) {
        int start = starts[n];
        if (starts[n + 1] - start != id.length()) {
            return false;
        }
        for (int k = 0; k < id.length(); k++) {
            if (chars[start + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Spreads a string's hash over the table's bits (multiplied by an odd constant, its high half folded in). */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}
