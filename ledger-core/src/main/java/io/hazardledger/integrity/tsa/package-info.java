/**
 * Optional RFC 3161 timestamps for signed checkpoints: a third party, the timestamp authority (TSA), signs that a
 * given SHA-256 digest existed at a given time, so a checkpoint cannot later be back-dated by whoever holds the
 * ledger's own keys.
 *
 * <p>{@link io.hazardledger.integrity.tsa.TimestampClient} obtains a token over HTTP (RFC 3161 §3.4) and checks that
 * the reply answers <em>this</em> request; {@link io.hazardledger.integrity.tsa.TimestampVerifier} checks a stored
 * token against the digest and a trusted TSA certificate, offline, at any later time. Tokens travel as the DER
 * {@code TimeStampToken} (a CMS {@code ContentInfo} with {@code SignedData}, RFC 3161 §2.4.2), which
 * {@code openssl ts -verify -token_in} reads as is. Failures are a checked
 * {@link io.hazardledger.integrity.tsa.TimestampException} whose message names what failed.
 *
 * <p>BouncyCastle does the ASN.1 and CMS work; no BouncyCastle type appears in a public signature.
 */
package io.hazardledger.integrity.tsa;
