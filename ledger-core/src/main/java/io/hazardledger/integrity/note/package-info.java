/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures, and C2SP tlog checkpoints
 * (https://c2sp.org/tlog-checkpoint) carried in them, so that existing transparency-log tools can check the
 * ledger's tree heads. JDK and BouncyCastle only.
 */
package io.hazardledger.integrity.note;
