/**
 * Storage: Axon's JDBC event store with the hash chain written in the same transaction as every event,
 * the schema (Flyway migrations under {@code db/ledger}), and the readers behind verify, history and replay.
 * Everything here is internal to the library.
 */
package io.hazardledger.store;
