package io.hazardledger.integrity.tsa;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A tiny RFC 3161 TSA over HTTP on 127.0.0.1 (ephemeral port), backed by BouncyCastle's
 * {@link TimeStampResponseGenerator}. It answers honestly by default and misbehaves on purpose when told to, so the
 * client's refusals can be tested against real replies. It remembers the last query and reply.
 */
final class TestTsa implements AutoCloseable {

    static final String DEFAULT_POLICY = "1.3.6.1.4.1.55555.3161.1";
    static final String OTHER_POLICY = "1.3.6.1.4.1.55555.3161.2";

    enum Behaviour {
        /** A correct, granted reply. */
        HONEST,
        /** PKI status rejection with failure info badAlg and a status text. */
        REJECT,
        /** Granted, but the token covers another digest. */
        WRONG_IMPRINT,
        /** Granted, but the token echoes another nonce. */
        WRONG_NONCE,
        /** Granted, but the token has no nonce at all. */
        NO_NONCE,
        /** Granted, but under a policy the client did not ask for. */
        WRONG_POLICY,
        /** Granted, but without the TSA certificate although certReq was set. */
        NO_CERTIFICATE,
        /** A correct token, but with status grantedWithMods (which RFC 3161 §2.4.2 counts as success). */
        GRANTED_WITH_MODS,
        /** Status granted without a token. */
        NO_TOKEN,
        /** HTTP 500. */
        HTTP_500,
        /** HTTP 200 with an HTML page. */
        NOT_TSP,
        /** HTTP 200 with a body larger than the client accepts. */
        OVERSIZED,
        /** Sends 200 and a Content-Length, then never sends the body (until closed). */
        HEADERS_THEN_STALL
    }

    private final TsaCredentials credentials;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong serials = new AtomicLong(0x1000);
    private volatile Behaviour behaviour = Behaviour.HONEST;
    private volatile UnaryOperator<byte[]> responder;
    private volatile byte[] lastQuery;
    private volatile byte[] lastReply;
    private volatile String lastMethod;
    private volatile String lastContentType;

