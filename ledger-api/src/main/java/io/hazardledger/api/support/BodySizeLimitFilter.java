package io.hazardledger.api.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies larger than the limit with 413 problem+json, before anything is parsed: by the
 * declared Content-Length, and by counting the bytes of a body sent without one. A JSON body is also read whole here
 * and refused (400 problem+json) unless it is UTF-8 as RFC 8259 requires: Jackson would otherwise read an overlong
 * form ({@code C1 81} as "A") and take a body of UTF-16 or UTF-32, which it detects by its zero bytes, and the
 * ledger would store what it decoded. So a body with a byte sequence that is not UTF-8, or with a zero byte (never
 * in JSON's text: U+0000 in a string is written {@code \u0000}), is refused before anything reads it; so is, with 415,
 * one that declares another charset (which Spring would decode as it says). Here, in the API's own filter, so that an
 * application serving the API without ledger-app's server gets the same refusals.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public BodySizeLimitFilter(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("ledger.api.max-body-bytes must be positive, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            reject(request, response);
            return;
        }
        LimitedRequest limited = new LimitedRequest(request, maxBytes);
        MediaType json = json(request.getContentType());
        if (json == null) {
            chain.doFilter(limited, response);
            return;
        }
        if (inAnotherCharset(json)) {   // not decoded as it says into text that the ledger would then store
            Problems.write(response, 415, "unsupported-media-type", "Unsupported Media Type",
                    "a JSON body is UTF-8; the charset it declares is not accepted (Content-Type '"
                            + Problems.abbreviated(request.getContentType()) + "')", null, request.getRequestURI());
            return;
        }
        byte[] body;
        try {
            body = limited.getInputStream().readAllBytes();
        } catch (BodyTooLargeException e) {
            reject(request, response);
            return;
        }
        String notUtf8 = notUtf8(body, java.nio.charset.StandardCharsets.US_ASCII.equals(json.getCharset()));
        if (notUtf8 != null) {
            Problems.write(response, 400, "malformed-request", "Malformed request",
                    "the request body is not UTF-8 (RFC 8259): " + notUtf8, null, request.getRequestURI());
            return;
        }
        chain.doFilter(new ReadRequest(request, body), response);
    }

    /** The body's media type when it is JSON ({@code json} or {@code +json}); null otherwise. */
    private static MediaType json(String contentType) {
        try {
            MediaType type = contentType == null ? null : MediaType.parseMediaType(contentType);
            return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) ? type
                    : null;
        } catch (IllegalArgumentException e) {   // left to Spring, which refuses a type it cannot parse
            return null;
        }
    }

    /** Whether a JSON body declares a charset other than UTF-8 (or US-ASCII, a part of it); an unknown one: Spring. */
    static boolean inAnotherCharset(MediaType json) {
        try {
            java.nio.charset.Charset charset = json.getCharset();
            return charset != null && !charset.equals(java.nio.charset.StandardCharsets.UTF_8)
                    && !charset.equals(java.nio.charset.StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {   // an unknown or illegal charset name
            return false;
        }
    }

    /**
     * What makes these bytes not UTF-8 JSON text (or, when the body declares US-ASCII, not ASCII: Spring would decode
     * any other byte as U+FFFD), with the offset where it begins; null when nothing does.
     */
    static String notUtf8(byte[] body, boolean ascii) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return "a zero byte at offset " + i + " (UTF-16 and UTF-32 are not accepted)";
            }
            if (ascii && body[i] < 0) {
                return String.format("the body declares US-ASCII, and holds the byte 0x%02X at offset %d", body[i], i);
            }
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
        java.nio.charset.CoderResult result = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                .decode(in, java.nio.CharBuffer.allocate(body.length), true);   // (at most 1 MB)
        return result.isError() ? "a byte sequence that is not UTF-8 at offset " + in.position() : null;
    }

    private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problems.write(response, HttpStatus.CONTENT_TOO_LARGE.value(), "payload-too-large", "Payload too large",
                "the request body exceeds " + maxBytes + " bytes", null, request.getRequestURI());
    }

    /** Thrown when a body without Content-Length grows past the limit. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long maxBytes) {
            super("the request body exceeds " + maxBytes + " bytes");
        }
    }

    /** A request whose body was read here: its bytes, served to whoever reads it next. */
    private static final class ReadRequest extends HttpServletRequestWrapper {
        private final java.io.ByteArrayInputStream in;
        private final ServletInputStream stream;

        ReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.in = new java.io.ByteArrayInputStream(body);
            this.stream = new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buf, int off, int len) {
                    return in.read(buf, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already: there is nothing to wait for");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long count;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0 && ++count > maxBytes) {
                            throw new BodyTooLargeException(maxBytes);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = in.read(buf, off, len);
                        if (n > 0 && (count += n) > maxBytes) {
                            throw new BodyTooLargeException(maxBytes);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
