package io.hazardledger.supervision;

import java.time.Period;

/**
 * What an enterprise must do at least so often: an inspection led by its principal responsible person (quarterly,
 * monthly in a high-risk sector), which counts once complete (signed off by its inspector and co-signed by every
 * co-signer it names) on the day of the entry that completed it; and an evacuation drill (yearly, half-yearly in a
 * high-risk sector), on the day it was held.
 */
public enum Cadence {
    LEADER_LED_INSPECTION(Period.ofMonths(3), Period.ofMonths(1)),
    EVACUATION_DRILL(Period.ofYears(1), Period.ofMonths(6));

    private final Period every;
    private final Period everyHighRisk;

    Cadence(Period every, Period everyHighRisk) {
        this.every = every;
        this.everyHighRisk = everyHighRisk;
    }

    /** How often, for an enterprise in a high-risk sector or not. */
    public Period every(boolean highRisk) {
        return highRisk ? everyHighRisk : every;
    }
}