    private TestTsa(TsaCredentials credentials) throws IOException {
        this.credentials = credentials;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tsa", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestTsa start(TsaCredentials credentials) throws IOException {
        return new TestTsa(credentials);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    TestTsa behave(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /** Replaces the BouncyCastle responder (query DER in, reply DER out), e.g. with {@code openssl ts -reply}. */
    TestTsa respondWith(UnaryOperator<byte[]> responder) {
        this.responder = responder;
        return this;
    }

    byte[] lastQuery() {
        return lastQuery;
    }

    byte[] lastReply() {
        return lastReply;
    }

    String lastMethod() {
        return lastMethod;
    }

    String lastContentType() {
        return lastContentType;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] query = exchange.getRequestBody().readAllBytes();
            lastQuery = query;
            lastMethod = exchange.getRequestMethod();
            lastContentType = exchange.getRequestHeaders().getFirst("Content-Type");
            switch (behaviour) {
                case HTTP_500 -> send(exchange, 500, "text/plain", "TSA is broken".getBytes(StandardCharsets.US_ASCII));
                case NOT_TSP -> send(exchange, 200, "text/html",
                        "<html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.US_ASCII));
                case OVERSIZED -> send(exchange, 200, TimestampClient.REPLY_MEDIA_TYPE,
                        new byte[TimestampClient.MAX_REPLY_BYTES + 1]);
                case HEADERS_THEN_STALL -> {
                    exchange.sendResponseHeaders(200, 4096);
                    awaitClosing();
                }
                default -> {
                    UnaryOperator<byte[]> external = responder;
                    byte[] reply = external != null ? external.apply(query) : reply(query, behaviour);
                    lastReply = reply;
                    send(exchange, 200, TimestampClient.REPLY_MEDIA_TYPE, reply);
                }
            }
        } catch (IOException e) {
            // The client gave up (timeout, size limit): nothing to answer.
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void awaitClosing() {
        try {
            closing.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The TimeStampResp this TSA sends for {@code query} when it behaves as {@code behaviour}. */
    byte[] reply(byte[] query, Behaviour behaviour) {
        try {
            TimeStampRequest request = new TimeStampRequest(query);
            BigInteger serial = BigInteger.valueOf(serials.incrementAndGet());
            TimeStampResponseGenerator generator = responseGenerator();
            return switch (behaviour) {
                case REJECT -> generator.generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badAlg,
                        "test TSA refuses on purpose").getEncoded();
                case NO_TOKEN -> new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), null).getEncoded();
                case GRANTED_WITH_MODS -> new TimeStampResp(new PKIStatusInfo(PKIStatus.grantedWithMods),
                        generator.generate(request, serial, new Date()).getTimeStampToken().toCMSSignedData()
                                .toASN1Structure()).getEncoded();
                case WRONG_IMPRINT -> generator.generate(forged(flip(request.getMessageImprintDigest()),
                        request.getNonce(), request.getReqPolicy(), true), serial, new Date()).getEncoded();
                case WRONG_NONCE -> generator.generate(forged(request.getMessageImprintDigest(),
                        request.getNonce().add(BigInteger.ONE), request.getReqPolicy(), true), serial, new Date())
                        .getEncoded();
                case NO_NONCE -> generator.generate(forged(request.getMessageImprintDigest(), null,
                        request.getReqPolicy(), true), serial, new Date()).getEncoded();
                case WRONG_POLICY -> generator.generate(forged(request.getMessageImprintDigest(),
                        request.getNonce(), OTHER_POLICY.equals(String.valueOf(request.getReqPolicy()))
                                ? new ASN1ObjectIdentifier(DEFAULT_POLICY) : new ASN1ObjectIdentifier(OTHER_POLICY),
                        true), serial, new Date()).getEncoded();
                case NO_CERTIFICATE -> generator.generate(forged(request.getMessageImprintDigest(),
                        request.getNonce(), request.getReqPolicy(), false), serial, new Date()).getEncoded();
                default -> generator.generate(request, serial, new Date()).getEncoded();
            };
        } catch (Exception e) {
            throw new IllegalStateException("test TSA failed", e);
        }
    }

    /** A token straight from the generator, bypassing HTTP (e.g. one without certificates). */
    byte[] issue(byte[] digest, boolean certReq) {
        try {
            TimeStampRequest request = forged(digest, BigInteger.valueOf(42), null, certReq);
            return tokenGenerator().generate(request, BigInteger.valueOf(serials.incrementAndGet()), new Date())
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TimeStampRequest forged(byte[] digest, BigInteger nonce,
                                           ASN1ObjectIdentifier policy, boolean certReq) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        if (policy != null) {
            generator.setReqPolicy(policy);
        }
        return nonce == null
                ? generator.generate(TSPAlgorithms.SHA256, digest)
                : generator.generate(TSPAlgorithms.SHA256, digest, nonce);
    }

    private static byte[] flip(byte[] digest) {
        byte[] other = digest.clone();
        other[0] ^= 1;
        return other;
    }

    private TimeStampResponseGenerator responseGenerator() throws Exception {
        return new TimeStampResponseGenerator(tokenGenerator(), TSPAlgorithms.ALLOWED,
                Set.of(new ASN1ObjectIdentifier(DEFAULT_POLICY), new ASN1ObjectIdentifier(OTHER_POLICY)));
    }

    private TimeStampTokenGenerator tokenGenerator() throws Exception {
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().setProvider(TsaCredentials.BC)
                        .build(credentials.signatureAlgorithm(), credentials.keyPair().getPrivate(),
                                credentials.certificate()),
                new JcaDigestCalculatorProviderBuilder().setProvider(TsaCredentials.BC).build()
                        .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier(DEFAULT_POLICY));
        generator.setTSA(new GeneralName(credentials.certificate().getSubject()));
        generator.addCertificates(new JcaCertStore(List.of(credentials.certificate())));
        return generator;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
