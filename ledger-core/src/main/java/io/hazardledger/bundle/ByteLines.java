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

    /** Whether the line holds the ASCII text. */
    static boolean contains(byte[] line, byte[] needle) {
        outer:
        for (int p = 0; p <= line.length - needle.length; p++) {
            for (int k = 0; k < needle.length; k++) {
                if (line[p + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
