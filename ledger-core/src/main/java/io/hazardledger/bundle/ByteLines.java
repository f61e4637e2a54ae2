package io.hazardledger.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads lines as the exact bytes between newlines (no decoding, no re-encoding), from a large buffer. */
final class ByteLines implements AutoCloseable {

    private final InputStream in;
    private byte[] buf = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its '\n', or null at the end. */
    byte[] next() throws IOException {
        while (true) {
            for (int p = start; p < end; p++) {
                if (buf[p] == '\n') {
                    byte[] line = Arrays.copyOfRange(buf, start, p);
                    start = p + 1;
                    return line;
                }
            }
            if (eof) {
                if (start < end) {
                    byte[] line = Arrays.copyOfRange(buf, start, end);
                    start = end;
                    return line;
                }
                return null;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    /** Whether the line holds the text (Boyer-Moore-Horspool: most bytes are skipped, not compared). */
    static boolean contains(byte[] line, byte[] needle) {
        int m = needle.length;
        int[] skip = SKIPS.computeIfAbsent(needle, ByteLines::skipTable);
        int p = 0;
        while (p <= line.length - m) {
            int k = m - 1;
            while (k >= 0 && line[p + k] == needle[k]) {
                k--;
            }
            if (k < 0) {
                return true;
            }
            p += skip[line[p + m - 1] & 0xff];
        }
        return false;
    }

    private static final java.util.Map<byte[], int[]> SKIPS = new java.util.concurrent.ConcurrentHashMap<>();

    private static int[] skipTable(byte[] needle) {
        int[] skip = new int[256];
        Arrays.fill(skip, needle.length);
        for (int k = 0; k < needle.length - 1; k++) {
            skip[needle[k] & 0xff] = needle.length - 1 - k;
        }
        return skip;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
