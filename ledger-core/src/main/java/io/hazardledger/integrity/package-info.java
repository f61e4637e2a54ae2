/**
 * The ledger's integrity, standing alone: the exact bytes of a ledger entry (RFC 8785 canonical JSON),
 * the RFC 9162 leaf hash that chains and later forms the Merkle tree, and the chain verifier.
 * <p>
 * Depends on nothing but the JDK and an RFC 8785 canonicaliser, so that an auditor can run it
 * without a server or a database. The byte layout is specified in {@code docs/FORMAT.md}.
 */
package io.hazardledger.integrity;
