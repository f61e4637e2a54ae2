/**
 * Supervision of the enterprises by the park office: the cadences the three-year plan sets (leader-led inspections,
 * evacuation drills), and which enterprise is behind, since when, with the entry that proves its last one.
 */
package io.hazardledger.supervision;
