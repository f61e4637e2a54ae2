package io.hazardledger.integrity.sig;

import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A public key, parsed from its DER SubjectPublicKeyInfo. Immutable; the encoded bytes are copied in and out.
 * {@link #keyId()} is the first 16 bytes of SHA-256(SubjectPublicKeyInfo DER), lowercase hex.
 */
public final class VerificationKey {

    /** The default SM2 user ID (GB/T 35276). */
    public static final String SM2_DEFAULT_USER_ID = "1234567812345678";

    private final SignatureAlgorithm algorithm;
    private final byte[] spki;
    private final String keyId;
    private final AsymmetricKeyParameter key;

    private VerificationKey(SignatureAlgorithm algorithm, byte[] spki, AsymmetricKeyParameter key) {
        this.algorithm = algorithm;
        this.spki = spki.clone();
        this.key = key;
        this.keyId = keyIdOf(spki);
    }

    /** Parses a base64 DER SubjectPublicKeyInfo holding an Ed25519 or SM2 public key. */
    public static VerificationKey fromBase64Spki(String base64) throws InvalidSignatureException {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidSignatureException("no public key given");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("the public key is not base64");
        }
        return fromSpki(der);
    }

    /** Parses a DER SubjectPublicKeyInfo holding an Ed25519 or SM2 public key. */
    public static VerificationKey fromSpki(byte[] der) throws InvalidSignatureException {
        AsymmetricKeyParameter key;
        try {
            key = PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSignatureException("the public key is not a DER SubjectPublicKeyInfo", e);
        }
        // The key is kept (and its ID computed) in its one canonical DER form, so that a re-encoding of the same
        // key (BER lengths, explicit NULL parameters, a compressed point) cannot pass for another key.
        if (key instanceof Ed25519PublicKeyParameters) {
            return new VerificationKey(SignatureAlgorithm.ED25519, canonical(key), key);
        }
        if (key instanceof ECPublicKeyParameters ec && ec.getParameters() instanceof ECNamedDomainParameters named
                && GMObjectIdentifiers.sm2p256v1.equals(named.getName())) {
            return new VerificationKey(SignatureAlgorithm.SM2_SM3, canonical(key), key);
        }
        throw new InvalidSignatureException("unsupported public key: only Ed25519 and SM2 (curve sm2p256v1) are accepted");
    }

    private static byte[] canonical(AsymmetricKeyParameter key) throws InvalidSignatureException {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded("DER");
        } catch (IOException | RuntimeException e) {
            throw new InvalidSignatureException("the public key cannot be encoded", e);
        }
    }

    /** The key ID of a DER SubjectPublicKeyInfo: first 16 bytes of its SHA-256, lowercase hex. */
    public static String keyIdOf(byte[] spkiDer) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spkiDer);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public String keyId() {
        return keyId;
    }

    /** The DER SubjectPublicKeyInfo (a copy). */
    public byte[] spki() {
        return spki.clone();
    }

    public String spkiBase64() {
        return Base64.getEncoder().encodeToString(spki);
    }

    /**
     * Checks a signature over {@code message}: Ed25519 raw 64 bytes, or SM2-with-SM3 DER (r, s) with the default
     * user ID.
     *
     * @throws InvalidSignatureException when it does not verify
     */
    public void verify(byte[] message, byte[] signature) throws InvalidSignatureException {
        if (signature == null || message == null) {
            throw new InvalidSignatureException(signature == null ? "no signature" : "no message");
        }
        if (algorithm == SignatureAlgorithm.ED25519 && signature.length != 64) {
            throw new InvalidSignatureException("an Ed25519 signature is 64 bytes, got " + signature.length);
        }
        Signer verifier = newSigner(algorithm);
        verifier.init(false, parameters(algorithm, key));
        verifier.update(message, 0, message.length);
        boolean ok;
        try {
            ok = verifier.verifySignature(signature);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new InvalidSignatureException("the " + algorithm + " signature does not verify with key " + keyId);
        }
    }

    static Signer newSigner(SignatureAlgorithm algorithm) {
        return algorithm == SignatureAlgorithm.ED25519 ? new Ed25519Signer() : new SM2Signer();
    }

    static CipherParameters parameters(SignatureAlgorithm algorithm, CipherParameters key) {
        return algorithm == SignatureAlgorithm.ED25519
                ? key
                : new ParametersWithID(key, SM2_DEFAULT_USER_ID.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey other && java.security.MessageDigest.isEqual(spki, other.spki);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return algorithm + " key " + keyId;
    }
}
