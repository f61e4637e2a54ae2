package io.hazardledger.integrity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Notes, entry by entry in index order, the recorded times that lie more than {@link #STEP_SECONDS} before the latest
 * one recorded before them, at the first entry of each run of such entries (docs/FORMAT.md section 6, "Clock
 * steps"): the writing server's clock went back (set back, or a node's clock behind another's), or a write waited
 * that long for the chain head. Not a break: the chain proves the order; but an answer "as of" a time between the two
 * cannot hold every entry recorded by then. Used by {@code verify} of the store and by the bundle verifier alike.
 * <p>
 * Only times in the stored form ({@code YYYY-MM-DDTHH:MM:SS.sssZ}, 24 characters, which sorts as text) are compared;
 * another form is passed over (the entry holds it as it is).
 */
public final class ClockSteps {

    /**
     * How far an entry's recorded time may lie before the latest recorded before it without being reported: writers
     * take their times before they wait for the chain head, so entries of the same moment can be a few milliseconds
     * (under load, seconds) out of order; a server's clock set back is not.
     */
    public static final long STEP_SECONDS = 60;

    /** At most this many clock steps are listed; the first ones. */
    public static final int LISTED = 100;

    private static final Duration STEP = Duration.ofSeconds(STEP_SECONDS);
    private static final int LENGTH = 24;
    /** "YYYY-MM-DDTHH:MM:SS": the same second, compared before the time is parsed. */
    private static final int SECOND = 19;

    /** The latest recorded time seen so far, as its ASCII bytes; {@code latestInstant} parsed from it on demand. */
    private final byte[] latest = new byte[LENGTH];
    private boolean any;
    private Instant latestInstant;
    /** Whether the entry before lay a step behind {@link #latest}: a run of such entries is listed at its first. */
    private boolean behind;
    private final List<VerifiedLedger.ClockStep> steps = new ArrayList<>();

    /** The next entry's recorded time, as its text ({@code null}: none). */
    public void accept(long index, String recordedAt) {
        if (recordedAt == null || recordedAt.length() != LENGTH || recordedAt.charAt(10) != 'T'
                || recordedAt.charAt(LENGTH - 1) != 'Z') {
            return;
        }
        for (int k = 0; k < LENGTH; k++) {
            if (recordedAt.charAt(k) > 0x7f) {
                return;   // not the stored form after all
            }
        }
        int cmp = 0;
        int same = 0;
        if (any) {
            for (int k = 0; k < LENGTH && cmp == 0; k++) {
                cmp = Character.compare(recordedAt.charAt(k), (char) (latest[k] & 0xff));
                same = cmp == 0 ? k + 1 : same;
            }
        }
        if (!any || cmp >= 0) {
            for (int k = 0; k < LENGTH; k++) {
                latest[k] = (byte) recordedAt.charAt(k);
            }
            advanced();
            return;
        }
        behindBy(index, recordedAt, same);
    }

    /** The next entry's recorded time, as the bytes {@code b[from, to)} (the inside of its JSON string). */
    public void accept(long index, byte[] b, int from, int to) {
        if (to - from != LENGTH || b[from + 10] != 'T' || b[to - 1] != 'Z') {
            return;
        }
        int cmp = 0;
        int same = 0;
        if (any) {
            cmp = java.util.Arrays.compareUnsigned(b, from, to, latest, 0, LENGTH);
            same = cmp == 0 ? LENGTH : java.util.Arrays.mismatch(b, from, to, latest, 0, LENGTH);
        }
        if (!any || cmp >= 0) {
            System.arraycopy(b, from, latest, 0, LENGTH);
            advanced();
            return;
        }
        behindBy(index, new String(b, from, LENGTH, StandardCharsets.ISO_8859_1), same);
    }

    private void advanced() {
        any = true;
        latestInstant = null;
        behind = false;
    }

    /** {@code recordedAt} sorts before the latest, with which it shares its first {@code same} characters. */
    private void behindBy(long index, String recordedAt, int same) {
        if (same >= SECOND) {   // the same second: a writer a moment out of order
            behind = false;
            return;
        }
        String latestText = new String(latest, StandardCharsets.ISO_8859_1);
        try {
            if (latestInstant == null) {
                latestInstant = Instant.parse(latestText);
            }
            Duration back = Duration.between(Instant.parse(recordedAt), latestInstant);
            boolean step = back.compareTo(STEP) > 0;
            if (step && !behind && steps.size() < LISTED) {
                steps.add(new VerifiedLedger.ClockStep(index, recordedAt, latestText, back.getSeconds()));
            }
            behind = step;
        } catch (DateTimeParseException e) {
            behind = false;   // not a time after all: nothing is said of it
        }
    }

    /** The steps noted so far, the first {@link #LISTED}. */
    public List<VerifiedLedger.ClockStep> steps() {
        return List.copyOf(steps);
    }
}
