package io.hazardledger.app;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.hazardledger.app.Run.cli;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo ledger exported with {@code export DIR} and checked offline with {@code verify-bundle}: it holds, and every
 * way of changing the exported entries is caught at the right index.
 */
class ExportBundleTest {

    @TempDir
    static Path dir;

    static Path exported;
    static String key;
    static List<String> lines;



    private static final java.util.Map<String, String[]> STORES = new java.util.HashMap<>();

    /** The options of the store named {@code ledger} (made on first use) and the log key, then {@code more}. */
    private static String[] store(String ledger, String... more) {
        String[] store = STORES.computeIfAbsent(ledger, name -> TestStore.fresh(dir.resolve(name)));
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + store[0],
                "--spring.datasource.username=" + store[1], "--spring.datasource.password=" + store[2],
                "--ledger.log.key-file=" + dir.resolve("log-key.pem")));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void exportTheDemo() throws Exception {
        String[] args = store("demo", "--server.port=0", "--demo", "--ledger.log.checkpoint-interval=0s");
        try (ConfigurableApplicationContext ctx = SpringApplication.run(LedgerApplication.class,
                LedgerApplication.withDemoSigning(args))) {
            assertThat(ctx.isRunning()).isTrue();
        }
        exported = dir.resolve("export");
        List<String> export = new ArrayList<>(List.of("export", exported.toString()));
        export.addAll(List.of(store("demo")));
        Run r = cli(export.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        key = Files.readAllLines(exported.resolve("key")).get(0);
        lines = Files.readAllLines(exported.resolve("entries.jsonl"));
    }

    private Run verify(List<String> entries) throws Exception {
        Path copy = Files.createTempDirectory(dir, "tampered");
        Files.copy(exported.resolve("checkpoint"), copy.resolve("checkpoint"));
        Files.write(copy.resolve("entries.jsonl"), entries);
        return cli("verify-bundle", "--key", key, copy.toString());
    }

    /** An export kept as evidence is not written over unnoticed: the second export into a folder says so. */
    @Test
    void exportingAgainIntoTheSameFolder_saysWhatItReplaced() throws Exception {
        Path again = dir.resolve("again");
        List<String> export = new ArrayList<>(List.of("export", again.toString()));
        export.addAll(List.of(store("demo")));
        Run first = cli(export.toArray(String[]::new));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).doesNotContain("replaced");
        String origin = Files.readAllLines(again.resolve("checkpoint")).get(0);
        Run second = cli(export.toArray(String[]::new));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("; it replaced the export of " + lines.size() + " entries of " + origin
                + " that " + again + " held");
    }

    @Test
    void exportedDemo_verifiesOffline() {
        Run r = cli("verify-bundle", "--key", key, exported.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK: " + lines.size() + " entries");
        assertThat(exported.resolve("checkpoint")).exists();
    }

    /** The entries name people and hold reports' texts: an export is its owner's until shared on purpose. */
    @Test
    void anExport_isReadableByItsOwnerOnly() throws Exception {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(exported)))
                .isEqualTo("rwx------");
        for (String file : List.of("entries.jsonl", "checkpoint", "key")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(exported.resolve(file)))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void oneByteChanged_inAMiddleEntry_isCaughtAtTheNextIndex_orInPlaceWhenNotCanonical() throws Exception {
        List<String> t = new ArrayList<>(lines);
        t.set(10, t.get(10).replaceFirst("\"index\":10", "\"index\":11"));
        Run moved = verify(t);
        assertThat(moved.code()).isEqualTo(1);
        assertThat(moved.err()).contains("entry 10:");
        t = new ArrayList<>(lines);
        int at = t.get(10).indexOf("\"eventId\":\"") + 11;
        char c = t.get(10).charAt(at);
        t.set(10, t.get(10).substring(0, at) + (c == 'a' ? 'b' : 'a') + t.get(10).substring(at + 1));
        Run flipped = verify(t);
        assertThat(flipped.code()).isEqualTo(1);
        assertThat(flipped.err()).contains("entry 11: [chain-link]");
    }

    @Test
    void removedLine_isCaughtAtItsIndex() throws Exception {
        List<String> t = new ArrayList<>(lines);
        t.remove(7);
        assertThat(verify(t).err()).contains("entry 7: [missing-entry]");
    }

    @Test
    void swappedLines_areCaughtAtTheFirstOfThem() throws Exception {
        List<String> t = new ArrayList<>(lines);
        Collections.swap(t, 5, 9);
        assertThat(verify(t).err()).contains("entry 5: [missing-entry]");
    }

    @Test
    void truncation_isCaughtWhereEntriesAreMissing() throws Exception {
        List<String> t = new ArrayList<>(lines.subList(0, lines.size() - 3));
        assertThat(verify(t).err()).contains("entry " + (lines.size() - 3) + ": [missing-entry]");
    }

    @Test
    void appendedForgedEntry_isCaughtAtItsIndex() throws Exception {
        List<String> t = new ArrayList<>(lines);
        t.add(lines.get(lines.size() - 1));
        assertThat(verify(t).err()).contains("entry " + lines.size() + ": [trailing-entries]");
    }

    /**
     * {@code export} checks what it writes before it puts it in the folder: a store whose entry was changed behind the
     * ledger's back exports nothing, names where it breaks, and leaves an earlier export in the folder as it was.
     */
    @Test
    void changedStore_exportsNothing_andNamesWhereItBreaks() throws Exception {
        String[] args = store("changed", "--server.port=0", "--ledger.require-signatures=false",
                "--ledger.log.checkpoint-interval=0s");
        try (ConfigurableApplicationContext ctx = SpringApplication.run(LedgerApplication.class, args)) {
            var ledger = ctx.getBean(io.hazardledger.Ledger.class);
            ledger.execute(new io.hazardledger.directory.RegisterEnterprise("chg", "Changed", "s", false));
            for (int i = 0; i < 6; i++) {
                ledger.execute(new io.hazardledger.directory.RegisterPerson("c" + i, "C", null,
                        java.util.Set.of(io.hazardledger.directory.Role.AUDITOR)));
            }
        }
        Path folder = dir.resolve("changed-export");
        List<String> export = new ArrayList<>(List.of("export", folder.toString()));
        export.addAll(List.of(store("changed")));
        Run first = cli(export.toArray(String[]::new));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("checked as verify-bundle checks them");
        byte[] before = Files.readAllBytes(folder.resolve("entries.jsonl"));

        String[] store = STORES.get("changed");
        try (var c = java.sql.DriverManager.getConnection(store[0], store[1], store[2]);
             var read = c.prepareStatement("SELECT entry FROM ledger_entry WHERE ledger_index = 3");
             var rs = read.executeQuery()) {
            assertThat(rs.next()).isTrue();
            String entry = new String(rs.getBytes(1), StandardCharsets.UTF_8);
            int at = entry.indexOf("\"eventId\":\"") + 11;
            String changed = entry.substring(0, at) + (entry.charAt(at) == 'a' ? 'b' : 'a') + entry.substring(at + 1);
            try (var write = c.prepareStatement("UPDATE ledger_entry SET entry = ? WHERE ledger_index = 3")) {
                write.setBytes(1, changed.getBytes(StandardCharsets.UTF_8));
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
        }
        Run again = cli(export.toArray(String[]::new));
        assertThat(again.code()).as(again.toString()).isEqualTo(1);
        assertThat(again.err()).startsWith("FAILED entry 4: [chain-link]")
                .contains("nothing exported (" + folder + " is as it was); run verify on the store");
        assertThat(again.out()).doesNotContain("exported");
        assertThat(Files.readAllBytes(folder.resolve("entries.jsonl"))).as("the earlier export").isEqualTo(before);
        try (var left = Files.list(folder)) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("checkpoint", "entries.jsonl", "key");
        }
        Path fresh = dir.resolve("changed-export-2");
        export.set(1, fresh.toString());
        assertThat(cli(export.toArray(String[]::new)).code()).isEqualTo(1);
        try (var left = Files.list(fresh)) {
            assertThat(left.toList()).as("nothing written into a new folder").isEmpty();
        }
    }

    /** An export that cannot be made says why in one line (exit 2), not as Spring's bean that failed. */
    @Test
    void anExportThatCannotBeMade_saysWhyInOneLine() throws Exception {
        Assumptions.assumeFalse(TestStore.postgres(), "an embedded store's path");
        Run nowhere = cli("export", dir.resolve("x").toString(), "--spring.datasource.url=jdbc:h2:file:"
                + dir.resolve("no-such-store").toAbsolutePath());
        assertThat(nowhere.code()).isEqualTo(2);
        assertThat(nowhere.err()).startsWith("error: could not read the ledger from the configured store: there is no "
                + "ledger store at ").doesNotContain("bean");
        List<String> noKey = new ArrayList<>(List.of("export", dir.resolve("y").toString()));
        noKey.addAll(List.of(store("demo")));
        noKey.set(noKey.size() - 1, "--ledger.log.key-file=" + dir.resolve("absent.pem"));
        Run keyless = cli(noKey.toArray(String[]::new));
        assertThat(keyless.code()).isEqualTo(2);
        assertThat(keyless.err()).startsWith("error: no checkpoint key: " + dir.resolve("absent.pem")
                + " (ledger.log.key-file) does not exist");
        assertThat(dir.resolve("absent.pem")).doesNotExist();
        Path aFile = dir.resolve("a-file");
        java.nio.file.Files.writeString(aFile, "x");
        List<String> intoAFile = new ArrayList<>(List.of("export", aFile.toString()));
        intoAFile.addAll(List.of(store("demo")));
        Run file = cli(intoAFile.toArray(String[]::new));
        assertThat(file.code()).isEqualTo(2);
        assertThat(file.err()).isEqualTo("error: could not write into " + aFile + ": it is a file, not a folder; "
                + "nothing exported\n");
    }

    @Test
    void anotherHistory_signedWithTheSameKey_isCaughtAgainstTheEarlierCheckpoint() throws Exception {
        // a second ledger, signed with the same checkpoint key, with a different history
        String[] args = store("other", "--server.port=0", "--ledger.require-signatures=false",
                "--ledger.log.checkpoint-interval=0s");
        try (ConfigurableApplicationContext ctx = SpringApplication.run(LedgerApplication.class, args)) {
            var ledger = ctx.getBean(io.hazardledger.Ledger.class);
            ledger.execute(new io.hazardledger.directory.RegisterEnterprise("fake", "Fake", "s", false));
            for (int i = 0; i < lines.size() + 5; i++) {
                ledger.execute(new io.hazardledger.directory.RegisterPerson("f" + i, "F", null,
                        java.util.Set.of(io.hazardledger.directory.Role.AUDITOR)));
            }
        }
        Path other = dir.resolve("other-export");
        List<String> export = new ArrayList<>(List.of("export", other.toString()));
        export.addAll(List.of(store("other")));
        assertThat(cli(export.toArray(String[]::new)).code()).isZero();

        Run alone = cli("verify-bundle", "--key", key, other.toString());
        assertThat(alone.code()).as("a validly signed history on its own").isZero();
        Run fork = cli("verify-bundle", "--key", key, "--since", exported.resolve("checkpoint").toString(), other.toString());
        assertThat(fork.code()).isEqualTo(1);
        assertThat(fork.err()).contains("entry " + (lines.size() - 1) + ": [fork]");

        // the same history as a single file (a header line, then the entries): the same fork
        Path single = dir.resolve("other.jsonl");
        String header = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("format", io.hazardledger.bundle.BundleWriter.FORMAT)
                .put("treeSize", Files.readAllLines(other.resolve("entries.jsonl")).size())
                .put("checkpoint", Files.readString(other.resolve("checkpoint")))
                .set("verifierKeys", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(key))
                .toString();
        Files.writeString(single, header + "\n" + Files.readString(other.resolve("entries.jsonl")));
        assertThat(cli("verify-bundle", "--key", key, single.toString()).code()).as("the file on its own").isZero();
        Run forkedFile = cli("verify-bundle", "--key", key, "--since", exported.resolve("checkpoint").toString(),
                single.toString());
        assertThat(forkedFile.code()).isEqualTo(1);
        assertThat(forkedFile.err()).contains("entry " + (lines.size() - 1) + ": [fork]");

        // an earlier checkpoint that is not there is an error, not a pass
        Run missing = cli("verify-bundle", "--key", key, "--since", dir.resolve("no-such-checkpoint").toString(),
                single.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--since").contains("no such file");
        // nor is one that is not a signed note, or a key that is neither a file nor a key: a typo is not a forged log
        Run notANote = cli("verify-bundle", "--key", key, "--since", single.toString(), single.toString());
        assertThat(notANote.code()).isEqualTo(2);
        assertThat(notANote.err()).contains("--since", "not a signed note");
        Run typo = cli("verify-bundle", "--key", dir.resolve("no-such-key").toString(), single.toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).startsWith("error: --key ").contains("no-such-key",
                "neither a file nor a verifier key (name+keyid+key)");
        Run notKeys = cli("verify-bundle", "--key", single.toString(), single.toString());
        assertThat(notKeys.code()).isEqualTo(2);
        assertThat(notKeys.err()).contains("the file's line 1 is not a verifier key");
    }

    @Test
    void proofsOverHttp_areCheckedByTheCommands() throws Exception {
        Path proof = dir.resolve("inclusion.json");
        String root = java.util.Base64.getEncoder().encodeToString(
                io.hazardledger.integrity.note.Checkpoint.parse(io.hazardledger.integrity.note.NoteVerifier.parse(key)
                        .verify(Files.readString(exported.resolve("checkpoint")))).root());
        long size = lines.size();
        // a proof computed from the exported entries, in the shape the commands read
        java.util.List<byte[]> leaves = new ArrayList<>();
        for (String l : lines) {
            leaves.add(java.util.HexFormat.of().parseHex(io.hazardledger.integrity.Hashes.leafHash(l.getBytes(StandardCharsets.UTF_8))));
        }
        var tree = new io.hazardledger.integrity.merkle.MerkleTree((level, index) -> subtree(leaves, level, index));
        StringBuilder hashes = new StringBuilder();
        for (byte[] h : tree.inclusionProof(3, size)) {
            hashes.append(hashes.length() == 0 ? "" : ",").append('"').append(java.util.Base64.getEncoder().encodeToString(h)).append('"');
        }
        String leaf = java.util.Base64.getEncoder().encodeToString(leaves.get(3));
        Files.writeString(proof, "{\"leafIndex\":3,\"treeSize\":" + size + ",\"leafHash\":\"" + leaf + "\",\"rootHash\":\""
                + root + "\",\"hashes\":[" + hashes + "]}");
        Path checkpoint = exported.resolve("checkpoint");
        Run untied = cli("verify-inclusion", proof.toString());
        assertThat(untied.code()).isZero();
        assertThat(untied.err()).startsWith("WARNING: no signed checkpoint given");
        Run tied = cli("verify-inclusion", "--checkpoint", checkpoint.toString(), "--key", key, proof.toString());
        assertThat(tied.code()).as(tied.err()).isZero();
        assertThat(tied.err()).isEmpty();
        assertThat(tied.out()).startsWith("OK: leaf 3 is in the tree of size " + size);
        // the entry a receipt names (its index, its hash in hex): the proof must be of it
        String entry3 = io.hazardledger.integrity.Hashes.leafHash(lines.get(3).getBytes(StandardCharsets.UTF_8));
        Run named = cli("verify-inclusion", "--checkpoint", checkpoint.toString(), "--key", key, "--index", "3",
                "--entry-hash", entry3, proof.toString());
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).isEqualTo("OK: leaf 3 is in the tree of size " + size + "; its entry hash is "
                + entry3 + ", the --entry-hash given\n");
        assertThat(cli("verify-inclusion", "--checkpoint", checkpoint.toString(), "--key", key, "--entry-hash", leaf,
                proof.toString()).code()).as("base64, as a proof writes it").isZero();
        assertThat(cli("verify-inclusion", "--checkpoint", checkpoint.toString(), "--key", key, "--entry-hash",
                entry3.toUpperCase(java.util.Locale.ROOT), proof.toString()).code()).as("upper-case hex").isZero();
        // a true proof of another entry is not a proof of the one asked about
        String entry4 = io.hazardledger.integrity.Hashes.leafHash(lines.get(4).getBytes(StandardCharsets.UTF_8));
        Run other = cli("verify-inclusion", "--checkpoint", checkpoint.toString(), "--key", key, "--entry-hash", entry4,
                proof.toString());
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).isEqualTo("FAILED: the proof's leafHash is " + entry3 + ", not the --entry-hash "
                + entry4 + "\n");
        Run otherIndex = cli("verify-inclusion", "--checkpoint", checkpoint.toString(), "--key", key, "--index", "4",
                proof.toString());
        assertThat(otherIndex.code()).isEqualTo(1);
        assertThat(otherIndex.err()).isEqualTo("FAILED: the proof is of leaf 3, not of --index 4\n");
        // a hash that is none is a usage error (2), not a proof that fails
        Run notAHash = cli("verify-inclusion", "--entry-hash", entry3.substring(1), proof.toString());
        assertThat(notAHash.code()).isEqualTo(2);
        assertThat(notAHash.err()).isEqualTo("error: --entry-hash must be an entry hash, 64 hex digits as a receipt "
                + "gives it or 44 characters of base64 as a proof does: not " + entry3.substring(1) + "\n");
        Run negative = cli("verify-inclusion", "--index", "-1", proof.toString());
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).isEqualTo("error: --index is a ledger index, 0 or more: not -1\n");

        // a server that forges an entry cannot vouch for it with a root of its own beside the checkpoint's
        byte[] forgedLeaf = io.hazardledger.integrity.Hashes.leafHashBytes("{\"forged\":true}".getBytes(StandardCharsets.UTF_8));
        String forgedRoot = java.util.Base64.getEncoder().encodeToString(io.hazardledger.integrity.merkle.Proofs
                .rootFromInclusion(3, size, forgedLeaf, tree.inclusionProof(3, size)));
        Path forged = dir.resolve("forged-inclusion.json");
        Files.writeString(forged, Files.readString(proof).replace(leaf, java.util.Base64.getEncoder()
                .encodeToString(forgedLeaf)).replace(root, forgedRoot));
        assertThat(cli("verify-inclusion", forged.toString()).code()).as("consistent with itself").isZero();
        Run caught = cli("verify-inclusion", "--checkpoint", checkpoint.toString(), "--key", key, forged.toString());
        assertThat(caught.code()).isEqualTo(1);
        assertThat(caught.err()).startsWith("FAILED: the proof's rootHash is not the root of the signed checkpoint");
        // options that cannot check anything are usage errors (2), not a proof that fails (1)
        Run keyAlone = cli("verify-inclusion", "--key", key, proof.toString());
        assertThat(keyAlone.code()).isEqualTo(2);
        assertThat(keyAlone.err()).startsWith("error: --key checks a signed checkpoint: give the checkpoint too");
        Run checkpointAlone = cli("verify-inclusion", "--checkpoint", checkpoint.toString(), proof.toString());
        assertThat(checkpointAlone.code()).isEqualTo(2);
        assertThat(checkpointAlone.err()).startsWith("error: a signed checkpoint is checked with --key");
        Run noSuchCheckpoint = cli("verify-inclusion", "--checkpoint", dir.resolve("nowhere").toString(), "--key", key,
                proof.toString());
        assertThat(noSuchCheckpoint.code()).isEqualTo(2);
        assertThat(noSuchCheckpoint.err()).startsWith("error: no such file: ").contains("nowhere");
        // a checkpoint file that is not UTF-8, or larger than any checkpoint, is said as such (exit 2), not read whole
        Path notText = Files.write(dir.resolve("cp-latin1"), new byte[] {'a', (byte) 0xff, '\n'});
        Run latin = cli("verify-inclusion", "--checkpoint", notText.toString(), "--key", key, proof.toString());
        assertThat(latin.code()).isEqualTo(2);
        assertThat(latin.err()).isEqualTo("error: " + notText + " is not UTF-8 text\n");
        // a dossier that is no UTF-8 text is a file the command does not read (2), not a dossier that fails (1)
        Run latinDossier = cli("verify-dossier", notText.toString(), "--key", key);
        assertThat(latinDossier.code()).isEqualTo(2);
        assertThat(latinDossier.err()).isEqualTo("error: " + notText + " is not UTF-8 text\n");
        Path huge = dir.resolve("cp-huge");
        try (var f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(17L << 20);
        }
        Run tooLarge = cli("verify-inclusion", "--checkpoint", huge.toString(), "--key", key, proof.toString());
        assertThat(tooLarge.code()).isEqualTo(2);
        assertThat(tooLarge.err()).isEqualTo("error: " + huge + " holds more than 16 MiB: not a file this command "
                + "reads\n");

        // a hash damaged in transit is named as such: the member, and what it holds (a proof that fails, exit 1)
        String good = Files.readString(proof);
        String firstHash = good.substring(good.indexOf("\"hashes\":[\"") + 11, good.indexOf("\"hashes\":[\"") + 55);
        Path damaged = dir.resolve("damaged-inclusion.json");
        Files.writeString(damaged, good.replace(leaf, "not-base64!"));
        Run notBase64 = cli("verify-inclusion", damaged.toString());
        assertThat(notBase64.code()).isEqualTo(1);
        assertThat(notBase64.err()).isEqualTo("FAILED: leafHash is not base64 (RFC 4648, with padding): not-base64!\n");
        byte[] short31 = java.util.Arrays.copyOf(java.util.Base64.getDecoder().decode(firstHash), 31);
        Files.writeString(damaged, good.replace(firstHash, java.util.Base64.getEncoder().encodeToString(short31)));
        Run shortHash = cli("verify-inclusion", damaged.toString());
        assertThat(shortHash.code()).isEqualTo(1);
        assertThat(shortHash.err()).isEqualTo("FAILED: hashes[0] must be a SHA-256 hash of 32 bytes: it holds 31 "
                + "bytes\n");
        Files.writeString(damaged, good.replace("\"" + root + "\"", "7"));
        Run numberRoot = cli("verify-inclusion", damaged.toString());
        assertThat(numberRoot.code()).isEqualTo(1);
        assertThat(numberRoot.err()).isEqualTo("FAILED: rootHash must be a SHA-256 hash in base64 (a string of 44 "
                + "characters): it is a JSON number\n");

        Files.writeString(proof, Files.readString(proof).replace("\"leafIndex\":3", "\"leafIndex\":4"));
        Run bad = cli("verify-inclusion", proof.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).startsWith("FAILED:");

        Path consistency = dir.resolve("consistency.json");
        StringBuilder c = new StringBuilder();
        for (byte[] h : tree.consistencyProof(5, size)) {
            c.append(c.length() == 0 ? "" : ",").append('"').append(java.util.Base64.getEncoder().encodeToString(h)).append('"');
        }
        String fromRoot = java.util.Base64.getEncoder().encodeToString(tree.root(5));
        Files.writeString(consistency, "{\"fromSize\":5,\"toSize\":" + size + ",\"fromRoot\":\"" + fromRoot
                + "\",\"toRoot\":\"" + root + "\",\"hashes\":[" + c + "]}");
        assertThat(cli("verify-consistency", consistency.toString()).code()).isZero();
        assertThat(cli("verify-consistency", "--to-checkpoint", checkpoint.toString(), "--key", key,
                consistency.toString()).code()).isZero();
        Files.writeString(consistency, Files.readString(consistency).replace("\"toRoot\":\"" + root,
                "\"toRoot\":\"" + forgedRoot));
        Run notTheCheckpoints = cli("verify-consistency", "--to-checkpoint", checkpoint.toString(), "--key", key,
                consistency.toString());
        assertThat(notTheCheckpoints.code()).isEqualTo(1);
        assertThat(notTheCheckpoints.err()).startsWith("FAILED: the proof's toRoot is not the root of the signed");
        Files.writeString(consistency, Files.readString(consistency).replace(forgedRoot, root).replace(fromRoot, root));
        assertThat(cli("verify-consistency", consistency.toString()).code()).isEqualTo(1);

        Path notJson = dir.resolve("not-a-proof.json");
        Files.writeString(notJson, "{nope");
        Run unreadable = cli("verify-inclusion", notJson.toString());
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.err()).startsWith("error: " + notJson + " is not JSON");
        Files.writeString(notJson, "[1, 2]");
        assertThat(cli("verify-consistency", notJson.toString()).err()).contains("is not a JSON object");
        // a member twice: the proof checked must be the one a reader sees
        Files.writeString(notJson, "{\"leafIndex\":3,\"leafIndex\":4}");
        Run twice = cli("verify-inclusion", notJson.toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("is not JSON").contains("Duplicate field 'leafIndex'");
    }

    /**
     * The standalone verifier (ledger-verifier.jar) holds ledger-core, ledger-verifier, picocli, Jackson, BouncyCastle
     * and the RFC 8785 canonicaliser and nothing else (its shade includes). Run in a JVM of its own with exactly that
     * class path, it verifies the export and names the index of a changed entry: no Spring, Axon, H2 or Flyway.
     */
    @Test
    void standaloneVerifier_needsOnlyTheIntegrityCode() throws Exception {
        List<String> allowed = List.of("ledger-core", "ledger-verifier", "picocli", "com/fasterxml/jackson/core/",
                "java-json-canonicalization", "org/bouncycastle/");
        String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> allowed.stream().anyMatch(a -> e.replace('\\', '/').contains(a)))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        assertThat(classPath).doesNotContainIgnoringCase("axon").doesNotContainIgnoringCase("spring")
                .doesNotContain("h2database").doesNotContain("flyway").contains("ledger-core").contains("ledger-verifier");

        Run ok = standalone(classPath, "verify-bundle", "--key", key, exported.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("OK: " + lines.size() + " entries");

        List<String> t = new ArrayList<>(lines);
        t.set(10, t.get(10).replaceFirst("\"index\":10", "\"index\":11"));
        Path copy = Files.createTempDirectory(dir, "standalone");
        Files.copy(exported.resolve("checkpoint"), copy.resolve("checkpoint"));
        Files.write(copy.resolve("entries.jsonl"), t);
        Run tampered = standalone(classPath, "verify-bundle", "--key", key, copy.toString());
        assertThat(tampered.code()).isEqualTo(1);
        assertThat(tampered.err()).contains("entry 10:");

        Run usage = standalone(classPath, "verify-bundle");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter");
    }

    private static Run standalone(String classPath, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ServerProcess.QUICK_START, "-cp", classPath, "io.hazardledger.verifier.VerifierCli"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code = p.waitFor();
        return new Run(code, Files.readString(out), Files.readString(err));
    }

    private static byte[] subtree(List<byte[]> leaves, int level, long index) {
        if (level == 0) {
            return leaves.get((int) index);
        }
        return io.hazardledger.integrity.merkle.MerkleHash.node(subtree(leaves, level - 1, 2 * index),
                subtree(leaves, level - 1, 2 * index + 1));
    }
}
