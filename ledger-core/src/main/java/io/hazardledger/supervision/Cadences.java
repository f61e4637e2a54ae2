package io.hazardledger.supervision;

import java.time.LocalDate;
import java.util.List;

/** The cadences of every enterprise, judged on a day (today in the park, by the ledger's clock). */
public interface Cadences {

    /** Every enterprise against every cadence, today; enterprises in id order, cadences in declaration order. */
    List<CadenceStatus> today();

    /** The same, judged on {@code day}, from the entries recorded now. */
    List<CadenceStatus> on(LocalDate day);
}
