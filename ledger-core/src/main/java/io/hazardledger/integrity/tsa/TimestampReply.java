package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

import java.io.IOException;
import java.math.BigInteger;

/**
 * Does a TSA's reply answer <em>this</em> request (RFC 3161 §2.4.2)? The status must grant it, the token must cover
 * the requested imprint and echo the request's nonce (so an old or someone else's token cannot be replayed), use the
 * requested policy if one was asked for, and carry the TSA certificate because the request sets {@code certReq}.
 *
 * <p>The token's signature is <em>not</em> checked here: that needs a trusted certificate and is
 * {@link TimestampVerifier}'s job, which a stored token has to pass anyway.
 */
final class TimestampReply {

    private TimestampReply() {
    }

    /** The reply's token as DER, or why the reply is refused. */
    static byte[] checkedToken(byte[] body, String contentType, TimeStampRequest request) throws TimestampException {
        TimeStampResponse response = parse(body, contentType);

        int status = response.getStatus();
        if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
            String text = response.getStatusString();
            throw new TimestampException("TSA refused the request: PKI status " + PkiStatusText.status(status)
                    + ", failure info " + PkiStatusText.failureInfo(response.getFailInfo())
                    + (text == null ? "" : ", status text \"" + text + "\""));
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new TimestampException("malformed TSA reply: PKI status " + PkiStatusText.status(status)
                    + " but no timestamp token");
        }

        TimeStampTokenInfo info = token.getTimeStampInfo();
        Sha256Imprint.check(info, request.getMessageImprintDigest(), "TSA reply does not answer the request");
        checkNonce(request.getNonce(), info.getNonce());
        if (request.getReqPolicy() != null && !request.getReqPolicy().equals(info.getPolicy())) {
            throw new TimestampException("TSA reply does not answer the request: policy mismatch: token has "
                    + info.getPolicy() + ", requested " + request.getReqPolicy());
        }
        if (token.getCertificates().getMatches(token.getSID()).isEmpty()) {
            throw new TimestampException("TSA reply does not answer the request: the token does not carry the TSA "
                    + "certificate although the request set certReq (RFC 3161 §2.4.1)");
        }
        try {
            return token.getEncoded(ASN1Encoding.DER);
        } catch (IOException | RuntimeException e) {
            throw new TimestampException("malformed TSA reply: the token cannot be DER-encoded: " + e.getMessage(), e);
        }
    }

    private static TimeStampResponse parse(byte[] body, String contentType) throws TimestampException {
        try {
            return new TimeStampResponse(body);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new TimestampException("malformed TSA reply: not an RFC 3161 TimeStampResp (" + body.length
                    + " bytes, Content-Type " + contentType + "): " + e.getMessage(), e);
        }
    }

    private static void checkNonce(BigInteger requested, BigInteger answered) throws TimestampException {
        if (answered == null) {
            throw new TimestampException("TSA reply does not answer the request: nonce mismatch: the token has no "
                    + "nonce, requested " + requested.toString(16));
        }
        if (!answered.equals(requested)) {
            throw new TimestampException("TSA reply does not answer the request: nonce mismatch: token has "
                    + answered.toString(16) + ", requested " + requested.toString(16));
        }
    }
}
