package io.hazardledger.api.ledger;

import io.hazardledger.Ledger;
import io.hazardledger.api.support.NotFoundException;
import io.hazardledger.log.Checkpoints;
import io.hazardledger.log.MerkleLog;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;

/**
 * The ledger as a transparency log, in the exact shapes outside tools rely on (docs/FORMAT.md): entries as JSON
 * Lines of the bytes that were hashed, and RFC 9162 proofs with base64 hashes.
 */
@RestController
@RequestMapping("/api/v1/ledger")
@Tag(name = "Log", description = "Entries, tree heads and Merkle proofs")
public class LogController {

    /** {@code GET /proofs/inclusion}: leaf hash and audit path, base64. */
    public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> hashes) {
    }

    /** {@code GET /proofs/consistency}: the consistency path, base64. */
    public record ConsistencyProof(long fromSize, long toSize, List<String> hashes) {
    }

    /** {@code GET /tree}: the current tree size and root hash (unsigned; the signed form is a checkpoint). */
    public record TreeHead(long treeSize, String rootHash) {
    }

    private static final MediaType JSON_LINES = MediaType.parseMediaType("application/jsonl");

    private final Ledger ledger;

    public LogController(Ledger ledger) {
        this.ledger = ledger;
    }

    @GetMapping(value = "/entries")
    @Operation(summary = "Entries [from, to) as JSON Lines, each line exactly the bytes that were hashed "
            + "(at most 10000 at a time)")
    public ResponseEntity<byte[]> entries(@RequestParam long from, @RequestParam long to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : ledger.log().entries(from, to)) {
            out.writeBytes(entry);
            out.write('\n');
        }
        return ResponseEntity.ok().contentType(JSON_LINES).body(out.toByteArray());
    }

    @GetMapping("/proofs/inclusion")
    @Operation(summary = "RFC 9162 inclusion proof of entry 'index' in the tree of size 'treeSize'")
    public InclusionProof inclusion(@RequestParam long index, @RequestParam long treeSize) {
        MerkleLog log = ledger.log();
        List<byte[]> proof = log.inclusionProof(index, treeSize);
        return new InclusionProof(index, treeSize, b64(log.leafHash(index)), proof.stream().map(LogController::b64).toList());
    }

    @GetMapping("/proofs/consistency")
    @Operation(summary = "RFC 9162 consistency proof from the tree of size 'from' to the tree of size 'to'")
    public ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        return new ConsistencyProof(from, to, ledger.log().consistencyProof(from, to).stream().map(LogController::b64).toList());
    }

    @GetMapping("/tree")
    @Operation(summary = "The current tree size and root hash (base64)")
    public TreeHead tree() {
        MerkleLog log = ledger.log();
        long size = log.size();
        return new TreeHead(size, b64(log.root(size)));
    }

    @GetMapping(value = "/checkpoint", produces = "text/plain;charset=UTF-8")
    @Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint in a signed note)")
    public String checkpoint() {
        return checkpoints().latest()
                .orElseThrow(() -> new NotFoundException("no checkpoint has been made yet"));
    }

    @GetMapping(value = "/checkpoints/{treeSize}", produces = "text/plain;charset=UTF-8")
    @Operation(summary = "The signed checkpoint of one tree size (all are kept)")
    public String checkpointAt(@PathVariable long treeSize) {
        return checkpoints().at(treeSize)
                .orElseThrow(() -> new NotFoundException("no checkpoint at tree size " + treeSize));
    }

    @PostMapping(value = "/checkpoints", produces = "text/plain;charset=UTF-8")
    @Operation(summary = "Make a checkpoint now if the tree grew; answers the latest signed checkpoint")
    public String checkpointNow() {
        return checkpoints().checkpointNow();
    }

    @GetMapping(value = "/key", produces = "text/plain;charset=UTF-8")
    @Operation(summary = "The checkpoint verifier key: name+hex8(keyID)+base64(0x01 || public key)")
    public String key() {
        return checkpoints().verifierKey() + "\n";
    }

    @GetMapping(value = "/bundle", produces = "application/jsonl")
    @Operation(summary = "An offline audit bundle: the latest (or the given) checkpoint and every entry it covers; "
            + "check it with './ledger verify-bundle'")
    public ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> bundle(
            @RequestParam(required = false) Long treeSize) {
        Checkpoints checkpoints = checkpoints();
        long size = treeSize != null ? treeSize : checkpoints.latestSize()
                .orElseThrow(() -> new NotFoundException("no checkpoint has been made yet"));
        if (checkpoints.at(size).isEmpty()) {
            throw new io.hazardledger.InvalidInputException("treeSize", "no checkpoint at tree size " + size);
        }
        return ResponseEntity.ok().contentType(JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"ledger-bundle-" + size + ".jsonl\"")
                .body(out -> io.hazardledger.bundle.BundleWriter.write(ledger.log(), checkpoints, size, out));
    }

    @GetMapping(value = "/checkpoints/{treeSize}/timestamp", produces = "application/octet-stream")
    @Operation(summary = "The RFC 3161 timestamp token (DER) over SHA-256 of the checkpoint's signed note as the log "
            + "signed it; check with: openssl ts -verify -data note.txt -in token.der -token_in -CAfile tsa.pem")
    public ResponseEntity<byte[]> timestamp(@PathVariable long treeSize) {
        byte[] token = checkpoints().timestamp(treeSize)
                .orElseThrow(() -> new NotFoundException("no timestamp for the checkpoint at tree size " + treeSize));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(token);
    }

    /** The witnesses whose cosignatures were accepted. */
    public record Cosigned(long treeSize, List<String> accepted) {
    }

    @PostMapping(value = "/checkpoints/{treeSize}/cosignatures", consumes = "text/plain")
    @Operation(summary = "Submit witness cosignatures (C2SP tlog-cosignature v1 signature lines, or the whole "
            + "cosigned note) of a checkpoint; the checkpoint is then served with them")
    public Cosigned cosign(@PathVariable long treeSize, @org.springframework.web.bind.annotation.RequestBody String lines) {
        return new Cosigned(treeSize, checkpoints().addCosignatures(treeSize, lines));
    }

    @GetMapping(value = "/witnesses", produces = "text/plain;charset=UTF-8")
    @Operation(summary = "The witnesses whose cosignatures this log accepts, one verifier key per line")
    public String witnesses() {
        return String.join("\n", checkpoints().witnesses()) + (checkpoints().witnesses().isEmpty() ? "" : "\n");
    }

    @GetMapping(value = "/keys", produces = "text/plain;charset=UTF-8")
    @Operation(summary = "Every key that signs checkpoints, one verifier key per line, the primary first")
    public String keys() {
        return String.join("\n", checkpoints().verifierKeys()) + "\n";
    }

    private Checkpoints checkpoints() {
        return ledger.checkpoints().orElseThrow(() -> new NotFoundException("this ledger signs no checkpoints"));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
