/**
 * Hazards (事故隐患) and their closed loop: reported → rectification planned → rectification submitted →
 * verified (passed, or failed and back to the owner) → closed out (销号); reopen and deadline extension.
 * The rules live in {@link io.hazardledger.hazard.Hazard}; commands and events are records.
 */
package io.hazardledger.hazard;
