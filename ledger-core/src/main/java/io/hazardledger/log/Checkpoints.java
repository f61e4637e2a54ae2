package io.hazardledger.log;

import java.util.List;
import java.util.Optional;

/**
 * Signed checkpoints of the log (C2SP tlog-checkpoint in a signed note, Ed25519). All are kept; the log never
 * signs a checkpoint that is not consistent with the latest earlier one.
 */
public interface Checkpoints {

    /** The checkpoints' origin line. */
    String origin();

    /** The verifier key {@code name+hex8(keyID)+base64(0x01 || public key)}. */
    String verifierKey();

    /** Every key that signs checkpoints (key rotation: old and new sign side by side), the primary first. */
    List<String> verifierKeys();

    /** The latest signed checkpoint, with the witnesses' cosignatures it received, if any was made. */
    Optional<String> latest();

    /** The tree size of {@link #latest()} (the second line of its note), if any. */
    default Optional<Long> latestSize() {
        return latest().map(note -> Long.parseLong(note.split("\n", 3)[1]));
    }

    /** The signed checkpoint of a tree size, if the log signed one at that size. */
    Optional<String> at(long treeSize);

    /**
     * The RFC 3161 timestamp token (DER) over SHA-256 of the checkpoint's signed note as the log signed it, when a
     * timestamp authority is configured and answered.
     */
    Optional<byte[]> timestamp(long treeSize);

    /** The tree size of the latest checkpoint and when the log signed it (by its own clock), if one was made. */
    Optional<Made> latestMade();

    /** A checkpoint's tree size and the moment the log signed it. */
    record Made(long treeSize, java.time.Instant signedAt) {
    }

    /**
     * The tree sizes that have a stored checkpoint, ascending: the table's rows, not each checked (a row that the log
     * did not sign is listed, and {@link #at} does not serve it).
     */
    List<Long> sizes();

    /** The witnesses whose cosignatures the log accepts (their verifier keys, type 0x04). */
    List<String> witnesses();

    /**
     * Accepts witness cosignature lines (C2SP tlog-cosignature v1) of the checkpoint at {@code treeSize}: each line
     * must be a known witness's valid cosignature of that checkpoint. The checkpoint is then served with them.
     *
     * @return the witnesses whose cosignatures were added or replaced
     * @throws io.hazardledger.SignatureRefusedException {@code unknown-witness} or {@code cosignature-invalid}
     */
    List<String> addCosignatures(long treeSize, String signatureLines);

    /**
     * Makes a checkpoint of the current tree if it grew since the latest one (or none exists), and returns the
     * latest. Refuses (IllegalStateException) to sign a tree that is not consistent with the latest checkpoint.
     */
    String checkpointNow();
}
