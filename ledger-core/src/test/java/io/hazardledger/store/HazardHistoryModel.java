package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.LedgerException;
import io.hazardledger.Receipt;
import io.hazardledger.TestLedgers;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static io.hazardledger.hazard.HazardStatus.CLOSED;
import static io.hazardledger.hazard.HazardStatus.RECTIFICATION_PLANNED;
import static io.hazardledger.hazard.HazardStatus.RECTIFICATION_SUBMITTED;
import static io.hazardledger.hazard.HazardStatus.REPORTED;
import static io.hazardledger.hazard.HazardStatus.VERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A naive model of the hazard closed loop. Runs steps of a random history against a ledger: predicts whether
 * each command must succeed or be refused with which code, checks that the ledger agrees, and follows the
 * hazards' states and the ledger's size.
 */
final class HazardHistoryModel {

    /** What a step does; {@code ADVANCE} takes the hazard one step along its closed loop. */
    enum Action { ADVANCE, REPORT, PLAN, SUBMIT, VERIFY, CLOSE, REOPEN, EXTEND }

    /**
     * One step of a history, on hazard {@code hz-<hazard>}. {@code yes} decides a verification (passed or failed)
     * and, for {@code ADVANCE} of a planned hazard, whether to submit (yes) or extend the deadline (no).
     */
    record Step(int hazard, Action action, boolean yes) {
    }

    private static final LocalDate FIRST_DUE = LocalDate.now(Ledger.DEFAULT_ZONE).plusDays(30);

    private final Map<String, HazardStatus> statuses = new TreeMap<>();
    private final Map<String, LocalDate> dueDates = new TreeMap<>();
    private final Set<Action> accepted = EnumSet.noneOf(Action.class);
    private int refused;
    private long size;

    HazardHistoryModel(long size) {
        this.size = size;
    }

    long size() {
        return size;
    }

    /** The status of every hazard reported so far, by id. */
    Map<String, HazardStatus> statuses() {
        return statuses;
    }

    /** The actions the ledger accepted at least once. */
    Set<Action> accepted() {
        return accepted;
    }

    /** How many commands the ledger refused. */
    int refused() {
        return refused;
    }

    /** The due date of every hazard with a rectification plan, by id. */
    Map<String, LocalDate> dueDates() {
        return dueDates;
    }

    void run(Ledger ledger, Step step) {
        String id = "hz-" + step.hazard();
        HazardStatus status = statuses.get(id);
        Action action = step.action() == Action.ADVANCE ? next(status, step.yes()) : step.action();
        Object command = command(id, action, step.yes());
        String refusal = refusal(status, action);
        if (refusal == null) {
            Receipt receipt = ledger.execute(command);
            assertThat(receipt.index()).as("index of %s", command).isEqualTo(size);
            size++;
            accepted.add(action);
            follow(id, action, step.yes());
        } else {
            assertThatThrownBy(() -> ledger.execute(command))
                    .as("%s on a hazard that is %s", action, status)
                    .isInstanceOf(LedgerException.class)
                    .satisfies(e -> assertThat(((LedgerException) e).code()).isEqualTo(refusal));
            refused++;
        }
    }

    private static Action next(HazardStatus status, boolean yes) {
        if (status == null) {
            return Action.REPORT;
        }
        return switch (status) {
            case REPORTED -> Action.PLAN;
            case RECTIFICATION_PLANNED -> yes ? Action.SUBMIT : Action.EXTEND;
            case RECTIFICATION_SUBMITTED -> Action.VERIFY;
            case VERIFIED -> Action.CLOSE;
            case CLOSED -> Action.REOPEN;
        };
    }

    /** The code the ledger must refuse the action with, or null when it must accept it. */
    private static String refusal(HazardStatus status, Action action) {
        if (action == Action.REPORT) {
            return status == null ? null : "duplicate-id";
        }
        if (status == null) {
            return "unknown-hazard";
        }
        if (action == Action.REOPEN) {
            return status == CLOSED ? null : "illegal-transition";
        }
        if (status == CLOSED) {
            return "hazard-closed";
        }
        return switch (action) {
            case PLAN -> status == REPORTED ? null : "illegal-transition";
            case SUBMIT -> status == RECTIFICATION_PLANNED ? null : "illegal-transition";
            case VERIFY -> status == RECTIFICATION_SUBMITTED ? null : "illegal-transition";
            case EXTEND -> status == RECTIFICATION_PLANNED || status == RECTIFICATION_SUBMITTED ? null : "illegal-transition";
            case CLOSE -> status == VERIFIED ? null : "close-out-without-passed-verification";
            default -> throw new IllegalArgumentException(action.name());
        };
    }

    private Object command(String id, Action action, boolean yes) {
        return switch (action) {
            case REPORT -> TestLedgers.report(id, id.equals("hz-0") ? HazardLevel.MAJOR : HazardLevel.GENERAL);
            case PLAN -> new PlanRectification(id, "replace gasket", OWNER, FIRST_DUE, "500.00", null, null, OWNER);
            case SUBMIT -> new SubmitRectification(id, "done", List.of(TestLedgers.evidence(id + "-" + size)), OWNER);
            case VERIFY -> new VerifyRectification(id, yes, yes ? "holds" : "still leaking", VERIFIER);
            case CLOSE -> new CloseOutHazard(id, "closed", VERIFIER);
            case REOPEN -> new ReopenHazard(id, "came back", VERIFIER);
            case EXTEND -> new ExtendDeadline(id, dueDates.getOrDefault(id, FIRST_DUE).plusDays(7), "parts late", VERIFIER);
            case ADVANCE -> throw new IllegalArgumentException("ADVANCE is resolved before");
        };
    }

    private void follow(String id, Action action, boolean yes) {
        switch (action) {
            case REPORT -> statuses.put(id, REPORTED);
            case PLAN -> {
                statuses.put(id, RECTIFICATION_PLANNED);
                dueDates.put(id, FIRST_DUE);
            }
            case SUBMIT -> statuses.put(id, RECTIFICATION_SUBMITTED);
            case VERIFY -> statuses.put(id, yes ? VERIFIED : RECTIFICATION_PLANNED);
            case CLOSE -> statuses.put(id, CLOSED);
            case REOPEN -> {
                statuses.put(id, REPORTED);
                dueDates.remove(id);
            }
            case EXTEND -> dueDates.put(id, dueDates.get(id).plusDays(7));
            case ADVANCE -> throw new IllegalArgumentException("ADVANCE is resolved before");
        }
    }
}
