package io.hazardledger.store.internal;

import io.hazardledger.integrity.Hashes;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** The statement fingerprints that name a reused signature: a set, through its growth, zero included. */
class FingerprintsTest {

    @Test
    void eachHashIsNewOnce_acrossTheTablesGrowth() {
        SignedActOrder.Fingerprints set = new SignedActOrder.Fingerprints();
        for (int i = 0; i < 50_000; i++) {
            assertThat(set.add(hash(i))).as("first add of %d", i).isTrue();
        }
        for (int i = 0; i < 50_000; i++) {
            assertThat(set.add(hash(i))).as("second add of %d", i).isFalse();
        }
        assertThat(set.add(hash(50_000))).isTrue();
    }

    @Test
    void aHashStartingWithEightZeroBytes_isKeptToo() {
        SignedActOrder.Fingerprints set = new SignedActOrder.Fingerprints();
        byte[] zero = new byte[32];
        byte[] zeroPrefix = new byte[32];
        zeroPrefix[31] = 1;

        assertThat(set.add(zero)).isTrue();
        assertThat(set.add(zero)).isFalse();
        assertThat(set.add(zeroPrefix)).as("same first 8 bytes: the same fingerprint").isFalse();
    }

    private static byte[] hash(int i) {
        return HexFormat.of().parseHex(Hashes.sha256Hex(Integer.toString(i).getBytes()));
    }
}
