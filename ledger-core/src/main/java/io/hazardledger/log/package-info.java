/** The ledger as a transparency log: its entries' exact bytes, its Merkle tree heads, and proofs over them. */
package io.hazardledger.log;
