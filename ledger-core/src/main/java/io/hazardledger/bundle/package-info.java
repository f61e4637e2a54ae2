/**
 * Offline audit bundles: the entries of the ledger up to a signed checkpoint, in one JSON Lines file, and a
 * verifier that checks such a file without the server or its database: the checkpoint's signature with keys the
 * auditor trusts, every entry's bytes, chain link and Merkle leaf, the root against the checkpoint, and every
 * signed statement against the key history in the bundle. Format: docs/FORMAT.md.
 */
package io.hazardledger.bundle;
