package io.hazardledger.integrity.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 hashing: interior node = {@code SHA-256(0x01 || left || right)}; the empty tree = {@code SHA-256()}. */
public final class MerkleHash {

    /** One digest per thread: looking one up per node cost more than hashing the node's 65 bytes. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(MerkleHash::newSha256);

    private MerkleHash() {
    }

    /** {@code SHA-256(0x01 || left || right)} ({@code printf '\x01' | cat - left right | sha256sum}). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The root of the empty tree: {@code SHA-256()} = e3b0c442…b855 ({@code printf '' | sha256sum}). */
    public static byte[] empty() {
        return sha256().digest();
    }

    /** This thread's digest, reset; every use ends with {@code digest()} before another can begin. */
    static MessageDigest sha256() {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        return sha;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
