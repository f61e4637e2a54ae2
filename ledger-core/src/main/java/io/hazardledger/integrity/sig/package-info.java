/**
 * Personal signatures: keys, signing and verification, with nothing but the JDK and BouncyCastle.
 * Ed25519 (RFC 8032; signatures are the raw 64 bytes) by default; SM2 with SM3 (GB/T 32918, GB/T 32905; signatures
 * are DER {@code SEQUENCE {r, s}}, user ID {@code 1234567812345678}) for the national-cryptography profile.
 * Public keys travel as base64 DER SubjectPublicKeyInfo; private keys as PKCS#8 PEM and never leave their owner.
 * No BouncyCastle type appears in a public signature.
 */
package io.hazardledger.integrity.sig;
