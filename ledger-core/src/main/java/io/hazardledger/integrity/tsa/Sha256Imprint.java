package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.bouncycastle.util.encoders.Hex;

import java.security.MessageDigest;

/**
 * The message imprint (RFC 3161 §2.4.1, {@code MessageImprint}): this package only ever timestamps SHA-256 digests,
 * so the imprint must name SHA-256 and carry exactly the digest. Shared by the client (the reply answers the request)
 * and the verifier (the token covers the data).
 */
final class Sha256Imprint {

    static final int LENGTH = 32;

    private Sha256Imprint() {
    }

    /** A defensive copy of a caller's digest; a wrong length is a programming error, not a TSA failure. */
    static byte[] requireDigest(byte[] sha256Digest) {
        if (sha256Digest == null) {
            throw new IllegalArgumentException("sha256Digest is null");
        }
        if (sha256Digest.length != LENGTH) {
            throw new IllegalArgumentException(
                    "sha256Digest must be " + LENGTH + " bytes (a SHA-256 digest), got " + sha256Digest.length);
        }
        return sha256Digest.clone();
    }

    /** Throws unless the token's imprint is SHA-256 over exactly {@code expected}; {@code what} starts the message. */
    static void check(TimeStampTokenInfo info, byte[] expected, String what) throws TimestampException {
        if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
            throw new TimestampException(what + ": message imprint uses hash algorithm "
                    + info.getMessageImprintAlgOID() + ", not SHA-256 (" + NISTObjectIdentifiers.id_sha256 + ")");
        }
        byte[] actual = info.getMessageImprintDigest();
        if (!MessageDigest.isEqual(actual, expected)) {
            throw new TimestampException(what + ": message imprint mismatch: token covers " + Hex.toHexString(actual)
                    + ", expected " + Hex.toHexString(expected));
        }
    }
}
