package io.hazardledger.flags;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The parameters of the flag rules. Defaults ({@link #defaults()}): a close-out within 24 hours before the
 * deadline is "last minute"; 2 extensions are "repeated"; 5 close-outs by one person within 10 minutes are a
 * "burst"; a recurrence within 90 days of close-out counts; a claimed time more than 1 hour from the recorded time
 * is "far"; deadlines and quarters are judged in the park's zone (Asia/Shanghai).
 *
 * @param lastMinute          {@link FlagRule#LAST_MINUTE_CLOSURE}: how close before the deadline
 * @param extensions          {@link FlagRule#REPEATED_EXTENSIONS}: how many extensions raise the flag
 * @param burstClosures       {@link FlagRule#CLOSURE_BURST}: how many close-outs ...
 * @param burstWindow         ... within how long
 * @param recurrenceWindow    {@link FlagRule#RECURRENCE}: how soon after the close-out
 * @param claimedTimeTolerance {@link FlagRule#CLAIMED_TIME_FAR}: how far apart claimed and recorded time may be
 * @param zone                the park's time zone: a due date ends at midnight there; quarters are counted there
 */
public record FlagParameters(Duration lastMinute, int extensions, int burstClosures, Duration burstWindow,
                             Duration recurrenceWindow, Duration claimedTimeTolerance, ZoneId zone) {

    public FlagParameters {
        positive("lastMinute", lastMinute);
        positive("burstWindow", burstWindow);
        positive("recurrenceWindow", recurrenceWindow);
        positive("claimedTimeTolerance", claimedTimeTolerance);
        Objects.requireNonNull(zone, "zone");
        if (extensions < 1) {
            throw new IllegalArgumentException("extensions must be at least 1, got " + extensions);
        }
        if (burstClosures < 2) {
            throw new IllegalArgumentException("burstClosures must be at least 2, got " + burstClosures);
        }
    }

    public static FlagParameters defaults() {
        return defaults(ZoneId.of("Asia/Shanghai"));
    }

    /** The defaults, with deadlines and quarters judged in {@code zone}. */
    public static FlagParameters defaults(ZoneId zone) {
        return new FlagParameters(Duration.ofHours(24), 2, 5, Duration.ofMinutes(10), Duration.ofDays(90),
                Duration.ofHours(1), zone);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
