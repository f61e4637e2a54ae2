package io.hazardledger.integrity.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A naive RFC 9162 section 2.1 reference, written from the RFC's definitions and sharing no code with the main
 * {@code merkle} package: MTH, PATH and PROOF by recursion over the list of leaf hashes (no stored nodes), plus
 * size-only descriptions of the proofs (which range each element covers, and on which side it is combined).
 * Leaves are leaf hashes already, {@code SHA-256(0x00 || data)}.
 */
final class NaiveMerkle {

    private static final HexFormat HEX = HexFormat.of();

    private NaiveMerkle() {
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code SHA-256(0x00 || data)}. */
    static byte[] leafHash(byte[] data) {
        return sha256(new byte[] {0x00}, data);
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] {0x01}, left, right);
    }

    /** The largest power of two smaller than {@code n}, for {@code n > 1}, by counting up (not by bit tricks). */
    static long split(long n) {
        long k = 1;
        while (k < n - k) {
            k *= 2;
        }
        return k;
    }

    /** MTH(D[n]). */
    static byte[] mth(List<byte[]> d) {
        if (d.isEmpty()) {
            return sha256();
        }
        if (d.size() == 1) {
            return d.get(0);
        }
        int k = (int) split(d.size());
        return node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
    }

    /** PATH(m, D[n]), leaf side first. */
    static List<byte[]> path(int m, List<byte[]> d) {
        if (m < 0 || m >= d.size()) {
            throw new IllegalArgumentException("PATH(" + m + ", D[" + d.size() + "])");
        }
        if (d.size() == 1) {
            return new ArrayList<>();
        }
        int n = d.size();
        int k = (int) split(n);
        List<byte[]> out;
        if (m < k) {
            out = path(m, d.subList(0, k));
            out.add(mth(d.subList(k, n)));
        } else {
            out = path(m - k, d.subList(k, n));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /** PROOF(m, D[n]); empty for {@code m == 0} (transparency-dev's convention) and for {@code m == n}. */
    static List<byte[]> proof(int m, List<byte[]> d) {
        if (m < 0 || m > d.size()) {
            throw new IllegalArgumentException("PROOF(" + m + ", D[" + d.size() + "])");
        }
        if (m == 0 || m == d.size()) {
            return new ArrayList<>();
        }
        return subproof(m, d, true);
    }

    /** SUBPROOF(m, D[n], b). */
    static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        if (m == n) {
            List<byte[]> out = new ArrayList<>();
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = (int) split(n);
        List<byte[]> out;
        if (m <= k) {
            out = subproof(m, d.subList(0, k), b);
            out.add(mth(d.subList(k, n)));
        } else {
            out = subproof(m - k, d.subList(k, n), false);
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    /**
     * The sides of PATH(m, D[n]), leaf side first: 'L' where the element is the left sibling, 'R' where it is the
     * right sibling. A verifier computes the same root from the same elements exactly when the sides agree.
     */
    static String inclusionShape(long m, long n) {
        StringBuilder topDown = new StringBuilder();
        while (n > 1) {
            long k = split(n);
            if (m < k) {
                topDown.append('R');
                n = k;
            } else {
                topDown.append('L');
                m -= k;
                n -= k;
            }
        }
        return topDown.reverse().toString();
    }

    /**
     * The shape of PROOF(m, D[n]) for {@code 0 < m < n}: 'r' when the old root is the implicit start (m a power of
     * two) or 's' when the first element is, then per element 'L' (a left sibling: it feeds both the old and the new
     * root) or 'R' (a right sibling: only the new root), in proof order.
     */
    static String consistencyShape(long m, long n) {
        if (m <= 0 || m >= n) {
            throw new IllegalArgumentException("shape of PROOF(" + m + ", D[" + n + "])");
        }
        StringBuilder topDown = new StringBuilder();
        boolean complete = true;
        while (m != n) {
            long k = split(n);
            if (m <= k) {
                topDown.append('R');
                n = k;
            } else {
                topDown.append('L');
                m -= k;
                n -= k;
                complete = false;
            }
        }
        return (complete ? "r" : "s") + topDown.reverse();
    }

    /** The leaf ranges {start, length} the elements of PATH(m, D[n]) cover, leaf side first. */
    static List<long[]> inclusionRanges(long m, long n) {
        List<long[]> topDown = new ArrayList<>();
        long start = 0;
        while (n > 1) {
            long k = split(n);
            if (m < k) {
                topDown.add(new long[] {start + k, n - k});
                n = k;
            } else {
                topDown.add(new long[] {start, k});
                start += k;
                m -= k;
                n -= k;
            }
        }
        return reversed(topDown);
    }

    /** The leaf ranges {start, length} the elements of PROOF(m, D[n]) cover, in proof order. */
    static List<long[]> consistencyRanges(long m, long n) {
        List<long[]> topDown = new ArrayList<>();
        if (m == 0 || m == n) {
            return topDown;
        }
        long start = 0;
        boolean complete = true;
        while (m != n) {
            long k = split(n);
            if (m <= k) {
                topDown.add(new long[] {start + k, n - k});
                n = k;
            } else {
                topDown.add(new long[] {start, k});
                start += k;
                m -= k;
                n -= k;
                complete = false;
            }
        }
        if (!complete) {
            topDown.add(new long[] {start, n});
        }
        return reversed(topDown);
    }

    private static List<long[]> reversed(List<long[]> list) {
        List<long[]> out = new ArrayList<>(list.size());
        for (int i = list.size() - 1; i >= 0; i--) {
            out.add(list.get(i));
        }
        return out;
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(NaiveMerkle::hex).toList();
    }

    static List<byte[]> unhex(List<String> hashes) {
        return new ArrayList<>(hashes.stream().map(NaiveMerkle::unhex).toList());
    }
}
