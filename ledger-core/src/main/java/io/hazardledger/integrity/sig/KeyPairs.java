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

    public static Generated generate(SignatureAlgorithm algorithm) {
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
                pem.writeObject(new PemObject("PRIVATE KEY",
                        PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded("DER")));
            }
            String pemText = out.toString();
            return new Generated(pemText, PemSigner.fromPem(pemText));
        } catch (IOException | InvalidSignatureException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }
}
