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
 * Only times in the stored form ({@code YYYY-MM-DDTHH:MM:SS.sssZ}, 24 characters, a time that exists: it sorts as
 * text) are compared; any other value is passed over and changes nothing (the entry holds it as it is).
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
        if (recordedAt == null || recordedAt.length() != LENGTH || !storedForm(recordedAt::charAt)) {
            return;   // passed over: nothing changes
        }
        accept(index, recordedAt.getBytes(StandardCharsets.US_ASCII), 0, LENGTH);   // the stored form is ASCII
    }

    /** The next entry's recorded time, as the bytes {@code b[from, to)} (the inside of its JSON string). */
    public void accept(long index, byte[] b, int from, int to) {
        if (to - from != LENGTH || !storedForm(k -> b[from + k])) {
            return;   // passed over: nothing changes
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

    /**
     * Whether the 24 characters are a time in the stored form {@code YYYY-MM-DDTHH:MM:SS.sssZ} that exists: digits
     * where digits stand, a day of its month (29 February in leap years only), hours 00–23, minutes and seconds 00–59.
     * Such a text sorts as its time, and {@link Instant#parse} reads it.
     */
    private static boolean storedForm(java.util.function.IntUnaryOperator c) {
        if (c.applyAsInt(4) != '-' || c.applyAsInt(7) != '-' || c.applyAsInt(10) != 'T' || c.applyAsInt(13) != ':'
                || c.applyAsInt(16) != ':' || c.applyAsInt(19) != '.' || c.applyAsInt(23) != 'Z'
                || digits(c, 20, 3) < 0) {
            return false;
        }
        int year = digits(c, 0, 4);
        int month = digits(c, 5, 2);
        int day = digits(c, 8, 2);
        int hour = digits(c, 11, 2);
        int minute = digits(c, 14, 2);
        int second = digits(c, 17, 2);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1
                && day <= java.time.Month.of(month).length(java.time.Year.isLeap(year))
                && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    /** The decimal number of the {@code n} digits from {@code at}, or -1 if one is not a digit. */
    private static int digits(java.util.function.IntUnaryOperator c, int at, int n) {
        int v = 0;
        for (int k = at; k < at + n; k++) {
            int d = c.applyAsInt(k) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
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
