package io.hazardledger.integrity.sig;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** A signer whose key is an unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), Ed25519 or SM2. */
public final class PemSigner implements StatementSigner {

    private final AsymmetricKeyParameter privateKey;
    private final VerificationKey verificationKey;
    private final SecureRandom random = new SecureRandom();

    private PemSigner(AsymmetricKeyParameter privateKey, VerificationKey verificationKey) {
        this.privateKey = privateKey;
        this.verificationKey = verificationKey;
    }

    public static PemSigner fromFile(Path pem) throws IOException, InvalidSignatureException {
        return fromPem(Files.readString(pem, StandardCharsets.US_ASCII));
    }

    public static PemSigner fromPem(String pem) throws InvalidSignatureException {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidSignatureException("not a PEM file", e);
        }
        if (!(parsed instanceof PrivateKeyInfo info)) {
            throw new InvalidSignatureException("not an unencrypted PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        try {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
            AsymmetricKeyParameter pub;
            if (key instanceof Ed25519PrivateKeyParameters ed) {
                pub = ed.generatePublicKey();
            } else if (key instanceof ECPrivateKeyParameters ec) {
                pub = new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
            } else {
                throw new InvalidSignatureException("unsupported private key: only Ed25519 and SM2 are accepted");
            }
            VerificationKey vk = VerificationKey.fromSpki(
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded("DER"));
            return new PemSigner(key, vk);
        } catch (IOException | RuntimeException e) {
            throw new InvalidSignatureException("the private key cannot be read", e);
        }
    }

    @Override
    public VerificationKey verificationKey() {
        return verificationKey;
    }

    @Override
    public byte[] sign(byte[] message) {
        Signer signer = VerificationKey.newSigner(verificationKey.algorithm());
        signer.init(true, VerificationKey.parameters(verificationKey.algorithm(),
                verificationKey.algorithm() == SignatureAlgorithm.ED25519 ? privateKey
                        : new ParametersWithRandom(privateKey, random)));
        signer.update(message, 0, message.length);
        try {
            return signer.generateSignature();
        } catch (CryptoException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }
}
