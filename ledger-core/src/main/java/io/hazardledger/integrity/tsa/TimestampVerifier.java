package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

import java.security.Provider;
import java.security.cert.CertificateException;
import java.util.Collection;
import java.util.Objects;

/**
 * Checks a stored RFC 3161 timestamp token, offline, against the digest it should cover and the one TSA certificate
 * the ledger trusts. Deliberately simple: no chains, no revocation. The token must carry its signer's certificate
 * (the client sets {@code certReq}, RFC 3161 §2.4.1) and that certificate must be byte-for-byte the trusted one.
 *
 * <p>Checks, in order: the trusted certificate has only a critical {@code id-kp-timeStamping} extended key usage
 * (RFC 3161 §2.3); the token is one CMS {@code SignedData} over a {@code TSTInfo} with a single signer (§2.4.2); the
 * signer's certificate in the token is the trusted one; the ESS signing-certificate attribute names it (RFC 5035),
 * it was valid at {@code genTime}, and the CMS signature verifies with its key (RFC 5652 §5.6); the message imprint
 * is SHA-256 over exactly the digest. Validity is judged at {@code genTime}, not now, so a token stays verifiable
 * after its TSA certificate expires — that is the point of a timestamp.
 */
public final class TimestampVerifier {

    private TimestampVerifier() {
    }

    /** Verifies {@code token} with the trusted TSA certificate given as DER. */
    public static TimestampInfo verify(byte[] token, byte[] sha256Digest, byte[] tsaCertificateDer)
            throws TimestampException {
        byte[] digest = Sha256Imprint.requireDigest(sha256Digest);
        return verify(token, digest, TsaCertificate.fromDer(tsaCertificateDer));
    }

    /** Verifies {@code token} with the trusted TSA certificate given as PEM ({@code -----BEGIN CERTIFICATE-----}). */
    public static TimestampInfo verify(byte[] token, byte[] sha256Digest, String tsaCertificatePem)
            throws TimestampException {
        byte[] digest = Sha256Imprint.requireDigest(sha256Digest);
        return verify(token, digest, TsaCertificate.fromPem(tsaCertificatePem));
    }

    private static TimestampInfo verify(byte[] tokenBytes, byte[] digest, X509CertificateHolder trusted)
            throws TimestampException {
        Objects.requireNonNull(tokenBytes, "token");
        TsaCertificate.requireTimeStampingOnly(trusted);
        TimeStampToken token = parse(tokenBytes);
        requireSignerIs(token, trusted);
        validate(token, trusted);
        TimeStampTokenInfo info = token.getTimeStampInfo();
        Sha256Imprint.check(info, digest, "the token does not cover the digest");
        return new TimestampInfo(info.getGenTime().toInstant(), info.getSerialNumber().toString(16),
                info.getPolicy().getId(), name(info.getTsa()));
    }

    /** Exactly one ASN.1 object (no trailing bytes), a ContentInfo with SignedData over a TSTInfo. */
    private static TimeStampToken parse(byte[] bytes) throws TimestampException {
        try {
            ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(bytes));
            return new TimeStampToken(new CMSSignedData(contentInfo));
        } catch (Exception e) {
            throw new TimestampException("not an RFC 3161 timestamp token: " + e.getMessage(), e);
        }
    }

    private static void requireSignerIs(TimeStampToken token, X509CertificateHolder trusted)
            throws TimestampException {
        Collection<X509CertificateHolder> carried = token.getCertificates().getMatches(token.getSID());
        if (carried.isEmpty()) {
            throw new TimestampException("the token does not carry its signer's certificate (it was requested "
                    + "without certReq, RFC 3161 §2.4.1), so it cannot be matched to the trusted TSA certificate");
        }
        if (!carried.contains(trusted)) {
            throw new TimestampException("the token is signed by another certificate ("
                    + TsaCertificate.describe(carried.iterator().next()) + ") than the trusted TSA certificate ("
                    + TsaCertificate.describe(trusted) + ")");
        }
    }

    private static void validate(TimeStampToken token, X509CertificateHolder trusted) throws TimestampException {
        SignerInformationVerifier verifier;
        try {
            verifier = new JcaSimpleSignerInfoVerifierBuilder().setProvider(Bc.PROVIDER).build(trusted);
        } catch (OperatorCreationException | CertificateException | RuntimeException e) {
            throw new TimestampException("cannot use the key of the trusted TSA certificate: " + e.getMessage(), e);
        }
        try {
            token.validate(verifier);
        } catch (TSPException | RuntimeException e) {
            throw new TimestampException("the token does not validate against the trusted TSA certificate: "
                    + innermostMessage(e), e);
        }
    }

    /** BouncyCastle wraps, e.g., "message-digest attribute value does not match" in "CMS exception: ...". */
    private static String innermostMessage(Throwable e) {
        String message = e.toString();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static String name(GeneralName tsa) {
        if (tsa == null) {
            return null;
        }
        if (tsa.getTagNo() == GeneralName.directoryName) {
            return X500Name.getInstance(tsa.getName()).toString();
        }
        return tsa.toString();
    }

    /** BouncyCastle as a private provider instance, never registered globally; created on first verification. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
