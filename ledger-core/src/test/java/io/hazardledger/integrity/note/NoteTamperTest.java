package io.hazardledger.integrity.note;

import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A signed checkpoint changed in each way an attacker or a broken transport could change it, each with the outcome
 * c2sp.org/signed-note prescribes for a verifier that trusts the log's one key: refused, or (for signature lines of
 * other keys) still verified when the log's own signature is there and valid.
 */
class NoteTamperTest {

    static final String ORIGIN = "hazard-ledger.local/ledger";
    /** RFC 8032 TEST 1 and TEST 2 seeds: the log's key, and some other key. */
    static final byte[] SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    static final byte[] OTHER_SEED = HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

    static final NoteSigner LOG = new NoteSigner(ORIGIN, NoteVectors.pemSignerFromSeed(SEED));
    /** Another key under the same name: a rotated or a forged key. */
    static final NoteSigner SAME_NAME_OTHER_KEY = new NoteSigner(ORIGIN, NoteVectors.pemSignerFromSeed(OTHER_SEED));
    /** The log's key under another name. */
    static final NoteSigner SAME_KEY_OTHER_NAME = new NoteSigner("witness.example/w1", NoteVectors.pemSignerFromSeed(SEED));
    static final NoteSigner WITNESS = new NoteSigner("witness.example/w2", NoteVectors.pemSignerFromSeed(OTHER_SEED));

    static final String TEXT = new Checkpoint(ORIGIN, 12, HexFormat.of().parseHex(
            "5c2be0da4bc1b0bf4a1bf5dbc2e6a2e3bd3a7f0e2ab7fa1d8a7fc9a3b8b8ea81")).text();
    static final String NOTE = LOG.sign(TEXT);
    static final String LINE = LOG.signatureLine(TEXT);

