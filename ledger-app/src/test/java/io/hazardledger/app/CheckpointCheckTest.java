package io.hazardledger.app;

import io.hazardledger.Ledger;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteSigner;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --checkpoint}: a saved checkpoint the ledger does not hold names its check and where: the first
 * missing index, or, for another root, the entries among which they differ, bounded below by the largest stored
 * checkpoint of the same key whose root the entries make (a root alone cannot name the entry).
 */
class CheckpointCheckTest {

    @TempDir
    Path dir;

    private static final String ORIGIN = "check.example/log";

    @Test
    void aCheckpointTheLedgerDoesNotHold_namesItsCheck_andWhere() throws Exception {
        PemSigner logKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        String[] store = TestStore.fresh(dir);
        try (Ledger ledger = Ledger.builder().dataSource(new DriverManagerDataSource(store[0], store[1], store[2]))
                .requireSignatures(false).checkpoints(logKey, ORIGIN, Duration.ZERO).build()) {
            ledger.execute(new RegisterEnterprise("chk", "Checked", "s", false));
            for (int i = 0; i < 3; i++) {
                ledger.execute(new RegisterPerson("p" + i, "P", null, Set.of(Role.AUDITOR)));
            }
            String stored = ledger.checkpoints().orElseThrow().checkpointNow();
            long agreed = Checkpoint.parse(stored.substring(0, stored.indexOf("\n\n") + 1)).size();
            for (int i = 3; i < 8; i++) {
                ledger.execute(new RegisterPerson("p" + i, "P", null, Set.of(Role.AUDITOR)));
            }
            long size = ledger.verify().size();
            assertThat(agreed).isLessThan(size - 2);

            // another root below a stored checkpoint the entries make: the key signed two histories
            Path forkBelow = signed(dir.resolve("fork-below"), logKey, agreed - 1, otherRoot(ledger, agreed - 1));
            assertThat(check(ledger, size, forkBelow).err).startsWith("FAILED [checkpoint-root]: " + forkBelow
                    + ": the log's key signed two histories of " + (agreed - 1) + " entries").contains(
                    "the stored checkpoint's of " + agreed);
            // another root at a size beyond the stored checkpoint: the difference lies after it
            Path after = signed(dir.resolve("after"), logKey, agreed + 2, otherRoot(ledger, agreed + 2));
            Result r = check(ledger, size, after);
            assertThat(r.status).isEqualTo(1);
            assertThat(r.err).startsWith("FAILED in entries " + agreed + " to " + (agreed + 1) + " [checkpoint-root]: "
                    + after + ": the ledger's first " + (agreed + 2) + " entries are not the ones it signed")
                    .contains("entries 0 to " + (agreed - 1) + " are those of the stored checkpoint of size " + agreed);
            // another root at the stored checkpoint's own size: the key signed two histories
            Path fork = signed(dir.resolve("fork"), logKey, agreed, otherRoot(ledger, agreed));
            assertThat(check(ledger, size, fork).err).startsWith("FAILED [checkpoint-root]: " + fork
                    + ": the log's key signed two histories of " + agreed + " entries");
            // more entries than the ledger holds: the first missing index
            Path longer = signed(dir.resolve("longer"), logKey, size + 2, ledger.log().root(size));
            assertThat(check(ledger, size, longer).err).startsWith("FAILED at index " + size
                    + " [checkpoint-missing-entries]: " + longer + " signs " + (size + 2) + " entries")
                    .contains("entries " + size + " to " + (size + 1) + " are missing");
            // signed by another key
            Path foreign = signed(dir.resolve("foreign"), KeyPairs.generate(SignatureAlgorithm.ED25519).signer(),
                    agreed, ledger.log().root(agreed));
            assertThat(check(ledger, size, foreign).err).startsWith("FAILED [checkpoint-signature]: " + foreign
                    + " is not a checkpoint signed by the log's key");
            // and the one that holds
            Path holds = signed(dir.resolve("holds"), logKey, agreed + 2, ledger.log().root(agreed + 2));
            Result ok = check(ledger, size, holds);
            assertThat(ok.status).as(ok.err).isZero();
            assertThat(ok.out).contains("consistent, the ledger extends it");
        }
    }

    private record Result(int status, String out, String err) {
    }

    private static Result check(Ledger ledger, long size, Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try {
            status = CheckpointCheck.all(ledger, size, CheckpointCheck.read(List.of(file)), null,
                    new PrintWriter(out, true), new PrintWriter(err, true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Result(status, out.toString(), err.toString());
    }

    private static byte[] otherRoot(Ledger ledger, long size) {
        byte[] root = ledger.log().root(size).clone();
        root[0] ^= 1;
        return root;
    }

    private static Path signed(Path file, PemSigner key, long size, byte[] root) throws Exception {
        String text = new Checkpoint(ORIGIN, size, root).text();
        return Files.writeString(file, text + "\n" + new NoteSigner(ORIGIN, key).signatureLine(text) + "\n");
    }
}
