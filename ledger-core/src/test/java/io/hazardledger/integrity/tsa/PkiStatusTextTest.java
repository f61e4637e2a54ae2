package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Status and failure info read as RFC 3161 §2.4.2 names them. */
class PkiStatusTextTest {

    @Test
    void statuses_areNamed() {
        assertThat(PkiStatusText.status(0)).isEqualTo("granted (0)");
        assertThat(PkiStatusText.status(2)).isEqualTo("rejection (2)");
        assertThat(PkiStatusText.status(3)).isEqualTo("waiting (3)");
        assertThat(PkiStatusText.status(5)).isEqualTo("revocationNotification (5)");
        assertThat(PkiStatusText.status(9)).isEqualTo("unknown status (9)");
        assertThat(PkiStatusText.status(-1)).isEqualTo("unknown status (-1)");
    }

    @Test
    void failureBits_areNamed_andUnknownBitsShownRaw() {
        assertThat(PkiStatusText.failureInfo(null)).isEqualTo("none");
        assertThat(PkiStatusText.failureInfo(new PKIFailureInfo(0))).isEqualTo("none");
        assertThat(PkiStatusText.failureInfo(new PKIFailureInfo(PKIFailureInfo.timeNotAvailable)))
                .isEqualTo("[timeNotAvailable]");
        assertThat(PkiStatusText.failureInfo(
                new PKIFailureInfo(PKIFailureInfo.badDataFormat | PKIFailureInfo.systemFailure)))
                .isEqualTo("[badDataFormat, systemFailure]");
        assertThat(PkiStatusText.failureInfo(new PKIFailureInfo(PKIFailureInfo.badPOP)))
                .isEqualTo("[other bits 0x" + Integer.toHexString(PKIFailureInfo.badPOP) + "]");
    }
}
