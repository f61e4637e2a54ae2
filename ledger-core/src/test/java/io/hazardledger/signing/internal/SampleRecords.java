package io.hazardledger.signing.internal;

import io.hazardledger.directory.KeyRevoked;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.flags.AcknowledgeFlag;
import io.hazardledger.flags.FlagAcknowledged;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.DeadlineExtended;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardClosedOut;
import io.hazardledger.hazard.HazardReopened;
import io.hazardledger.hazard.HazardReported;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.RectificationPlanned;
import io.hazardledger.hazard.RectificationSubmitted;
import io.hazardledger.hazard.RectificationVerified;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.inspection.CoSignInspection;
import io.hazardledger.inspection.InspectionCoSigned;
import io.hazardledger.inspection.InspectionSignedOff;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.whistleblower.LinkReport;
import io.hazardledger.whistleblower.RevealIdentity;
import io.hazardledger.whistleblower.ShredIdentity;
import io.hazardledger.whistleblower.WhistleblowerIdentityRevealed;
import io.hazardledger.whistleblower.WhistleblowerIdentityShredded;
import io.hazardledger.whistleblower.WhistleblowerReportLinked;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Valid commands and events made of sample values: every string member differs ({@code v-<name>}), so that which
 * member something reads can be told from its value.
 */
public final class SampleRecords {

    /** Each event type of a person's signed act whose command is rebuilt from it (FORMAT.md 12.3), and its command. */
    public static final Map<Class<? extends Record>, Class<? extends Record>> COMMAND_OF = Map.ofEntries(
            Map.entry(HazardReported.class, ReportHazard.class),
            Map.entry(RectificationPlanned.class, PlanRectification.class),
            Map.entry(RectificationSubmitted.class, SubmitRectification.class),
            Map.entry(RectificationVerified.class, VerifyRectification.class),
            Map.entry(HazardClosedOut.class, CloseOutHazard.class),
            Map.entry(DeadlineExtended.class, ExtendDeadline.class),
            Map.entry(HazardReopened.class, ReopenHazard.class),
            Map.entry(InspectionSignedOff.class, SignOffInspection.class),
            Map.entry(InspectionCoSigned.class, CoSignInspection.class),
            Map.entry(FlagAcknowledged.class, AcknowledgeFlag.class),
            Map.entry(WhistleblowerIdentityRevealed.class, RevealIdentity.class),
            Map.entry(WhistleblowerIdentityShredded.class, ShredIdentity.class),
            Map.entry(WhistleblowerReportLinked.class, LinkReport.class),
            Map.entry(KeyRevoked.class, RevokeKey.class));

    private SampleRecords() {
    }

    /** The event the aggregate writes for {@code command}: its values by name, the members the event adds sampled. */
    public static <R extends Record> R eventOf(Class<R> event, Record command) throws Exception {
        Map<String, Object> values = new java.util.HashMap<>();
        for (RecordComponent c : command.getClass().getRecordComponents()) {
            values.put(c.getName(), c.getAccessor().invoke(command));
        }
        return of(event, values);
    }

    /** A record of {@code type} of sample values, those named in {@code given} taken from it. */
    public static <R extends Record> R of(Class<R> type, Map<String, Object> given) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            String name = components[i].getName();
            types[i] = t;
            if (given.containsKey(name)) {
                args[i] = given.get(name);
            } else if (t == String.class) {
                args[i] = switch (name) {
                    case "publicKey", "newPublicKey" -> "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
                    case "funding" -> "1200.00";
                    default -> "v-" + name;
                };
            } else if (t == Instant.class) {
                args[i] = Instant.parse("2026-11-29T08:31:12.500Z");
            } else if (t == LocalDate.class) {
                args[i] = LocalDate.parse("2026-12-15");
            } else if (t == boolean.class) {
                args[i] = true;
            } else if (t == int.class) {
                args[i] = 7;
            } else if (t == long.class) {
                args[i] = 1_004_002L;
            } else if (t == io.hazardledger.supervision.GradeThresholds.class) {
                args[i] = new io.hazardledger.supervision.GradeThresholds(30, 60, 90);
            } else if (name.equals("factors")) {
                args[i] = List.of(new io.hazardledger.supervision.GradeFactor(
                        io.hazardledger.supervision.GradeFactor.Factor.OPEN_MAJOR_HAZARDS, null, 2, 15, 30,
                        List.of("hz-1", "hz-\u7f50")));
            } else if (t == io.hazardledger.flags.FlagParameters.class) {
                args[i] = io.hazardledger.flags.FlagParameters.defaults();
            } else if (t.isEnum()) {
                args[i] = t.getEnumConstants()[0];
            } else if (name.equals("evidence")) {
                args[i] = List.of(new Evidence("8ed3cc478d2a0c7eb17316d62ad2d6dcf8dea1e7c894168b40bb68c411cc45e9",
                        "image/jpeg", Instant.parse("2026-11-29T08:31:12.500Z"), "IMG_0412.jpg"));
            } else if (name.equals("failedItems")) {
                args[i] = List.of(new InspectionSignedOff.FailedItem("3", "hz-9"));
            } else {
                throw new AssertionError("no sample value for " + type.getSimpleName() + "." + name + " (" + t + ")");
            }
        }
        return type.getDeclaredConstructor(types).newInstance(args);
    }
}
