package io.hazardledger.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hazardledger.integrity.EntryCodec;
import io.hazardledger.integrity.EntryContent;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.merkle.RightEdge;
import io.hazardledger.integrity.note.Checkpoint;
import io.hazardledger.integrity.note.NoteVerifier;
import io.hazardledger.integrity.sig.InvalidSignatureException;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.integrity.sig.KeyEvents;
import io.hazardledger.integrity.sig.VerificationKey;
import io.hazardledger.signing.internal.SignatureMetadata;
import io.hazardledger.signing.internal.SignedActions;
import io.hazardledger.signing.internal.SignedContent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Verifies a bundle offline, in one pass over its lines and memory that grows only with keys and signed entries. */
public final class BundleVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The header line is one JSON object and nothing after it (a reader stops after the first value otherwise), with no
     * member twice (a lenient reader keeps the last, a viewer may show the first).
     */
    private static final com.fasterxml.jackson.databind.ObjectReader HEADER = JSON.reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final HexFormat HEX = HexFormat.of();
    /** Lines checked in parallel at a time: small enough for constant memory, large enough to keep both cores busy. */
    private static final int BATCH = 4096;

    private BundleVerifier() {
    }

    private record Key(String personId, VerificationKey key, Instant validFrom, long registeredAt) {
    }

    private record Signed(long index, String signerId, String keyId, Instant claimed, String action) {
    }

    /** Reports how many entries were checked so far (called every 100,000 entries). */
    @FunctionalInterface
    public interface Progress {
        void checked(long entries);
    }

    /**
     * Verifies a single-file bundle (a header line, then the entries), in one pass.
     *
     * @param trustedVerifierKeys checkpoint verifier keys the auditor obtained out of band; when empty, the bundle's
     *                            own keys are used and the report says so
     */
    public static BundleReport verify(InputStream in, List<String> trustedVerifierKeys) throws BundleException, IOException {
        return verify(in, trustedVerifierKeys, null);
    }

    /**
     * As {@link #verify(InputStream, List)}, and also checks that the bundle extends a checkpoint the auditor trusted
     * before ({@code earlierCheckpoint}, a signed note; none when null), as
     * {@link #verifyDirectory(java.nio.file.Path, List, String, Progress)} does: else {@code fork}.
     */
    public static BundleReport verify(InputStream in, List<String> trustedVerifierKeys, String earlierCheckpoint)
            throws BundleException, IOException {
        ByteLines reader = new ByteLines(in);
        byte[] headerBytes = reader.next();
        String headerLine = headerBytes == null ? null : new String(headerBytes, StandardCharsets.UTF_8);
        if (headerLine == null) {
            throw new BundleException(-1, "header", "the bundle is empty");
        }
        JsonNode header;
        try {
            header = HEADER.readTree(headerLine);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BundleException(-1, "header", "the header line is not one JSON object");
        }
        if (!header.isObject()) {
            throw new BundleException(-1, "header", "the header line is not one JSON object");
        }
        if (!BundleWriter.FORMAT.equals(header.path("format").asText())) {
            throw new BundleException(-1, "header", "not a " + BundleWriter.FORMAT + " bundle");
        }
        List<String> bundleKeys = new ArrayList<>();
        header.path("verifierKeys").forEach(k -> bundleKeys.add(k.asText()));
        Trusted t = checkpoint(header.path("checkpoint").asText(), bundleKeys, trustedVerifierKeys);
        if (!header.path("treeSize").isIntegralNumber() || !header.path("treeSize").canConvertToLong()
                || t.checkpoint().size() != header.path("treeSize").asLong()) {
            throw new BundleException(-1, "checkpoint", "the header's treeSize differs from the checkpoint's");
        }
        return entries(reader, t, Revocations.COLLECT, Map.of(), p -> { }, earlier(earlierCheckpoint, bundleKeys,
                trustedVerifierKeys, t), new ActsInline());
    }

    /** The earlier checkpoint an auditor trusted, verified as the bundle's is; none when {@code note} is null. */
    private static Checkpoint earlier(String note, List<String> bundleKeys, List<String> trustedVerifierKeys, Trusted t)
            throws BundleException {
        if (note == null) {
            return null;
        }
        Checkpoint earlier = checkpoint(note, bundleKeys, trustedVerifierKeys).checkpoint();
        if (earlier.size() > t.checkpoint().size()) {
            throw new BundleException(-1, "fork", "the earlier checkpoint (" + earlier.size()
                    + ") is larger than the bundle's (" + t.checkpoint().size() + ")");
        }
        return earlier;
    }

    /**
     * Verifies an exported directory ({@code checkpoint}, {@code key}, {@code entries.jsonl}) in one streaming pass,
     * or two when a key revocation reaches back before entries already judged (the revocations first, then everything
     * else; see {@link Revocations#IN_ORDER}), in memory that grows only with the number of keys.
     */
    public static BundleReport verifyDirectory(java.nio.file.Path dir, List<String> trustedVerifierKeys, Progress progress)
            throws BundleException, IOException {
        return verifyDirectory(dir, trustedVerifierKeys, null, progress);
    }

    /**
     * As {@link #verifyDirectory(java.nio.file.Path, List, Progress)}, and also checks that the bundle extends a
     * checkpoint the auditor trusted before ({@code earlierCheckpoint}, a signed note): the first entries must give
     * its root, else the bundle is another history (a fork) signed with the same key.
     */
    public static BundleReport verifyDirectory(java.nio.file.Path dir, List<String> trustedVerifierKeys,
                                               String earlierCheckpoint, Progress progress)
            throws BundleException, IOException {
        java.nio.file.Path entries = dir.resolve("entries.jsonl");
        java.nio.file.Path checkpointFile = dir.resolve("checkpoint");
        if (!java.nio.file.Files.isRegularFile(entries) || !java.nio.file.Files.isRegularFile(checkpointFile)) {
            throw new BundleException(-1, "bundle", dir + " holds no entries.jsonl and checkpoint");
        }
        List<String> bundleKeys = java.nio.file.Files.isRegularFile(dir.resolve("key"))
                ? java.nio.file.Files.readAllLines(dir.resolve("key")).stream().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList()
                : List.of();
        Trusted t = checkpoint(java.nio.file.Files.readString(checkpointFile, StandardCharsets.UTF_8), bundleKeys,
                trustedVerifierKeys);
        Checkpoint earlier = earlier(earlierCheckpoint, bundleKeys, trustedVerifierKeys, t);
        ActsAfter acts = new ActsAfter();
        BundleReport report;
        try {
            try (ByteLines once = new ByteLines(java.nio.file.Files.newInputStream(entries))) {
                report = entries(once, t, Revocations.IN_ORDER, Map.of(), progress, earlier, acts);
            } catch (RevocationsFirst reachesBack) {
                Map<String, Instant> revoked = revocations(entries, 8 << 20);
                acts = new ActsAfter();
                try (ByteLines second = new ByteLines(java.nio.file.Files.newInputStream(entries))) {
                    report = entries(second, t, Revocations.KNOWN, revoked, progress, earlier, acts);
                }
            }
        } catch (BundleException failure) {
            // an act out of its place before the failure is the first failure in index order; so is the failing
            // line's own, when it was signed: its place is checked before its content and signature (step 3.5)
            try {
                acts.check(entries, failure.index() < 0 ? Long.MAX_VALUE
                        : acts.wasSigned(failure.index()) ? failure.index() + 1 : failure.index());
            } catch (IOException unread) {
                failure.addSuppressed(unread);
            }
            throw failure;
        }
        acts.check(entries, Long.MAX_VALUE);
        return report;
    }

    /**
     * How a verification checks that each signed line is one place in its aggregate's history (FORMAT.md 15.3, step
     * 3.5, as 12.9): told of every line in index order, the signed ones with their statement's hash.
     */
    private interface ActOrder {
        /** A signed line, checked against the lines before it (the failure's, or nothing yet: see the kinds). */
        void signed(long index, String aggregateId, String eventType, byte[] statementHash, String prevEntryHash,
                    byte[] leaf) throws BundleException;

        /** A line the fast scan read, with no statement. */
        void unsigned(io.hazardledger.integrity.CanonicalLine scan, byte[] leaf);

        /** A parsed line with no statement. */
        void unsigned(String aggregateId, byte[] leaf);
    }

    /**
     * The checks made as the lines come, keeping every aggregate's latest entry (about 100 bytes an aggregate): for a
     * bundle read once from a stream.
     */
    private static final class ActsInline implements ActOrder {
        private final io.hazardledger.store.internal.SignedActOrder order =
                new io.hazardledger.store.internal.SignedActOrder();

        @Override
        public void signed(long index, String aggregateId, String eventType, byte[] statementHash,
                           String prevEntryHash, byte[] leaf) throws BundleException {
            int n = order.find(aggregateId);
            var misplaced = order.check(n, aggregateId, eventType, statementHash, HEX.formatHex(statementHash),
                    prevEntryHash);
            if (misplaced != null) {
                throw new BundleException(index, misplaced.check(), misplaced.message() + ": expected "
                        + misplaced.expected() + ", found " + misplaced.actual());
            }
            order.record(n, aggregateId, leaf, statementHash, eventType);
        }

        @Override
        public void unsigned(io.hazardledger.integrity.CanonicalLine scan, byte[] leaf) {
            unsigned(scan.aggregateId(), leaf);
        }

        @Override
        public void unsigned(String aggregateId, byte[] leaf) {
            order.record(order.find(aggregateId), aggregateId, leaf, null, null);
        }
    }

    /**
     * The checks made after the lines were read, for a directory that can be read again: the first reading keeps only
     * the aggregates that have a signed line (an unsigned bundle keeps none, and is not read again); the second
     * follows those aggregates alone. Memory grows with the aggregates that were signed for, not with the bundle.
     */
    private static final class ActsAfter implements ActOrder {
        private final io.hazardledger.store.internal.KeySlots signedAggregates =
                new io.hazardledger.store.internal.KeySlots();
        /** The indexes of the signed lines read (a bit a line up to the last signed one: 1.25 MB at 10^7). */
        private final java.util.BitSet signedLines = new java.util.BitSet();

        @Override
        public void signed(long index, String aggregateId, String eventType, byte[] statementHash,
                           String prevEntryHash, byte[] leaf) {
            if (signedAggregates.find(aggregateId) < 0) {
                signedAggregates.add(aggregateId);
            }
            if (index < Integer.MAX_VALUE) {
                signedLines.set((int) index);
            }
        }

        /** Whether the line at {@code index} was read as a signed line (its statement read and placed). */
        boolean wasSigned(long index) {
            return index < Integer.MAX_VALUE && signedLines.get((int) index);
        }

        @Override
        public void unsigned(io.hazardledger.integrity.CanonicalLine scan, byte[] leaf) {
        }

        @Override
        public void unsigned(String aggregateId, byte[] leaf) {
        }

        /**
         * Reads the entries below {@code upTo} again (they passed every other check) and checks the signed lines'
         * places, following only the aggregates that have one.
         */
        void check(java.nio.file.Path entries, long upTo) throws BundleException, IOException {
            if (signedAggregates.size() == 0) {
                return;
            }
            ActsInline inline = new ActsInline();
            try (ByteLines reader = new ByteLines(java.nio.file.Files.newInputStream(entries))) {
                long index = 0;
                while (index < upTo) {
                    ByteLines.Batch batch = reader.nextBatch(BATCH);
                    int n = (int) Math.min(batch.count(), upTo - index);
                    if (n == 0) {
                        return;
                    }
                    // what each line of a followed aggregate says, on every core; then the checks, in order
                    Followed[] lines = new Followed[n];
                    java.util.stream.IntStream.range(0, n).parallel().forEach(k -> lines[k] = followed(batch, k));
                    for (int k = 0; k < n; k++, index++) {
                        Followed f = lines[k];
                        if (f == null) {
                            continue;
                        }
                        if (f.statementHash() == null) {
                            inline.unsigned(f.aggregateId(), f.leaf());
                        } else {
                            inline.signed(index, f.aggregateId(), f.eventType(), f.statementHash(), f.prevEntryHash(),
                                    f.leaf());
                        }
                    }
                }
            }
        }

        /** A line of an aggregate this check follows: its leaf, and its statement's hash and place when signed. */
        private record Followed(String aggregateId, byte[] leaf, String eventType, byte[] statementHash,
                                String prevEntryHash) {
        }

        /**
         * Line {@code k} of the batch when its aggregate has a signed line, else null. The line passed the first
         * reading's checks, so it is read without judging it again.
         */
        private Followed followed(ByteLines.Batch batch, int k) {
            int from = batch.starts()[k];
            int to = batch.ends()[k];
            var scan = io.hazardledger.integrity.CanonicalLine.scan(batch.bytes(), from, to);
            String aggregateId = scan.aggregateId();
            if (aggregateId == null || signedAggregates.find(aggregateId) < 0) {
                return null;
            }
            byte[] leaf = Hashes.leafHashBytes(batch.bytes(), from, to - from);
            if (!scan.mayBeSigned() && !scan.needsFullCheck()) {
                return new Followed(aggregateId, leaf, null, null, null);
            }
            JsonNode e;
            try {
                e = JSON.readTree(batch.bytes(), from, to - from);
            } catch (IOException unreadable) {
                throw new java.io.UncheckedIOException(unreadable);   // read by the first reading: cannot happen
            }
            JsonNode sig = e.path("metadata").path(SignatureMetadata.KEY);
            if (sig.isMissingNode()) {
                return new Followed(e.path("aggregateId").asText(), leaf, null, null, null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> member = JSON.convertValue(sig, Map.class);
            var statement = SignatureMetadata.fromMetadata(member).statement();
            return new Followed(e.path("aggregateId").asText(), leaf, e.path("eventType").asText(),
                    Hashes.newSha256().digest(statement.canonicalBytes()), statement.prevEntryHash());
        }
    }

    /**
     * How signed entries are judged against key revocations, which can come later in the log than the signatures
     * they make invalid (a revocation effective from a time before it was recorded).
     */
    private enum Revocations {
        /** Keep every signed entry and judge them all at the end (a single-file bundle, read once from a stream). */
        COLLECT,
        /** The revocations were read in a first pass: judge each signed entry as it comes. */
        KNOWN,
        /**
         * Judge each signed entry against the revocations before it, and stop ({@link RevocationsFirst}) at a
         * revocation that reaches back to a signature already judged (one claimed at or after its effective time)
         * or that revokes a key a second time: then the revocations are read first and the bundle is verified
         * again. Without such a revocation both judge every entry alike, and the bundle is read once.
         */
        IN_ORDER
    }

    /**
     * A revocation reached back past entries already judged: verify again with the revocations read first. Unchecked,
     * since only {@link Revocations#IN_ORDER} raises it and its one caller catches it.
     */
    private static final class RevocationsFirst extends RuntimeException {
        RevocationsFirst() {
            super(null, null, false, false);
        }
    }

    private static final byte[] KEY_REVOKED = "\"eventType\":\"KeyRevoked\"".getBytes(StandardCharsets.US_ASCII);
    /** The needle is searched for by its 'K', a byte rare in entries (UTF-8 text beyond ASCII never holds it). */
    private static final int KEY_REVOKED_ANCHOR = 13;

    /**
     * The first of two passes, once a revocation reached back (see {@link Revocations#IN_ORDER}): the key and
     * effective time of every revocation, found by searching the bytes for its event type (eight bytes a step, on
     * both cores, without splitting lines). A line the search finds is parsed; one that is not a readable KeyRevoked
     * entry is left to the second pass, which refuses it at its index. The buffer starts at {@code bufferSize} bytes
     * and grows to hold the longest line.
     */
    static Map<String, Instant> revocations(java.nio.file.Path entries, int bufferSize) throws IOException {
        Map<String, Instant> revoked = new HashMap<>();
        try (InputStream in = java.nio.file.Files.newInputStream(entries)) {
            byte[] buf = new byte[bufferSize];
            int end = 0;
            boolean eof = false;
            while (!eof) {
                int n = in.readNBytes(buf, end, buf.length - end);
                end += n;
                eof = end < buf.length;
                int limit = eof ? end : lastNewline(buf, end) + 1;
                if (limit == 0) { // one line fills the buffer
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                    continue;
                }
                // both halves of the block searched at once; a hit belongs to the half it starts in
                byte[] block = buf;
                int bound = limit;
                int mid = limit / 2;
                List<List<Integer>> halves = java.util.stream.IntStream.of(0, 1).parallel().mapToObj(h -> {
                    List<Integer> hits = new ArrayList<>();
                    int from = h == 0 ? 0 : mid;
                    int to = h == 0 ? Math.min(bound, mid + KEY_REVOKED.length - 1) : bound;
                    for (int hit = ByteLines.indexOfAnchored(block, from, to, KEY_REVOKED, KEY_REVOKED_ANCHOR); hit >= 0;
                         hit = ByteLines.indexOfAnchored(block, hit + 1, to, KEY_REVOKED, KEY_REVOKED_ANCHOR)) {
                        hits.add(hit);
                    }
                    return hits;
                }).toList();
                int done = 0;
                for (List<Integer> hits : halves) {
                    for (int hit : hits) {
                        if (hit < done) {
                            continue; // a second hit in a line already read
                        }
                        int lineStart = lastNewline(buf, hit) + 1;
                        int lineEnd = ByteLines.indexOfNewline(buf, hit, limit);
                        lineEnd = lineEnd < 0 ? limit : lineEnd;
                        try {
                            JsonNode e = JSON.readTree(buf, lineStart, lineEnd - lineStart);
                            if ("KeyRevoked".equals(e.path("eventType").asText())) {
                                JsonNode p = e.path("payload");
                                revoked.put(p.path("keyId").asText(), Instant.parse(p.path("effectiveAt").asText()));
                            }
                        } catch (IOException | RuntimeException unreadable) {
                            // the second pass refuses this line at its index
                        }
                        done = lineEnd;
                    }
                }
                System.arraycopy(buf, limit, buf, 0, end - limit);
                end -= limit;
            }
        }
        return revoked;
    }

    /** The position of the last '\n' before {@code to}, or -1. */
    private static int lastNewline(byte[] buf, int to) {
        int p = to - 1;
        while (p >= 0 && buf[p] != '\n') {
            p--;
        }
        return p;
    }

    private record Trusted(Checkpoint checkpoint, String verifiedWith, boolean keyFromBundle) {
    }

    private static Trusted checkpoint(String note, List<String> bundleKeys, List<String> trustedVerifierKeys)
            throws BundleException {
        boolean keyFromBundle = trustedVerifierKeys.isEmpty();
        List<String> keys = keyFromBundle ? bundleKeys : trustedVerifierKeys;
        BundleException refused = new BundleException(-1, "checkpoint-signature",
                "the checkpoint is signed by none of the keys given");
        for (String k : keys) {
            String text;
            NoteVerifier verifier;
            try {
                verifier = NoteVerifier.parse(k);
                text = verifier.verify(note);
            } catch (InvalidSignatureException e) {
                continue;   // not this key's: the next one
            }
            Checkpoint checkpoint;
            try {
                checkpoint = Checkpoint.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BundleException(-1, "checkpoint", e.getMessage());
            }
            if (checkpoint.origin().equals(verifier.name())) {
                return new Trusted(checkpoint, k, keyFromBundle);
            }
            // the log signs under its origin (14.2): a note of this key over another origin is not its checkpoint
            // (a witness's key, say); another key given may be the log's
            refused = new BundleException(-1, "checkpoint", "the checkpoint's origin " + checkpoint.origin()
                    + " is not the log the key signs for (" + verifier.name() + ")");
        }
        throw refused;
    }

    /**
     * Checks the entries; {@code mode} says when signed entries are judged against revocations (with
     * {@link Revocations#KNOWN}, against {@code knownRevocations}).
     *
     * @throws RevocationsFirst in {@link Revocations#IN_ORDER} mode, at a revocation that reaches back
     */
    private static BundleReport entries(ByteLines reader, Trusted t, Revocations mode,
                                        Map<String, Instant> knownRevocations, Progress progress, Checkpoint earlier,
                                        ActOrder acts)
            throws BundleException, IOException {
        Checkpoint checkpoint = t.checkpoint();
        RightEdge tree = new RightEdge();
        byte[] prev = new byte[32]; // entry 0 links to 64 zeros
        long index = 0;
        Map<String, Key> keyHistory = new HashMap<>();
        Map<String, Instant> revoked = new HashMap<>();
        List<Signed> signed = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        long signedCount = 0;
        // IN_ORDER: per key, the latest claimed time of a signature judged so far that a revocation would make invalid
        Map<String, Instant> latestClaim = new HashMap<>();
        java.util.Set<String> revokedKeys = new java.util.HashSet<>();
        String[] revokedNow = new String[1];
        io.hazardledger.integrity.ClockSteps clock = new io.hazardledger.integrity.ClockSteps();
        while (true) {
            ByteLines.Batch batch = reader.nextBatch(BATCH);
            int n = batch.count();
            if (n == 0) {
                break;
            }
            byte[] buf = batch.bytes();
            io.hazardledger.integrity.CanonicalLine[] scans = new io.hazardledger.integrity.CanonicalLine[n];
            byte[][] leaves = new byte[n][];
            JsonNode[] parsed = new JsonNode[n];
            // the per-line work (canonical check, leaf hash, parsing the lines that carry keys or signatures) on
            // every core; the checks that chain lines, in order; then the signatures of the batch on every core
            java.util.stream.IntStream.range(0, n).parallel().forEach(k -> {
                int from = batch.starts()[k];
                int to = batch.ends()[k];
                scans[k] = io.hazardledger.integrity.CanonicalLine.scan(buf, from, to);
                leaves[k] = Hashes.leafHashBytes(buf, from, to - from);
                if (scans[k].canonical() && (keyEvent(scans[k]) || scans[k].mayBeSigned())) {
                    try {
                        parsed[k] = JSON.readTree(buf, from, to - from);
                    } catch (IOException | RuntimeException e) {
                        parsed[k] = null; // parsed again in order, where the failure is reported at its index
                    }
                }
            });
            long first = index;
            Pending[] pending = new Pending[n];
            BundleException failure = null;
            int checked = n;
            for (int k = 0; k < n; k++) {
                revokedNow[0] = null;
                try {
                    pending[k] = chainLine(k, index, batch, scans[k], leaves[k], parsed[k], prev, checkpoint, tree,
                            keyHistory, revoked, revokedNow, clock, acts);
                } catch (BundleException e) {
                    failure = e;
                    checked = k;
                    break;
                }
                if (mode == Revocations.IN_ORDER && revokedNow[0] != null) {
                    Instant claimed = latestClaim.get(revokedNow[0]);
                    if (!revokedKeys.add(revokedNow[0])
                            || claimed != null && !claimed.isBefore(revoked.get(revokedNow[0]))) {
                        throw new RevocationsFirst();
                    }
                }
                if (pending[k] != null) {
                    Signed s = pending[k].signed();
                    signedCount++;
                    switch (mode) {
                        case COLLECT -> signed.add(s);
                        case KNOWN -> finding(s, keyHistory.get(s.keyId()), knownRevocations).ifPresent(findings::add);
                        case IN_ORDER -> {
                            finding(s, keyHistory.get(s.keyId()), revoked).ifPresent(findings::add);
                            if (!SignedActions.managesKeys(s.action())) {
                                latestClaim.merge(s.keyId(), s.claimed(), (a, b) -> a.isAfter(b) ? a : b);
                            }
                        }
                    }
                }
                prev = leaves[k];
                index++;
                if (earlier != null && index == earlier.size() && !MessageDigest.isEqual(tree.root(), earlier.root())) {
                    failure = new BundleException(index - 1, "fork", "the first " + index + " entries do not give the "
                            + "root of the earlier checkpoint: this is another history, signed with the same key");
                    checked = k + 1; // entry k passed its own checks: its signature comes before the fork, as in order
                    break;
                }
                if (index % 100_000 == 0) {
                    progress.checked(index);
                }
            }
            // the first failure in index order: a signature before the line that broke the chain, or that line
            String[] bad = new String[checked];
            java.util.stream.IntStream.range(0, checked).parallel().forEach(k -> {
                if (pending[k] != null) {
                    bad[k] = pending[k].verify();
                }
            });
            for (int k = 0; k < checked; k++) {
                if (bad[k] != null) {
                    throw new BundleException(first + k, "signature-invalid", bad[k]);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
        if (index != checkpoint.size()) {
            throw new BundleException(index, "missing-entry", "the checkpoint covers " + checkpoint.size()
                    + " entries, the bundle holds " + index);
        }
        byte[] root = tree.root();
        if (!MessageDigest.isEqual(root, checkpoint.root())) {
            throw new BundleException(-1, "root-mismatch", "the entries give root " + HEX.formatHex(root)
                    + ", the checkpoint says " + HEX.formatHex(checkpoint.root()));
        }
        for (Signed s : signed) {
            finding(s, keyHistory.get(s.keyId()), revoked).ifPresent(findings::add);
        }
        return new BundleReport(checkpoint.origin(), checkpoint.size(), Base64.getEncoder().encodeToString(root),
                t.verifiedWith(), t.keyFromBundle(), signedCount, findings, clock.steps());
    }

    private static boolean keyEvent(io.hazardledger.integrity.CanonicalLine scan) {
        return "KeyRegistered".equals(scan.eventType()) || "KeyRevoked".equals(scan.eventType());
    }

    /** A signed entry whose statement and key were found in order; the signature itself is checked after. */
    private record Pending(Signed signed, SignedStatement statement, VerificationKey key) {
        /** Null when the signature holds, else why not. */
        String verify() {
            try {
                statement.verifyWith(key);
                return null;
            } catch (InvalidSignatureException | IllegalArgumentException e) {
                return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
    }

    /**
     * The in-order checks of line {@code k} (entry {@code index}): its index, its link, its canonical form when the
     * fast scan could not judge it, the key history, its recorded time against the latest before it, its statement's
     * place in its aggregate's history ({@code acts}, told of every line); appends its leaf. Returns its signature to
     * check, or null.
     */
    private static Pending chainLine(int k, long index, ByteLines.Batch batch,
                                     io.hazardledger.integrity.CanonicalLine scan, byte[] leaf, JsonNode parsed,
                                     byte[] prev, Checkpoint checkpoint, RightEdge tree, Map<String, Key> keyHistory,
                                     Map<String, Instant> revoked, String[] revokedNow,
                                     io.hazardledger.integrity.ClockSteps clock, ActOrder acts)
            throws BundleException {
        if (index >= checkpoint.size()) {
            throw new BundleException(index, "trailing-entries", "the bundle holds more entries than the checkpoint");
        }
        JsonNode e = null;
        long lineIndex;
        String linePrev;
        boolean linked;
        if (scan.canonical()) {
            lineIndex = scan.index();
            linePrev = null;
            linked = scan.prevHashIs(prev);
        } else if (scan.needsFullCheck()) {
            e = parse(index, batch.line(k));
            lineIndex = e.path("index").asLong(-1);
            linePrev = e.path("prevHash").asText();
            linked = HEX.formatHex(prev).equals(linePrev);
        } else {
            throw new BundleException(index, "entry-not-canonical", scan.error());
        }
        if (lineIndex != index) {
            throw new BundleException(index, "missing-entry", "the line holds entry " + lineIndex);
        }
        if (!linked) {
            throw new BundleException(index, "chain-link", "prevHash is "
                    + (linePrev != null ? linePrev : scan.prevHash()) + ", the previous entry hashes to "
                    + HEX.formatHex(prev));
        }
        if (e != null) {
            requireCanonical(index, HEX.formatHex(prev), e, batch.line(k));
            clock.accept(index, e.path("recordedAt").asText(null));
        } else {
            scan.recordedAtTo(clock, index);
        }
        if (e == null && (keyEvent(scan) || scan.mayBeSigned())) {
            e = parsed != null ? parsed : parse(index, batch.line(k));
        }
        tree.append(leaf);
        if (e == null) {
            acts.unsigned(scan, leaf);
            return null;
        }
        revokedNow[0] = learnKeys(index, e, keyHistory, revoked);
        Pending pending = prepareSignature(index, e, keyHistory, acts, leaf);
        if (pending == null) {
            acts.unsigned(e.path("aggregateId").asText(), leaf);
        }
        return pending;
    }

    private static JsonNode parse(long index, byte[] line) throws BundleException {
        try {
            return JSON.readTree(line);
        } catch (IOException ex) {
            throw new BundleException(index, "malformed-entry", "not JSON");
        }
    }

    /** The full check: the line is exactly the canonical entry (section 2) of its own members. */
    private static void requireCanonical(long index, String prev, JsonNode e, byte[] bytes) throws BundleException {
        EntryContent content = new EntryContent(e.path("eventId").asText(), e.path("aggregateType").asText(),
                e.path("aggregateId").asText(), e.path("aggregateSequence").asLong(), e.path("eventType").asText(),
                e.path("payloadRevision").isNull() ? null : e.path("payloadRevision").asText(),
                e.path("recordedAt").asText(), e.path("metadata").toString(), e.path("payload").toString());
        try {
            if (!MessageDigest.isEqual(EntryCodec.encode(index, prev, content), bytes)) {
                throw new BundleException(index, "entry-not-canonical",
                        "the line is not the canonical entry (RFC 8785) of its own members");
            }
        } catch (EntryCodec.MalformedEntryException ex) {
            throw new BundleException(index, "malformed-entry", ex.getMessage());
        }
    }

    private static java.util.Optional<String> finding(Signed s, Key k, Map<String, Instant> revoked) {
        if (s.claimed().isBefore(k.validFrom())) {
            return java.util.Optional.of("entry " + s.index() + ": key " + s.keyId() + " of " + s.signerId()
                    + " is valid from " + k.validFrom() + ", after the claimed time " + s.claimed());
        }
        Instant r = revoked.get(s.keyId());
        if (r != null && !s.claimed().isBefore(r) && !SignedActions.managesKeys(s.action())) {
            return java.util.Optional.of("entry " + s.index() + ": key " + s.keyId() + " of " + s.signerId()
                    + " was revoked from " + r + ", before the claimed time " + s.claimed());
        }
        return java.util.Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Pending prepareSignature(long index, JsonNode entry, Map<String, Key> keys, ActOrder acts,
                                            byte[] leaf) throws BundleException {
        JsonNode sig = entry.path("metadata").path(SignatureMetadata.KEY);
        if (sig.isMissingNode()) {
            return null;
        }
        SignedStatement statement = sig.isObject()   // anything else is no statement, as Ledger.verify() judges it
                ? SignatureMetadata.fromMetadata(JSON.convertValue(sig, Map.class)) : null;
        if (statement == null) {
            throw new BundleException(index, "signature-malformed", "the signed statement is not a version 1 statement");
        }
        var s = statement.statement();
        Key key = keys.get(s.keyId());
        if (key == null) {
            throw new BundleException(index, "signature-key-unknown", "key " + s.keyId() + " is not registered before it");
        }
        if (!key.personId().equals(s.signerId())) {   // as Ledger.verify() names it (FORMAT 12.9)
            throw new BundleException(index, "signature-key-unknown", "key " + s.keyId() + " belongs to "
                    + key.personId() + ", not to the signer " + s.signerId());
        }
        if (!s.aggregateId().equals(entry.path("aggregateId").asText())
                || !SignedActions.eventsOf(s.action()).contains(entry.path("eventType").asText())) {
            throw new BundleException(index, "signature-mismatch", "the statement does not belong to this entry");
        }
        // made for the aggregate's history as it stood, and used for one act (FORMAT 12.9), as Ledger.verify() checks
        byte[] statementHash;
        try {
            statementHash = Hashes.newSha256().digest(statement.statement().canonicalBytes());
        } catch (IllegalArgumentException e) {
            throw new BundleException(index, "signature-malformed", "the statement cannot be canonicalised: "
                    + e.getMessage());
        }
        acts.signed(index, entry.path("aggregateId").asText(), entry.path("eventType").asText(), statementHash,
                s.prevEntryHash(), leaf);
        List<String> expected;
        try {
            expected = SignedContent.expectedDigests(s.action(), entry.path("eventType").asText(),
                    entry.path("payload").toString()).orElse(List.of(s.contentSha256()));
        } catch (IllegalArgumentException e) {
            throw new BundleException(index, "signature-mismatch", "the statement's content cannot be rebuilt from the "
                    + "entry: " + e.getMessage());
        }
        if (!expected.contains(s.contentSha256())) {   // FORMAT 12.3: the command rebuilt from the payload
            throw new BundleException(index, "signature-mismatch", "the statement signed other content than the "
                    + "entry holds: its contentSha256 is " + s.contentSha256() + ", the entry's content hashes to "
                    + String.join(" or ", expected));
        }
        Instant claimed;
        try {
            claimed = Instant.parse(s.claimedAt());
        } catch (java.time.format.DateTimeParseException e) {
            throw new BundleException(index, "signature-malformed", "the statement's claimedAt is not an instant");
        }
        return new Pending(new Signed(index, s.signerId(), s.keyId(), claimed, s.action()), statement, key.key());
    }

    /** Learns the key a KeyRegistered or KeyRevoked entry names; returns the revoked key's id, else null. */
    private static String learnKeys(long index, JsonNode entry, Map<String, Key> keys, Map<String, Instant> revoked)
            throws BundleException {
        String type = entry.path("eventType").asText();
        JsonNode p = entry.path("payload");
        String problem;
        try {
            String keyId = p.path("keyId").asText();
            if ("KeyRegistered".equals(type)) {
                VerificationKey key = VerificationKey.fromBase64Spki(p.path("publicKey").asText());
                problem = KeyEvents.notTheKey(keyId, p.path("algorithm").asText(), p.path("publicKey").asText(),
                        key, keys.containsKey(keyId));
                if (problem == null) {
                    keys.put(keyId, new Key(p.path("personId").asText(), key,
                            Instant.parse(p.path("validFrom").asText()), index));
                    return null;
                }
            } else if ("KeyRevoked".equals(type)) {
                problem = KeyEvents.notARevocation(keyId, keys.containsKey(keyId), revoked.containsKey(keyId));
                if (problem == null) {
                    revoked.put(keyId, Instant.parse(p.path("effectiveAt").asText()));
                    return keyId;
                }
            } else {
                return null;
            }
        } catch (InvalidSignatureException | RuntimeException e) {
            throw new BundleException(index, "malformed-key", "the key event cannot be read: " + e.getMessage());
        }
        throw new BundleException(index, "malformed-key", problem);
    }
}
