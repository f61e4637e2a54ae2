package io.hazardledger.integrity.sig;

/**
 * What a verifier checks of the key history's entries beyond their reading (FORMAT 12.8): a {@code KeyRegistered}
 * names its key by the key's own ID, algorithm and canonical encoding, and registers a key ID once; a
 * {@code KeyRevoked} revokes a key registered before it, once. The ledger writes no other (its handlers refuse a key
 * registered twice or revoked twice), so another is a history rewritten: a second revocation would otherwise decide a
 * key's {@code revokedAt} by which came last, and a key ID that is not its key's would let signatures pass under a
 * key nobody registered by that ID.
 */
public final class KeyEvents {

    private KeyEvents() {
    }

    /** Why a {@code KeyRegistered} is not its key's, or null when it is. */
    public static String notTheKey(String keyId, String algorithm, String publicKey, VerificationKey key,
                                   boolean registeredBefore) {
        if (!key.keyId().equals(keyId)) {
            return "the keyId " + keyId + " is not the ID of the key it registers (" + key.keyId() + ")";
        }
        if (!key.algorithm().name().equals(algorithm)) {
            return "the algorithm " + algorithm + " is not the key's (" + key.algorithm().name() + ")";
        }
        if (!key.spkiBase64().equals(publicKey)) {
            return "the publicKey is not the key's canonical SubjectPublicKeyInfo in padded base64";
        }
        if (registeredBefore) {
            return "the key " + keyId + " is registered a second time";
        }
        return null;
    }

    /** Why a {@code KeyRevoked} revokes no key it may, or null when it revokes one. */
    public static String notARevocation(String keyId, boolean registeredBefore, boolean revokedBefore) {
        if (!registeredBefore) {
            return "the key " + keyId + " it revokes was not registered before it";
        }
        if (revokedBefore) {
            return "the key " + keyId + " is revoked a second time";
        }
        return null;
    }
}
