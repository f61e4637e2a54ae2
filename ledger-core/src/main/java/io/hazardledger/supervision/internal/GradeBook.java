package io.hazardledger.supervision.internal;

import io.hazardledger.LedgerPosition;
import io.hazardledger.directory.Directory;
import io.hazardledger.supervision.GradeAssessment;
import io.hazardledger.supervision.GradeRecord;
import io.hazardledger.supervision.Grades;
import io.hazardledger.supervision.GradingRules;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** The grades: recorded ones from {@link GradeView}, assessments now from {@link GradeInputs}. */
public final class GradeBook implements Grades {

    private final GradeView view;
    private final GradeInputs inputs;
    private final Directory directory;
    private final LongSupplier size;
    private final Clock clock;

    /** {@code size}: the ledger's current size. */
    public GradeBook(GradeView view, GradeInputs inputs, Directory directory, LongSupplier size, Clock clock) {
        this.view = view;
        this.inputs = inputs;
        this.directory = directory;
        this.size = size;
        this.clock = clock;
    }

    @Override
    public List<GradeRecord> current() {
        return view.current();
    }

    @Override
    public List<GradeRecord> history(String enterpriseId) {
        return view.history(enterpriseId);
    }

    @Override
    public Optional<GradeAssessment> assess(String enterpriseId) {
        // the enterprise first, the size after: the size then covers its registration
        return directory.enterprise(enterpriseId)
                .map(e -> inputs.assess(e, new LedgerPosition(size.getAsLong(), clock.instant())));
    }

    /** Every enterprise now. */
    public List<GradeAssessment> assessAll() {
        return inputs.assessAll(new LedgerPosition(size.getAsLong(), clock.instant()));
    }

    @Override
    public GradingRules rules() {
        return inputs.rules();
    }
}
