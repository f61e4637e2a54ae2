package io.hazardledger.integrity.sig;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A naive SM2 verifier written from GB/T 32918.2 section 7, sharing nothing with the main code but the curve
 * arithmetic and SM3 of BouncyCastle (not its {@code SM2Signer}): {@code Z_A = SM3(ENTL_A || ID_A || a || b || x_G
 * || y_G || x_A || y_A)}, {@code e = SM3(Z_A || M)}, {@code t = r + s mod n}, {@code (x1, y1) = [s]G + [t]P_A},
 * accept when {@code r = e + x1 mod n}. It lets the tests check which user ID a signature was made with.
 */
final class Sm2Reference {

    static final X9ECParameters SM2P256V1 = GMNamedCurves.getByName("sm2p256v1");
    static final BigInteger N = SM2P256V1.getN();

    private Sm2Reference() {
    }

    /** (r, s) of a DER signature, or null when the bytes are not exactly the DER of SEQUENCE { INTEGER, INTEGER }. */
    static BigInteger[] strictDer(byte[] signature) {
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(signature));
            if (seq.size() != 2 || !Arrays.equals(seq.getEncoded(ASN1Encoding.DER), signature)) {
                return null;
            }
            return new BigInteger[]{ASN1Integer.getInstance(seq.getObjectAt(0)).getValue(),
                    ASN1Integer.getInstance(seq.getObjectAt(1)).getValue()};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The public point of an SM2 SPKI, on this class's curve (GMNamedCurves' generic Fp arithmetic). */
    static ECPoint publicPoint(byte[] spki) throws IOException {
        ECPoint q = ((ECPublicKeyParameters) PublicKeyFactory.createKey(spki)).getQ();
        return SM2P256V1.getCurve().decodePoint(q.getEncoded(false));
    }

    static byte[] za(byte[] userId, ECPoint publicKey) {
        ECPoint g = SM2P256V1.getG().normalize();
        ECPoint p = SM2P256V1.getCurve().decodePoint(publicKey.getEncoded(false));
        int entl = userId.length * 8;
        SM3Digest sm3 = new SM3Digest();
        sm3.update((byte) (entl >>> 8));
        sm3.update((byte) entl);
        update(sm3, userId);
        update(sm3, fe(SM2P256V1.getCurve().getA().toBigInteger()));
        update(sm3, fe(SM2P256V1.getCurve().getB().toBigInteger()));
        update(sm3, fe(g.getAffineXCoord().toBigInteger()));
        update(sm3, fe(g.getAffineYCoord().toBigInteger()));
        update(sm3, fe(p.getAffineXCoord().toBigInteger()));
        update(sm3, fe(p.getAffineYCoord().toBigInteger()));
        return doFinal(sm3);
    }

    static byte[] e(byte[] za, byte[] message) {
        SM3Digest sm3 = new SM3Digest();
        update(sm3, za);
        update(sm3, message);
        return doFinal(sm3);
    }

    static boolean verify(ECPoint publicKey, byte[] userId, byte[] message, BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, e(za(userId, publicKey), message));
        BigInteger t = r.add(s).mod(N);
        if (t.signum() == 0) {
            return false;
        }
        ECPoint p = SM2P256V1.getCurve().decodePoint(publicKey.getEncoded(false));
        ECPoint point = SM2P256V1.getG().multiply(s).add(p.multiply(t)).normalize();
        if (point.isInfinity()) {
            return false;
        }
        return e.add(point.getAffineXCoord().toBigInteger()).mod(N).equals(r);
    }

    private static byte[] fe(BigInteger v) {
        return BigIntegers.asUnsignedByteArray(32, v);
    }

    private static void update(SM3Digest sm3, byte[] bytes) {
        sm3.update(bytes, 0, bytes.length);
    }

    private static byte[] doFinal(SM3Digest sm3) {
        byte[] out = new byte[32];
        sm3.doFinal(out, 0);
        return out;
    }
}
