package io.hazardledger.integrity.sig;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.junit.jupiter.api.Test;

import static io.hazardledger.integrity.sig.SigTestSupport.hex;
import static io.hazardledger.integrity.sig.SigTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SM3 examples of GB/T 32905-2016 (appendix A), through BouncyCastle's {@link SM3Digest}, the digest under the
 * SM2 signatures of {@link SignatureAlgorithm#SM2_SM3}. By hand with OpenSSL 3.0:
 *
 * <pre>{@code
 * printf abc | openssl dgst -sm3
 * # SM3(stdin)= 66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0
 * printf 'abcd%.0s' $(seq 16) | openssl dgst -sm3
 * # SM3(stdin)= debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732
 * }</pre>
 */
class Sm3KnownAnswerTest {

    static String sm3(byte[] message) {
        SM3Digest digest = new SM3Digest();
        digest.update(message, 0, message.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return hex(out);
    }

    @Test
    void example1_abc() {
        assertThat(sm3(utf8("abc")))
                .isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void example2_abcdSixteenTimes_512Bits() {
        byte[] message = utf8("abcd".repeat(16));
        assertThat(message).hasSize(64);

        assertThat(sm3(message))
                .isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void example2_fedByteByByte_givesTheSameDigest() {
        byte[] message = utf8("abcd".repeat(16));
        SM3Digest digest = new SM3Digest();
        for (byte b : message) {
            digest.update(b);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);

        assertThat(hex(out)).isEqualTo("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    }

    @Test
    void digestSize_is256Bits() {
        assertThat(new SM3Digest().getDigestSize()).isEqualTo(32);
    }
}
