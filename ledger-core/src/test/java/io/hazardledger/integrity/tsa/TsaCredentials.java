package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A test TSA's key and self-signed certificate. By default the certificate is what RFC 3161 §2.3 asks for: a
 * critical extended key usage with only {@code id-kp-timeStamping} (plus a critical key usage digitalSignature and
 * CA:FALSE, as a real TSA certificate has). Variants break exactly one rule, for the refusal tests.
 */
record TsaCredentials(KeyPair keyPair, X509CertificateHolder certificate, String signatureAlgorithm) {

    static final Provider BC = new BouncyCastleProvider();

    enum Eku { CRITICAL_TIMESTAMPING, NON_CRITICAL_TIMESTAMPING, NONE, TIMESTAMPING_AND_SERVER_AUTH }

    /** RSA 2048 with SHA-256, the TSA's usual key. */
    static TsaCredentials rsa(String commonName) {
        return create("RSA", name(commonName), BigInteger.valueOf(0x5A), validFromYesterday(),
                Eku.CRITICAL_TIMESTAMPING);
    }

    static TsaCredentials ed25519(String commonName) {
        return create("Ed25519", name(commonName), BigInteger.valueOf(0xED), validFromYesterday(),
                Eku.CRITICAL_TIMESTAMPING);
    }

    /** Another key under exactly the same name and serial: what the token's signer ID cannot tell apart. */
    TsaCredentials impostor() {
        return create("Ed25519", certificate.getSubject(), certificate.getSerialNumber(),
                new Instant[] {certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()},
                Eku.CRITICAL_TIMESTAMPING);
    }

    /** A certificate that expired yesterday; BouncyCastle's token generator still signs with it. */
    static TsaCredentials expiredEd25519(String commonName) {
        Instant now = Instant.now();
        return create("Ed25519", name(commonName), BigInteger.valueOf(0xE0),
                new Instant[] {now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1))},
                Eku.CRITICAL_TIMESTAMPING);
    }

    /** A certificate for the same key with a different extended key usage. */
    TsaCredentials withEku(Eku eku) {
        return create(keyPair, signatureAlgorithm, certificate.getSubject(), certificate.getSerialNumber(),
                validFromYesterday(), eku);
    }

    static TsaCredentials create(String keyAlgorithm, X500Name subject, BigInteger serial, Instant[] validity,
                                 Eku eku) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, BC);
            if (keyAlgorithm.equals("RSA")) {
                generator.initialize(2048);
            }
            String signatureAlgorithm = keyAlgorithm.equals("RSA") ? "SHA256withRSA" : "Ed25519";
            return create(generator.generateKeyPair(), signatureAlgorithm, subject, serial, validity, eku);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TsaCredentials create(KeyPair keyPair, String signatureAlgorithm, X500Name subject,
                                         BigInteger serial, Instant[] validity, Eku eku) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(validity[0]), Date.from(validity[1]), subject, keyPair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keyPair.getPublic()));
            switch (eku) {
                case CRITICAL_TIMESTAMPING -> builder.addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                case NON_CRITICAL_TIMESTAMPING -> builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                case TIMESTAMPING_AND_SERVER_AUTH -> builder.addExtension(Extension.extendedKeyUsage, true,
                        new ExtendedKeyUsage(new KeyPurposeId[] {
                            KeyPurposeId.id_kp_timeStamping, KeyPurposeId.id_kp_serverAuth}));
                case NONE -> {
                }
            }
            X509CertificateHolder certificate = builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(keyPair.getPrivate()));
            return new TsaCredentials(keyPair, certificate, signatureAlgorithm);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName + ",O=hazard-ledger tests");
    }

    private static Instant[] validFromYesterday() {
        Instant now = Instant.now();
        return new Instant[] {now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))};
    }

    byte[] certificateDer() {
        try {
            return certificate.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String certificatePem() {
        return pem("CERTIFICATE", certificateDer());
    }

    /** Unencrypted PKCS#8, for {@code openssl ts -reply -inkey}. */
    String privateKeyPem() {
        return pem("PRIVATE KEY", keyPair.getPrivate().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
