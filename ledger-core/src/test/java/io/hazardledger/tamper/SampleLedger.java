package io.hazardledger.tamper;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.SubmitRectification;

import java.time.LocalDate;
import java.util.List;

/**
 * The ledger that tamper tests damage, 23 entries:
 * <pre>
 *   0        enterprise ent-acme          1-3    three people
 *   4-8      hz-1 closed loop             9-13   hz-2 closed loop        14-18  hz-3 closed loop
 *            (reported, planned, submitted, verified, closed out)
 *   19-21    hz-4 reported, planned, submitted                           22     hz-5 reported
 * </pre>
 * {@link #MIDDLE} is hz-2's {@code RectificationSubmitted}, payload
 * {@code {"hazardId":"hz-2","submissionNo":1,"summary":"gasket replaced",…}}.
 */
final class SampleLedger {

    static final long SIZE = 23;
    static final long MIDDLE = 11;
    static final long LAST = SIZE - 1;

    private SampleLedger() {
    }

    static void fill(Ledger ledger) {
        TestLedgers.park(ledger);
        TestLedgers.closedLoop(ledger, "hz-1");
        TestLedgers.closedLoop(ledger, "hz-2");
        TestLedgers.closedLoop(ledger, "hz-3");
        ledger.execute(TestLedgers.report("hz-4", HazardLevel.GENERAL));
        ledger.execute(new PlanRectification("hz-4", "fix the railing", TestLedgers.OWNER, LocalDate.now().plusDays(10),
                null, null, null, TestLedgers.OWNER));
        ledger.execute(new SubmitRectification("hz-4", "railing fixed", List.of(), TestLedgers.OWNER));
        ledger.execute(TestLedgers.report("hz-5", HazardLevel.GENERAL));
    }
}
