/**
 * A client of a ledger server that trusts nothing it is shown without proof: it keeps a trusted checkpoint, moves it
 * forward only after a consistency proof passes, and checks every entry it reads against it.
 */
package io.hazardledger.client;
