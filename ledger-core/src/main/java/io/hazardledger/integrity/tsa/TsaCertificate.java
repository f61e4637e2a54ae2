package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Objects;

/**
 * The trusted TSA certificate: read from DER or PEM, and held to RFC 3161 §2.3 — a TSA signs timestamps with a key
 * whose certificate has exactly one extended key usage, {@code id-kp-timeStamping}, in a <em>critical</em>
 * extension. A certificate for anything else must not be able to vouch for a time.
 */
final class TsaCertificate {

    private TsaCertificate() {
    }

    static X509CertificateHolder fromDer(byte[] der) throws TimestampException {
        Objects.requireNonNull(der, "tsaCertificateDer");
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw new TimestampException("the trusted TSA certificate is not a DER X.509 certificate: "
                    + e.getMessage(), e);
        }
    }

    /** The first PEM block, which must be a {@code CERTIFICATE}. */
    static X509CertificateHolder fromPem(String pem) throws TimestampException {
        Objects.requireNonNull(pem, "tsaCertificatePem");
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new TimestampException("the trusted TSA certificate is not a PEM X.509 certificate: "
                    + e.getMessage(), e);
        }
        if (!(parsed instanceof X509CertificateHolder certificate)) {
            throw new TimestampException("the trusted TSA certificate is not a PEM X.509 certificate "
                    + "(-----BEGIN CERTIFICATE-----), found " + (parsed == null ? "no PEM block" : "another PEM type"));
        }
        return certificate;
    }

    /** RFC 3161 §2.3: one critical extended key usage, {@code id-kp-timeStamping} and nothing else. */
    static void requireTimeStampingOnly(X509CertificateHolder certificate) throws TimestampException {
        Extension extension = certificate.getExtension(Extension.extendedKeyUsage);
        String who = "the trusted TSA certificate (" + describe(certificate) + ")";
        if (extension == null) {
            throw new TimestampException(who + " has no extended key usage; RFC 3161 §2.3 requires "
                    + "id-kp-timeStamping");
        }
        if (!extension.isCritical()) {
            throw new TimestampException(who + " has a non-critical extended key usage; RFC 3161 §2.3 requires it "
                    + "to be critical");
        }
        KeyPurposeId[] usages;
        try {
            usages = ExtendedKeyUsage.getInstance(extension.getParsedValue()).getUsages();
        } catch (RuntimeException e) {
            throw new TimestampException(who + " has a malformed extended key usage: " + e.getMessage(), e);
        }
        if (usages.length != 1 || !KeyPurposeId.id_kp_timeStamping.equals(usages[0])) {
            throw new TimestampException(who + " has extended key usage " + Arrays.toString(usages)
                    + "; RFC 3161 §2.3 requires exactly id-kp-timeStamping (" + KeyPurposeId.id_kp_timeStamping + ")");
        }
    }

    /** {@code subject CN=..., serial 1f} for messages. */
    static String describe(X509CertificateHolder certificate) {
        return "subject " + certificate.getSubject() + ", serial " + certificate.getSerialNumber().toString(16);
    }
}
