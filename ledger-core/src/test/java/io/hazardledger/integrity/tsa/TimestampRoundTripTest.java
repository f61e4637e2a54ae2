package io.hazardledger.integrity.tsa;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.hazardledger.integrity.tsa.TsaTestSupport.TIMEOUT;
import static io.hazardledger.integrity.tsa.TsaTestSupport.sha256;
import static io.hazardledger.integrity.tsa.TsaTestSupport.tstInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A token obtained from a real (test) TSA over HTTP verifies, and says what it should. */
class TimestampRoundTripTest {

    private static TsaCredentials rsa;
    private static TestTsa rsaTsa;
    private static TsaCredentials ed25519;
    private static TestTsa ed25519Tsa;

    @BeforeAll
    static void startTsas() throws Exception {
        rsa = TsaCredentials.rsa("Test TSA");
        rsaTsa = TestTsa.start(rsa);
        ed25519 = TsaCredentials.ed25519("Test Ed25519 TSA");
        ed25519Tsa = TestTsa.start(ed25519);
    }

    @AfterAll
    static void stopTsas() {
        rsaTsa.close();
        ed25519Tsa.close();
    }

    @Test
    void rsaTsa_tokenVerifies_withGenTimeNow_andTheDigestAsImprint() throws Exception {
        byte[] digest = sha256("checkpoint 42");

        byte[] token = new TimestampClient(rsaTsa.uri(), TIMEOUT).timestamp(digest);
        TimestampInfo info = TimestampVerifier.verify(token, digest, rsa.certificatePem());

        assertThat(info.genTime()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(info.policyOid()).isEqualTo(TestTsa.DEFAULT_POLICY);
        assertThat(info.tsaName()).isEqualTo("CN=Test TSA,O=hazard-ledger tests");
        TimeStampTokenInfo tst = tstInfo(token);
        assertThat(tst.getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(tst.getMessageImprintDigest()).isEqualTo(digest);
        assertThat(info.serialNumber()).isEqualTo(tst.getSerialNumber().toString(16));
    }

    @Test
    void theTrustAnchor_mayBeDerOrPem() throws Exception {
        byte[] digest = sha256("either form");
        byte[] token = new TimestampClient(rsaTsa.uri(), TIMEOUT).timestamp(digest);

        assertThat(TimestampVerifier.verify(token, digest, rsa.certificateDer()))
                .isEqualTo(TimestampVerifier.verify(token, digest, rsa.certificatePem()));
    }

    @Test
    void ed25519Tsa_tokenVerifies() throws Exception {
        byte[] digest = sha256("ed25519 checkpoint");

        byte[] token = new TimestampClient(ed25519Tsa.uri(), TIMEOUT).timestamp(digest);
        TimestampInfo info = TimestampVerifier.verify(token, digest, ed25519.certificateDer());

        assertThat(info.genTime()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
        assertThat(info.tsaName()).isEqualTo("CN=Test Ed25519 TSA,O=hazard-ledger tests");
    }

    @Test
    void theRequest_isAnRfc3161Query_withSha256_aNonce_andCertReq() throws Exception {
        byte[] digest = sha256("what goes on the wire");

        new TimestampClient(rsaTsa.uri(), TIMEOUT).timestamp(digest);

        assertThat(rsaTsa.lastMethod()).isEqualTo("POST");
        assertThat(rsaTsa.lastContentType()).isEqualTo("application/timestamp-query");
        TimeStampRequest request = new TimeStampRequest(rsaTsa.lastQuery());
        assertThat(request.getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(request.getMessageImprintDigest()).isEqualTo(digest);
        assertThat(request.getCertReq()).isTrue();
        assertThat(request.getNonce()).isNotNull();
        assertThat(request.getReqPolicy()).isNull();
    }

    @Test
    void everyRequest_hasAFreshNonce() throws Exception {
        TimestampClient client = new TimestampClient(rsaTsa.uri(), TIMEOUT);
        byte[] digest = sha256("same digest twice");

        byte[] first = client.timestamp(digest);
        byte[] second = client.timestamp(digest);

        assertThat(tstInfo(first).getNonce()).isNotEqualTo(tstInfo(second).getNonce());
    }

    @Test
    void aRequestedPolicy_isAskedFor_andGranted() throws Exception {
        byte[] digest = sha256("with policy");
        TimestampClient client = new TimestampClient(rsaTsa.uri(), TIMEOUT, TestTsa.OTHER_POLICY);

        byte[] token = client.timestamp(digest);

        assertThat(new TimeStampRequest(rsaTsa.lastQuery()).getReqPolicy().getId()).isEqualTo(TestTsa.OTHER_POLICY);
        assertThat(TimestampVerifier.verify(token, digest, rsa.certificatePem()).policyOid())
                .isEqualTo(TestTsa.OTHER_POLICY);
        assertThat(client.policyOid()).contains(TestTsa.OTHER_POLICY);
    }

    @Test
    void theToken_isDer_ContentInfoWithSignedData() throws Exception {
        byte[] token = new TimestampClient(rsaTsa.uri(), TIMEOUT).timestamp(sha256("der"));

        CMSSignedData signedData = new CMSSignedData(token);
        assertThat(signedData.getEncoded(ASN1Encoding.DER)).isEqualTo(token);
        assertThat(signedData.getSignedContentTypeOID()).isEqualTo("1.2.840.113549.1.9.16.1.4"); // id-ct-TSTInfo
        assertThat(signedData.getCertificates().getMatches(null)).containsExactly(rsa.certificate());
    }
}
