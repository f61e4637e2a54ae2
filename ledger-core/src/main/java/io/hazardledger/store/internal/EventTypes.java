package io.hazardledger.store.internal;

import io.hazardledger.directory.EnterpriseRegistered;
import io.hazardledger.directory.KeyRegistered;
import io.hazardledger.directory.KeyRevoked;
import io.hazardledger.directory.PersonRegistered;
import io.hazardledger.directory.PrincipalAppointed;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.inspection.InspectionCoSigned;
import io.hazardledger.inspection.InspectionSignedOff;
import io.hazardledger.inspection.InspectionStarted;
import io.hazardledger.inspection.ItemResultRecorded;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stable names under which events are stored and appear as {@code eventType} in ledger entries.
 * Names never change once released: a renamed Java class keeps its stored name here.
 */
public final class EventTypes {

    private static final List<Class<?>> ALL = List.of(
            EnterpriseRegistered.class, PrincipalAppointed.class, PersonRegistered.class,
            KeyRegistered.class, KeyRevoked.class,
            HazardReported.class, RectificationPlanned.class, RectificationSubmitted.class,
            RectificationVerified.class, HazardClosedOut.class, HazardReopened.class, DeadlineExtended.class,
            InspectionStarted.class, ItemResultRecorded.class, InspectionSignedOff.class, InspectionCoSigned.class,
            io.hazardledger.flags.FlagAcknowledged.class,
            io.hazardledger.hazard.RectificationOverdue.class, io.hazardledger.hazard.HazardEscalated.class,
            io.hazardledger.directory.EvacuationDrillHeld.class,
            io.hazardledger.whistleblower.WhistleblowerReportFiled.class,
            io.hazardledger.whistleblower.WhistleblowerReportLinked.class,
            io.hazardledger.whistleblower.WhistleblowerIdentityRevealed.class,
            io.hazardledger.whistleblower.WhistleblowerIdentityShredded.class,
            io.hazardledger.supervision.SupervisionGradeChanged.class);

    private static final Map<Class<?>, String> NAMES = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), Class::getSimpleName));
    private static final Map<String, Class<?>> CLASSES = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private EventTypes() {
    }

    /** The stored name of an event class, or null when it is not a ledger event. */
    public static String nameOf(Class<?> type) {
        return NAMES.get(type);
    }

    /** The event class stored under a name, or null. */
    public static Class<?> classOf(String name) {
        return CLASSES.get(name);
    }
}
