package io.hazardledger.tamper;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One-byte changes made in place, the smallest tampering there is. A letter's case is flipped
 * ({@code byte ^ 0x20}), so a JSON text stays valid JSON and only its content changes.
 */
final class OneByte {

    private OneByte() {
    }

    /** Flips the case of the first ASCII letter at or after the end of {@code marker}. */
    static byte[] letterAfter(byte[] bytes, String marker) {
        byte[] m = marker.getBytes(StandardCharsets.UTF_8);
        int from = indexOf(bytes, m);
        if (from < 0) {
            throw new IllegalArgumentException("marker " + marker + " not in " + new String(bytes, StandardCharsets.UTF_8));
        }
        for (int i = from + m.length; i < bytes.length; i++) {
            if ((bytes[i] >= 'a' && bytes[i] <= 'z') || (bytes[i] >= 'A' && bytes[i] <= 'Z')) {
                byte[] out = bytes.clone();
                out[i] ^= 0x20;
                return out;
            }
        }
        throw new IllegalArgumentException("no letter after " + marker);
    }

    /** Flips the case of the first ASCII letter of {@code s}. */
    static String firstLetter(String s) {
        return new String(letterAfter(s.getBytes(StandardCharsets.UTF_8), ""), StandardCharsets.UTF_8);
    }

    /** {@code s} with the case of its first ASCII letter flipped; null when it has none. */
    static String flipFirstLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
                return s.substring(0, i) + (char) (ch ^ 0x20) + s.substring(i + 1);
            }
        }
        return null;
    }

    /**
     * {@code s} with its last ASCII digit or letter moved on by one (9 back to 8, z to y, Z to Y), so that a hex digit
     * stays one and a letter keeps its case; null when it has neither.
     */
    static String nextLast(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            char ch = s.charAt(i);
            boolean last = ch == '9' || ch == 'z' || ch == 'Z';
            if ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
                return s.substring(0, i) + (char) (last ? ch - 1 : ch + 1) + s.substring(i + 1);
            }
        }
        return null;
    }

    /** Changes the last decimal digit of {@code s} to its neighbour (9 becomes 8, any other n becomes n + 1). */
    static String lastDigit(String s) {
        char[] chars = s.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            if (Character.isDigit(chars[i])) {
                chars[i] = chars[i] == '9' ? '8' : (char) (chars[i] + 1);
                return new String(chars);
            }
        }
        throw new IllegalArgumentException("no digit in " + s);
    }

    /** How many bytes differ between two arrays of the same length. */
    static int differences(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] == b[i] ? 0 : 1;
        }
        return n;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
