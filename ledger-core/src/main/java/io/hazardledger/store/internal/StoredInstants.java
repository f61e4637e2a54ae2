package io.hazardledger.store.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the instants the event table stores ({@code time_stamp}, an entry's {@code recordedAt}) as
 * {@link Instant#parse} does, without its formatter for the one form Axon writes them in: {@code
 * yyyy-MM-ddTHH:mm:ss}, an optional fraction of one to nine digits, {@code Z}. A replay reads one per entry, and the
 * formatter was 3 % of its profile at 10^6 entries. Any other text, or a field out of its range, goes to
 * {@link Instant#parse} itself, so the result and the exceptions are always exactly its own.
 */
final class StoredInstants {

    private StoredInstants() {
    }

    static Instant parse(String text) {
        Instant read = direct(java.util.Objects.requireNonNull(text, "text"));
        return read != null ? read : Instant.parse(text);
    }

    /** The instant read without the formatter, or null when the text is not in that form or a field is out of range. */
    static Instant direct(String text) {
        int n = text.length();
        if (n < 20 || n == 21 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z'
                || (n > 20 && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = n > 20 ? digits(text, 20, n - 1) : 0;
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59 || fraction < 0) {
            return null;
        }
        for (int i = n - 1; i < 29; i++) {   // nine digits of nanoseconds: the fraction's digits, then zeros
            fraction *= 10;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, fraction);
    }

    /** The decimal number {@code text[from, to)} spells in ASCII digits, or -1 when any is not one. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
