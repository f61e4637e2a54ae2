package io.hazardledger.integrity.note;

import io.hazardledger.integrity.sig.InvalidSignatureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MUSTs of c2sp.org/signed-note and c2sp.org/tlog-checkpoint that the tamper cases do not reach, checked the way
 * golang.org/x/mod/sumdb/note (the reference) checks them: a note or key that the reference refuses as malformed must
 * not verify here either, and the ledger must not sign one that the reference would refuse.
 */
class NoteSpecConformanceTest {

    static final NoteSigner LOG = NoteTamperTest.LOG;
    static final String TEXT = NoteTamperTest.TEXT;

    /** A signature line over {@code text} made with the log's key directly, whatever the text holds. */
    private static String rawLine(String text) {
        byte[] sig = NoteVectors.pemSignerFromSeed(NoteTamperTest.SEED).sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] line = new byte[4 + sig.length];
        System.arraycopy(NoteKeys.keyId(LOG.name(), LOG.publicKey()), 0, line, 0, 4);
        System.arraycopy(sig, 0, line, 4, sig.length);
        return "\u2014 " + LOG.name() + " " + Base64.getEncoder().encodeToString(line);
    }

    // --- the verifier ------------------------------------------------------------------------------------------------

    @Test
    void signatureLine_withATrailingSpace_isMalformed() throws Exception {
        // signed-note: em dash, space, key name, space, base64, newline. note.Open: base64 "sig " does not decode.
        String note = TEXT + "\n" + LOG.signatureLine(TEXT) + " \n";
        assertThatThrownBy(() -> NoteVerifier.parse(LOG.verifierKey()).verify(note))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void signature_withoutItsBase64Padding_isMalformed() throws Exception {
        // signed-note: "standard Base 64 encoding specified in RFC 4648, Section 4" (padded); 68 bytes end in one '='.
        String line = LOG.signatureLine(TEXT);
        assertThat(line).endsWith("=");
        String note = TEXT + "\n" + line.substring(0, line.length() - 1) + "\n";
        assertThatThrownBy(() -> NoteVerifier.parse(LOG.verifierKey()).verify(note))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x01, 0x09, 0x0d, 0x1b, 0x1f})
    void validlySignedNote_withAControlCharacter_isMalformed(int control) throws Exception {
        // signed-note: notes MUST NOT contain ASCII control characters other than newline (note.Open refuses them).
        String text = TEXT.replace("hazard-ledger", "hazard" + (char) control + "ledger");
        String note = text + "\n" + rawLine(text) + "\n";
        assertThatThrownBy(() -> NoteVerifier.parse(LOG.verifierKey()).verify(note))
                .isInstanceOf(InvalidSignatureException.class);
    }

    @Test
    void noteThatIsNotUnicode_neverVerifiesAsTextThatWasNotSigned() throws Exception {
        // A Java String with an unpaired surrogate is no UTF-8 text; getBytes(UTF_8) makes it '?'. A verifier must not
        // return "o\ud800..." as the text of a signature made over "o?...".
        String signed = TEXT.replace("hazard-ledger", "hazard?ledger");
        String note = signed.replace("hazard?ledger", "hazard\ud800ledger") + "\n" + rawLine(signed) + "\n";
        String returned;
        try {
            returned = NoteVerifier.parse(LOG.verifierKey()).verify(note);
        } catch (InvalidSignatureException e) {
            return;
        }
        assertThat(returned).as("the text returned is the text that was signed").isEqualTo(signed);
    }

    // --- key names ---------------------------------------------------------------------------------------------------

    /** Unicode spaces that Go's unicode.IsSpace knows and Java's Character.isWhitespace does not (non-breaking, NEL). */
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00a0, 0x2007, 0x202f, 0x0085})
    void keyNameWithAUnicodeSpace_isRefusedBySignerAndVerifier(int space) {
        // signed-note: key names MUST NOT contain any Unicode spaces. note.isValidName uses unicode.IsSpace.
        String name = "hazard-ledger.local" + (char) space + "ledger";
        assertThatThrownBy(() -> new NoteSigner(name, NoteVectors.pemSignerFromSeed(NoteTamperTest.SEED)))
                .isInstanceOf(IllegalArgumentException.class);
        String vkey = NoteKeys.verifierKey(name, LOG.publicKey());
        assertThatThrownBy(() -> NoteVerifier.parse(vkey)).isInstanceOf(InvalidSignatureException.class);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x01, 0x08, 0x0e, 0x1b})
    void keyNameWithAControlCharacter_isRefusedBySigner(int control) {
        // such a name would put a control character into every signature line (malformed for note.Open)
        String name = "hazard-ledger.local" + (char) control + "ledger";
        assertThatThrownBy(() -> new NoteSigner(name, NoteVectors.pemSignerFromSeed(NoteTamperTest.SEED)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- the signer ------------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x01, 0x09, 0x0d, 0x1f})
    void signer_refusesATextWithAControlCharacter(int control) {
        String text = TEXT.replace("hazard-ledger", "hazard" + (char) control + "ledger");
        assertThatThrownBy(() -> LOG.sign(text)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- checkpoints ---------------------------------------------------------------------------------------------------

    @Test
    void checkpointRoot_withoutItsBase64Padding_isRefused() {
        // tlog-checkpoint: the root hash is the (RFC 4648 section 4, padded) base64 of the root. Without the '=' the
        // same checkpoint would have two texts, and the text read back would not be the text that was signed.
        String root = CheckpointTextTest.ROOT_B64;
        assertThat(root).endsWith("=");
        String text = "o\n5\n" + root.substring(0, root.length() - 1) + "\n";
        assertThatThrownBy(() -> Checkpoint.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpoint_withAnEmptyExtensionLine_isRefused_andWithAnExtensionLine_isRead() {
        // tlog-checkpoint: extension lines follow the root, and none is empty
        String root = CheckpointTextTest.ROOT_B64;
        assertThat(Checkpoint.parse("o\n5\n" + root + "\nextension\n").size()).isEqualTo(5);
        for (String extensions : new String[]{"\n", "extension\n\n", "\nextension\n"}) {
            assertThatThrownBy(() -> Checkpoint.parse("o\n5\n" + root + "\n" + extensions))
                    .as(extensions).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extension line");
        }
    }

    @Test
    void sixteenSignatures_areAccepted() throws Exception {
        // signed-note: verifiers MUST accept at least 16 signatures
        StringBuilder note = new StringBuilder(TEXT).append('\n');
        for (int i = 0; i < 15; i++) {
            note.append(new NoteSigner("witness.example/w" + i, NoteVectors.pemSignerFromSeed(NoteTamperTest.OTHER_SEED))
                    .signatureLine(TEXT)).append('\n');
        }
        note.append(LOG.signatureLine(TEXT)).append('\n');
        assertThat(NoteVerifier.parse(LOG.verifierKey()).verify(note.toString())).isEqualTo(TEXT);
    }
}