    enum Outcome { VERIFIED, REFUSED }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                // the text
                t("untouched", n -> n, Outcome.VERIFIED),
                t("text changed: tree size 12 -> 13", n -> n.replaceFirst("\n12\n", "\n13\n"), Outcome.REFUSED),
                t("text changed: origin", n -> n.replaceFirst("^hazard-ledger", "hazard-ledgers"), Outcome.REFUSED),
                t("text changed: one character of the root", n -> n.replaceFirst("\nXCvg", "\nXCvh"), Outcome.REFUSED),
                t("text changed: an extension line added", n -> n.replace(TEXT, TEXT + "extra\n"), Outcome.REFUSED),
                t("text changed: CRLF line ends", n -> n.replace("\n", "\r\n"), Outcome.REFUSED),
                // the signature
                t("signature: first bit of R flipped", n -> flip(n, 4, 0x80), Outcome.REFUSED),
                t("signature: a bit of S flipped", n -> flip(n, 4 + 40, 0x01), Outcome.REFUSED),
                t("signature: last bit flipped", n -> flip(n, 4 + 63, 0x01), Outcome.REFUSED),
                t("signature: last byte cut off", n -> resign(n, s -> java.util.Arrays.copyOf(s, s.length - 1)), Outcome.REFUSED),
                t("signature: a byte appended", n -> resign(n, s -> java.util.Arrays.copyOf(s, s.length + 1)), Outcome.REFUSED),
                t("signature: not base64", n -> n.replace(LINE, LINE.replace('/', '!').replace('+', '!') + "!"), Outcome.REFUSED),
                // the key ID and the key name
                t("key ID: a bit flipped (the line is then of an unknown key)", n -> flip(n, 0, 0x01), Outcome.REFUSED),
                t("key name in the signature line changed", n -> n.replace("\u2014 " + ORIGIN + " ", "\u2014 " + ORIGIN + "2 "), Outcome.REFUSED),
                t("key name in the signature line left out", n -> n.replace("\u2014 " + ORIGIN + " ", "\u2014 "), Outcome.REFUSED),
                // the framing
                t("missing blank line between text and signature", n -> n.replace(TEXT + "\n", TEXT), Outcome.REFUSED),
                t("no signature lines: text and blank line only", n -> TEXT + "\n", Outcome.REFUSED),
                t("no signature lines: text only", n -> TEXT, Outcome.REFUSED),
                t("signature line without its final newline", n -> n.substring(0, n.length() - 1), Outcome.REFUSED),
                t("em dash replaced by '-'", n -> n.replace('\u2014', '-'), Outcome.REFUSED),
                t("em dash replaced by '--'", n -> n.replace("\u2014", "--"), Outcome.REFUSED),
                t("em dash replaced by an en dash U+2013", n -> n.replace('\u2014', '\u2013'), Outcome.REFUSED),
                t("two spaces after the key name", n -> n.replace(ORIGIN + " ", ORIGIN + "  "), Outcome.REFUSED),
                t("a line that is not a signature after the signature", n -> n + "not a signature\n", Outcome.REFUSED),
                t("a blank line after the signature (the text is then everything before it)", n -> n + "\n", Outcome.REFUSED),
                // other signature lines
                t("extra signature of another key and name, after", n -> n + WITNESS.signatureLine(TEXT) + "\n", Outcome.VERIFIED),
                t("extra signature of another key and name, before", n -> TEXT + "\n" + WITNESS.signatureLine(TEXT) + "\n" + LINE + "\n", Outcome.VERIFIED),
                t("extra signature of another key under the same name (key rotation)", n -> n + SAME_NAME_OTHER_KEY.signatureLine(TEXT) + "\n", Outcome.VERIFIED),
                t("extra signature of the same key under another name", n -> n + SAME_KEY_OTHER_NAME.signatureLine(TEXT) + "\n", Outcome.VERIFIED),
                t("extra line of an unknown key whose signature is garbage", n -> n + "\u2014 someone.example/x AAAAAAAAAAAAAAAAAAAA\n", Outcome.VERIFIED),
                t("extra line of an unknown key signing other text", n -> n + WITNESS.signatureLine("other\n") + "\n", Outcome.VERIFIED),
                t("the log's signature twice", n -> n + LINE + "\n", Outcome.VERIFIED),
                t("only other keys' signatures", n -> TEXT + "\n" + WITNESS.signatureLine(TEXT) + "\n"
                        + SAME_NAME_OTHER_KEY.signatureLine(TEXT) + "\n", Outcome.REFUSED),
                t("a valid and an invalid signature of the log's key (refuse the whole note)",
                        n -> n + flip(LINE + "\n", 4 + 10, 0x01), Outcome.REFUSED),
                t("an extra line of an unknown key that is not base64", n -> n + "\u2014 someone.example/x not-base64!\n", Outcome.REFUSED),
                t("the log's signature of other text, under its own name and key ID", n -> TEXT + "\n" + LOG.signatureLine("other\n") + "\n", Outcome.REFUSED));
    }

    private static Arguments t(String desc, UnaryOperator<String> change, Outcome outcome) {
        return Arguments.of(desc, change, outcome);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("tamperings")
    void tamperedNote_hasTheOutcomeTheSpecificationGives(String desc, UnaryOperator<String> change, Outcome outcome)
            throws Exception {
        String note = change.apply(NOTE);
        NoteVerifier verifier = NoteVerifier.parse(LOG.verifierKey());
        if (outcome == Outcome.VERIFIED) {
            assertThat(verifier.verify(note)).isEqualTo(TEXT);
        } else {
            assertThat(note).as("the change changed something").isNotEqualTo(NOTE);
            assertThatThrownBy(() -> verifier.verify(note)).isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void verifierOfAnotherKeyOrName_refusesTheNote() throws Exception {
        assertThat(NoteVerifier.parse(LOG.verifierKey()).verify(NOTE)).isEqualTo(TEXT);
        for (NoteSigner other : new NoteSigner[]{SAME_NAME_OTHER_KEY, SAME_KEY_OTHER_NAME, WITNESS}) {
            NoteVerifier verifier = NoteVerifier.parse(other.verifierKey());
            assertThatThrownBy(() -> verifier.verify(NOTE)).as(other.verifierKey())
                    .isInstanceOf(InvalidSignatureException.class);
        }
    }

    @Test
    void verifierKeyWithAForgedKeyId_isRefused() {
        String vkey = LOG.verifierKey();
        String[] parts = vkey.split("\\+", 3);
        String forged = parts[0] + "+" + HexFormat.of().formatHex(NoteKeys.keyId("x", LOG.publicKey())) + "+" + parts[2];
        assertThatThrownBy(() -> NoteVerifier.parse(forged)).isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining("ID does not match");
        assertThatThrownBy(() -> NoteVerifier.parse(parts[0] + "+" + parts[1])).isInstanceOf(InvalidSignatureException.class);
        assertThatThrownBy(() -> NoteVerifier.parse(ORIGIN + "2+" + parts[1] + "+" + parts[2]))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void rotation_eachKeyVerifiesTheNoteBothSigned() throws Exception {
        String note = TEXT + "\n" + LOG.signatureLine(TEXT) + "\n" + SAME_NAME_OTHER_KEY.signatureLine(TEXT) + "\n";
        assertThat(NoteVerifier.parse(LOG.verifierKey()).verify(note)).isEqualTo(TEXT);
        assertThat(NoteVerifier.parse(SAME_NAME_OTHER_KEY.verifierKey()).verify(note)).isEqualTo(TEXT);
        assertThat(LOG.verifierKey()).isNotEqualTo(SAME_NAME_OTHER_KEY.verifierKey()).startsWith(ORIGIN + "+");
    }

    @Test
    void textWithEmptyLines_isSeparatedAtTheLastEmptyLine() throws Exception {
        // c2sp.org/signed-note: the note text MAY contain empty lines
        String text = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n";
        String note = LOG.sign(text);
        assertThat(NoteVerifier.parse(LOG.verifierKey()).verify(note)).isEqualTo(text);
    }

    @Test
    void signer_refusesATextWithoutItsFinalNewline() {
        assertThatThrownBy(() -> LOG.sign(TEXT.strip())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a+b", "a\tb", "a\nb", "a\u3000b", "a\u2028b"})
    void signer_refusesKeyNamesTheSpecificationForbids(String name) {
        assertThatThrownBy(() -> new NoteSigner(name, NoteVectors.pemSignerFromSeed(SEED)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signer_refusesAnSm2Key() {
        var sm2 = KeyPairs.generate(SignatureAlgorithm.SM2_SM3).signer();
        assertThatThrownBy(() -> new NoteSigner(ORIGIN, sm2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNote_isTheTextABlankLineAndOneSignatureLine() {
        assertThat(NOTE).startsWith(TEXT + "\n\u2014 " + ORIGIN + " ").endsWith("\n");
        assertThat(NOTE.substring(TEXT.length() + 1)).isEqualTo(LINE + "\n");
        byte[] sig = Base64.getDecoder().decode(LINE.substring(LINE.lastIndexOf(' ') + 1));
        assertThat(sig).hasSize(4 + 64);
        assertThat(java.util.Arrays.copyOf(sig, 4)).isEqualTo(NoteKeys.keyId(ORIGIN, LOG.publicKey()));
        assertThat(LINE).matches("\u2014 \\S+ [A-Za-z0-9+/]{91}=");
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Flips {@code mask} in byte {@code at} of the decoded signature line (0-3 key ID, 4-67 the Ed25519 signature). */
    private static String flip(String note, int at, int mask) {
        return resign(note, sig -> {
            byte[] s = sig.clone();
            s[at] ^= (byte) mask;
            return s;
        });
    }

    private static String resign(String note, UnaryOperator<byte[]> change) {
        int space = LINE.lastIndexOf(' ');
        byte[] sig = Base64.getDecoder().decode(LINE.substring(space + 1));
        String line = LINE.substring(0, space + 1) + Base64.getEncoder().encodeToString(change.apply(sig));
        return note.replace(LINE, line);
    }
}
