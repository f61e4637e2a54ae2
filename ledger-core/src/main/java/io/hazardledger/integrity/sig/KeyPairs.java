package io.hazardledger.integrity.sig;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.security.SecureRandom;

/** Generates key pairs: the private key as PKCS#8 PEM, for its owner alone. */
public final class KeyPairs {

    private KeyPairs() {
    }

    /** A new key: its PKCS#8 PEM (secret) and the signer over it. */
    public record Generated(String privateKeyPem, PemSigner signer) {
        public VerificationKey verificationKey() {
            return signer.verificationKey();
        }
    }

    /**
     * PKCS#8 DER. Ed25519 in the RFC 8410 v1 form without the public key, as {@code openssl genpkey} writes it
     * (OpenSSL before 3.5 cannot read the v2 form that carries the public key).
     */
    private static byte[] pkcs8(org.bouncycastle.crypto.params.AsymmetricKeyParameter key) throws IOException {
        if (key instanceof org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters ed) {
            return new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
                    new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                            org.bouncycastle.asn1.edec.EdECObjectIdentifiers.id_Ed25519),
                    new org.bouncycastle.asn1.DEROctetString(ed.getEncoded())).getEncoded("DER");
        }
        return PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded("DER");
    }

    public static Generated generate(SignatureAlgorithm algorithm) {
        java.util.Objects.requireNonNull(algorithm, "algorithm");
        SecureRandom random = new SecureRandom();
        AsymmetricCipherKeyPair pair;
        if (algorithm == SignatureAlgorithm.ED25519) {
            Ed25519KeyPairGenerator g = new Ed25519KeyPairGenerator();
            g.init(new Ed25519KeyGenerationParameters(random));
            pair = g.generateKeyPair();
        } else {
            X9ECParameters x9 = GMNamedCurves.getByOID(GMObjectIdentifiers.sm2p256v1);
            ECKeyPairGenerator g = new ECKeyPairGenerator();
            g.init(new ECKeyGenerationParameters(new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, x9), random));
            pair = g.generateKeyPair();
        }
        try {
            StringWriter out = new StringWriter();
            try (PemWriter pem = new PemWriter(out)) {
                pem.writeObject(new PemObject("PRIVATE KEY", pkcs8(pair.getPrivate())));
            }
            String pemText = out.toString();
            return new Generated(pemText, PemSigner.fromPem(pemText));
        } catch (IOException | InvalidSignatureException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }
}
