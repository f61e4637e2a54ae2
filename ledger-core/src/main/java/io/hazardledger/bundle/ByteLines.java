package io.hazardledger.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
            int p = indexOfNewline(buf, start, end);
            if (p >= 0) {
                byte[] line = Arrays.copyOfRange(buf, start, p);
                start = p + 1;
                return line;
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

    /** Up to {@code max} lines copied at once into one array: line k is {@code bytes[starts[k], ends[k])}. */
    record Batch(byte[] bytes, int[] starts, int[] ends, int count) {
        byte[] line(int k) {
            return Arrays.copyOfRange(bytes, starts[k], ends[k]);
        }
    }

    /** The next lines (at most {@code max}), or a batch of count 0 at the end. */
    Batch nextBatch(int max) throws IOException {
        int[] starts = new int[max];
        int[] ends = new int[max];
        int count = 0;
        int p = start;
        while (count < max) {
            int nl = indexOfNewline(buf, p, end);
            if (nl >= 0) {
                starts[count] = p;
                ends[count] = nl;
                count++;
                p = nl + 1;
                continue;
            }
            if (eof) {
                if (p < end) {
                    starts[count] = p;
                    ends[count] = end;
                    count++;
                    p = end;
                }
                break;
            }
            if (count > 0) {
                break; // hand out what is complete; the rest comes with the next batch
            }
            // no complete line in the buffer: make room and read more
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                end -= start;
                p -= start;
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
        if (count == 0) {
            return new Batch(new byte[0], starts, ends, 0);
        }
        int from = starts[0];
        byte[] copy = Arrays.copyOfRange(buf, from, ends[count - 1]);
        for (int k = 0; k < count; k++) {
            starts[k] -= from;
            ends[k] -= from;
        }
        start = p;
        if (start == end && !eof) {
            start = 0;
            end = 0;
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
            } else {
                end = n;
            }
        }
        return new Batch(copy, starts, ends, count);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * The position of the first '\n' in {@code b[from, to)}, or -1; eight bytes per step: after XOR with eight
     * newlines a newline is a zero byte, and {@code (v - 0x01..) & ~v & 0x80..} flags the zero bytes (the lowest flag
     * is always a true zero byte; flags above it may be false and are never used).
     */
    static int indexOfNewline(byte[] b, int from, int to) {
        int p = from;
        for (; p + Long.BYTES <= to; p += Long.BYTES) {
            long v = (long) LONGS.get(b, p) ^ NEWLINES;
            long zero = (v - ONES) & ~v & HIGHS;
            if (zero != 0) {
                return p + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; p < to; p++) {
            if (b[p] == '\n') {
                return p;
            }
        }
        return -1;
    }

    /**
     * The first position in {@code [from, to)} where {@code needle} starts (wholly before {@code to}), or -1, found by
     * searching eight bytes a step for its byte at {@code anchor} (chosen rare in the text searched) and comparing the
     * needle where that byte occurs.
     */
    static int indexOfAnchored(byte[] b, int from, int to, byte[] needle, int anchor) {
        long pattern = (needle[anchor] & 0xffL) * ONES;
        int q = from + anchor;
        int last = to - needle.length + anchor; // the last position the anchor byte may have
        while (q <= last) {
            if (q + Long.BYTES <= to) {
                long v = (long) LONGS.get(b, q) ^ pattern;
                long zero = (v - ONES) & ~v & HIGHS;
                if (zero == 0) {
                    q += Long.BYTES;
                    continue;
                }
                q += Long.numberOfTrailingZeros(zero) >>> 3;
            } else if (b[q] != needle[anchor]) {
                q++;
                continue;
            }
            if (q <= last && Arrays.equals(b, q - anchor, q - anchor + needle.length, needle, 0, needle.length)) {
                return q - anchor;
            }
            q++;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
