package io.hazardledger.integrity.note;

import io.hazardledger.integrity.merkle.MerkleHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checkpoint note text (c2sp.org/tlog-checkpoint): {@code origin\nsize\nbase64(root)\n}, written and read back,
 * and the texts a reader must refuse.
 */
class CheckpointTextTest {

    static final byte[] ROOT = HexFormat.of().parseHex("5c2be0da4bc1b0bf4a1bf5dbc2e6a2e3bd3a7f0e2ab7fa1d8a7fc9a3b8b8ea81");
    static final String ROOT_B64 = Base64.getEncoder().encodeToString(ROOT);

    @Test
    void text_isOriginSizeAndRoot_eachOnItsOwnLine() {
        Checkpoint cp = new Checkpoint("hazard-ledger.local/ledger", 12, ROOT);
        assertThat(cp.text()).isEqualTo("hazard-ledger.local/ledger\n12\n" + ROOT_B64 + "\n");
        assertThat(ROOT_B64).isEqualTo("XCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE=");
        assertThat(Checkpoint.parse(cp.text())).isEqualTo(cp);
    }

    @Test
    void emptyTree_hasSizeZeroAndTheHashOfNothing() {
        Checkpoint cp = new Checkpoint("o", 0, MerkleHash.empty());
        assertThat(cp.text()).isEqualTo("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
        assertThat(Checkpoint.parse(cp.text())).isEqualTo(cp);
    }

    @Test
    void largestSize_roundTrips() {
        Checkpoint cp = new Checkpoint("o", Long.MAX_VALUE, ROOT);
        assertThat(cp.text()).contains("\n9223372036854775807\n");
        assertThat(Checkpoint.parse(cp.text())).isEqualTo(cp);
    }

    @Test
    void extensionLines_areAllowedAndIgnored() {
        Checkpoint cp = Checkpoint.parse("o\n5\n" + ROOT_B64 + "\nan extension\nanother\n");
        assertThat(cp).isEqualTo(new Checkpoint("o", 5, ROOT));
    }

    @Test
    void root_isACopy() {
        byte[] root = ROOT.clone();
        Checkpoint cp = new Checkpoint("o", 1, root);
        root[0] ^= 1;
        cp.root()[1] ^= 1;
        assertThat(cp.root()).isEqualTo(ROOT);
    }

    @ParameterizedTest(name = "size line ''{0}''")
    @ValueSource(strings = {"01", "00", "007", "-1", "-0", "+1", " 1", "1 ", "1.0", "1e3", "0x10", "", "twelve",
            "\u0661\u0662", "\uff11", "9223372036854775808", "99999999999999999999", "3438945738945739845734895735"})
    void sizeThatIsNotADecimalWithoutLeadingZeros_isRefused(String size) {
        assertThatThrownBy(() -> Checkpoint.parse("o\n" + size + "\n" + ROOT_B64 + "\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "root line ''{0}''")
    @ValueSource(strings = {"ThisIsn'tBase64", "XCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE=!", "XCvg2kvBsL9KG_Xbwuai4706fw4qt_odin_Jo7i46oE=",
            "XCvg2kvBsL9KG/Xbwu ai4706fw4qt/odin/Jo7i46oE=", "XCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE==", "====",
            "5c2be0da4bc1b0bf4a1bf5dbc2e6a2e3bd3a7f0e2ab7fa1d8a7fc9a3b8b8ea81"})
    void rootThatIsNotBase64_isRefused(String root) {
        assertThatThrownBy(() -> Checkpoint.parse("o\n5\n" + root + "\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 7, 20, 31, 33, 48, 64})
    void rootOfAnotherLength_isRefused(int length) {
        String root = Base64.getEncoder().encodeToString(new byte[length]);
        assertThatThrownBy(() -> Checkpoint.parse("o\n5\n" + root + "\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 5, new byte[length])).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "\n", "o\n", "o\n5\n", "o\n5", "o\n5\nXCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE=",
            "\n5\nXCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE=\n", "o\n\nXCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE=\n",
            "o\n5\n\n", "o\r\n5\r\nXCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE=\r\n",
            "5\nXCvg2kvBsL9KG/Xbwuai4706fw4qt/odin/Jo7i46oE=\n"})
    void missingOrBrokenLines_areRefused(String text) {
        assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_refusesWhatNoTextCouldHold() {
        assertThatThrownBy(() -> new Checkpoint("", 1, ROOT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, ROOT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, ROOT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint(null, 1, ROOT)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void signedCheckpoint_readsBackThroughTheVerifier() throws Exception {
        Checkpoint cp = new Checkpoint(NoteTamperTest.ORIGIN, 12, ROOT);
        String note = NoteTamperTest.LOG.sign(cp.text());
        assertThat(Checkpoint.parse(NoteVerifier.parse(NoteTamperTest.LOG.verifierKey()).verify(note))).isEqualTo(cp);
    }
}
