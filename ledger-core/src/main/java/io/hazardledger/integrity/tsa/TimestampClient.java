package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Obtains RFC 3161 timestamp tokens from one configured timestamp authority over HTTP (RFC 3161 §3.4): a DER
 * {@code TimeStampReq} POSTed as {@code application/timestamp-query}, a {@code TimeStampResp} expected back.
 *
 * <p>Each request carries the SHA-256 message imprint, a fresh random 64-bit nonce and {@code certReq = TRUE}
 * (RFC 3161 §2.4.1), plus the policy OID if one is configured. The reply is accepted only if it answers that request
 * (see {@link #timestamp(byte[])}), so a token is never returned for a different digest or replayed from an earlier
 * exchange. The token's signature is not trusted here; store the token and check it with {@link TimestampVerifier}.
 *
 * <p>The whole exchange, from connecting to the last byte of the body, is bounded by the configured timeout, and the
 * body by {@link #MAX_REPLY_BYTES}. Redirects are not followed. Instances are immutable and thread-safe; reuse one per
 * TSA, as it holds an {@link HttpClient} and its connections.
 */
public final class TimestampClient {

    /** Request media type, RFC 3161 §3.4. */
    public static final String QUERY_MEDIA_TYPE = "application/timestamp-query";
    /** Reply media type, RFC 3161 §3.4. */
    public static final String REPLY_MEDIA_TYPE = "application/timestamp-reply";
    /** Larger replies are refused: a token with a certificate or two is a few kilobytes. */
    public static final int MAX_REPLY_BYTES = 1 << 20;

    private static final int NONCE_BITS = 64;

    private final URI tsaUrl;
    private final Duration timeout;
    private final ASN1ObjectIdentifier policy;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    /** A client for the TSA at {@code tsaUrl} (http or https) that lets the TSA choose its default policy. */
    public TimestampClient(URI tsaUrl, Duration timeout) {
        this(tsaUrl, timeout, (ASN1ObjectIdentifier) null);
    }

    /**
     * A client that asks for the TSA policy {@code policyOid} (dotted decimal, RFC 3161 §2.4.1 {@code reqPolicy});
     * a token under any other policy is refused.
     */
    public TimestampClient(URI tsaUrl, Duration timeout, String policyOid) {
        this(tsaUrl, timeout, parsePolicy(policyOid));
    }

    private TimestampClient(URI tsaUrl, Duration timeout, ASN1ObjectIdentifier policy) {
        Objects.requireNonNull(tsaUrl, "tsaUrl");
        Objects.requireNonNull(timeout, "timeout");
        String scheme = tsaUrl.getScheme() == null ? "" : tsaUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || tsaUrl.getHost() == null) {
            throw new IllegalArgumentException("tsaUrl must be an absolute http(s) URL: " + tsaUrl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.tsaUrl = tsaUrl;
        this.timeout = timeout;
        this.policy = policy;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static ASN1ObjectIdentifier parsePolicy(String policyOid) {
        Objects.requireNonNull(policyOid, "policyOid");
        try {
            return new ASN1ObjectIdentifier(policyOid);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policyOid is not a dotted-decimal OID: " + policyOid, e);
        }
    }

    public URI tsaUrl() {
        return tsaUrl;
    }

    public Duration timeout() {
        return timeout;
    }

    public Optional<String> policyOid() {
        return Optional.ofNullable(policy).map(ASN1ObjectIdentifier::getId);
    }

    /**
     * Timestamps a SHA-256 digest and returns the DER {@code TimeStampToken} (RFC 3161 §2.4.2: a CMS
     * {@code ContentInfo} holding {@code SignedData} over the {@code TSTInfo}).
     *
     * <p>Refused with a {@link TimestampException} naming the cause: no answer within the timeout or no connection;
     * an HTTP status other than 200; a body that is not a {@code TimeStampResp}; a PKI status other than granted or
     * grantedWithMods (with its failure info and status text); no token; a token whose imprint is not SHA-256 over
     * {@code sha256Digest}, whose nonce is not the request's, whose policy is not the requested one, or that lacks the
     * TSA certificate.
     *
     * @throws IllegalArgumentException if {@code sha256Digest} is not 32 bytes
     */
    public byte[] timestamp(byte[] sha256Digest) throws TimestampException {
        byte[] digest = Sha256Imprint.requireDigest(sha256Digest);
        TimeStampRequest request = newRequest(digest);
        byte[] query;
        try {
            query = request.getEncoded();
        } catch (IOException e) {
            throw new TimestampException("cannot encode the TimeStampReq: " + e.getMessage(), e);
        }
        HttpResponse<byte[]> response = post(query);
        if (response.statusCode() != 200) {
            throw new TimestampException("TSA at " + tsaUrl + " answered HTTP " + response.statusCode()
                    + " instead of 200");
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("(none)");
        return TimestampReply.checkedToken(response.body(), contentType, request);
    }

    private TimeStampRequest newRequest(byte[] digest) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        if (policy != null) {
            generator.setReqPolicy(policy);
        }
        return generator.generate(TSPAlgorithms.SHA256, digest, new BigInteger(NONCE_BITS, random));
    }

    private HttpResponse<byte[]> post(byte[] query) throws TimestampException {
        HttpRequest request = HttpRequest.newBuilder(tsaUrl)
                .timeout(timeout)
                .header("Content-Type", QUERY_MEDIA_TYPE)
                .header("Accept", REPLY_MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(query))
                .build();
        // The request timeout ends when the headers arrive; get(timeout) also bounds a body that never finishes.
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(request, BoundedBody.handler(MAX_REPLY_BYTES));
        try {
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new TimestampException("TSA at " + tsaUrl + " did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new TimestampException("interrupted while waiting for the TSA at " + tsaUrl, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpConnectTimeoutException) {
                throw new TimestampException("TSA at " + tsaUrl + " did not accept a connection within " + timeout,
                        cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new TimestampException("TSA at " + tsaUrl + " did not answer within " + timeout, cause);
            }
            throw new TimestampException("HTTP exchange with the TSA at " + tsaUrl + " failed: " + cause, cause);
        }
    }
}
