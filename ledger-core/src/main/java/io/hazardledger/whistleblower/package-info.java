/**
 * Whistleblowers (吹哨人): reports filed without an account, whose reporter's identity is sealed before anything is
 * stored (docs/FORMAT.md section 18). Only ciphertext and a commitment reach the ledger; the data key, wrapped for
 * the park office's sealing key, is kept beside the ledger, so that destroying it (crypto-shredding) makes the
 * identity unrecoverable while the chain still verifies. Each reveal is a signed ledger entry written before the
 * identity is decrypted.
 */
package io.hazardledger.whistleblower;
