package io.hazardledger.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the RFC 9162 leaf hash that every ledger entry is chained by. */
public final class Hashes {

    /** The {@code prevHash} of entry 0: 64 zeros. */
    public static final String ZERO_HASH = "0".repeat(64);

    private static final byte LEAF_PREFIX = 0x00;
    private static final HexFormat HEX = HexFormat.of();
    /**
     * One digest per thread: {@code MessageDigest.getInstance} looks the provider up and builds the digest by
     * reflection, which cost more than hashing a 1 KiB entry when the bundle verifier did it per line.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Hashes::newSha256);

    private Hashes() {
    }

    /** RFC 9162 leaf hash: {@code SHA-256(0x00 || entry bytes)}, lowercase hex. */
    public static String leafHash(byte[] entryBytes) {
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        sha.update(entryBytes);
        return HEX.formatHex(sha.digest());
    }

    /** RFC 9162 leaf hash as 32 bytes. */
    public static byte[] leafHashBytes(byte[] entryBytes) {
        return leafHashBytes(entryBytes, 0, entryBytes.length);
    }

    /** RFC 9162 leaf hash, as 32 bytes, of the entry held in {@code bytes[offset, offset + length)}. */
    public static byte[] leafHashBytes(byte[] bytes, int offset, int length) {
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        sha.update(bytes, offset, length);
        return sha.digest();
    }

    /** Plain SHA-256 of the bytes, lowercase hex (evidence content hashes). */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    /** True when {@code s} is 64 lowercase hex digits. */
    public static boolean isSha256Hex(String s) {
        return s != null && s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** This thread's SHA-256 digest, reset (each use ends with {@code digest()}, which resets it). */
    private static MessageDigest sha256() {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        return sha;
    }

    /** A new SHA-256 digest, for a caller that feeds it in parts. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
