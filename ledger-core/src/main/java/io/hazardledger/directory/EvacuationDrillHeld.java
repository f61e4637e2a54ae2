package io.hazardledger.directory;

import java.time.LocalDate;

/** An evacuation drill the enterprise held on {@code heldOn} (a day in the park's time zone). */
public record EvacuationDrillHeld(String enterpriseId, LocalDate heldOn, String description, String recordedBy) {
}
