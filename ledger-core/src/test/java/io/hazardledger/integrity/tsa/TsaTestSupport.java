package io.hazardledger.integrity.tsa;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/** Small helpers shared by the timestamp tests. */
final class TsaTestSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private TsaTestSupport() {
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token's TSTInfo, parsed with BouncyCastle directly (no checks). */
    static TimeStampTokenInfo tstInfo(byte[] token) {
        try {
            return new TimeStampToken(new CMSSignedData(token)).getTimeStampInfo();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] flipLastByte(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }
}
