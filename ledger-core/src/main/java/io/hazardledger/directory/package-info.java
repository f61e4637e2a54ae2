/**
 * Who is who: enterprises of the park (sector, high-risk flag, principal responsible person) and
 * people (name, roles, enterprise). Commands, events, the two aggregates, and the directory view
 * that other aggregates consult to check that a referenced person or enterprise exists.
 */
package io.hazardledger.directory;
