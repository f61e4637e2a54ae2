/**
 * Read models built from the ledger. A projection is fed every ledger entry, in ledger order, inside the
 * transaction that writes the entry; a replay feeds it the same entries from the start. So a live projection
 * and a rebuilt one are made by the same code from the same input.
 */
package io.hazardledger.projection;
