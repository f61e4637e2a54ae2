package io.hazardledger.integrity.tsa;

import io.hazardledger.integrity.tsa.TestTsa.Behaviour;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static io.hazardledger.integrity.tsa.TsaTestSupport.TIMEOUT;
import static io.hazardledger.integrity.tsa.TsaTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The client refuses every reply that does not answer its request, and says why. */
class TimestampClientRefusalTest {

    private static TestTsa tsa;

    private final byte[] digest = sha256("checkpoint to timestamp");

    @BeforeAll
    static void startTsa() throws Exception {
        tsa = TestTsa.start(TsaCredentials.ed25519("Misbehaving TSA"));
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    @BeforeEach
    void honestByDefault() {
        tsa.behave(Behaviour.HONEST);
    }

    private TimestampException refusal(Behaviour behaviour) {
        tsa.behave(behaviour);
        return refusal(new TimestampClient(tsa.uri(), TIMEOUT));
    }

    private TimestampException refusal(TimestampClient client) {
        return assertThrows(TimestampException.class, () -> client.timestamp(digest));
    }

    @Test
    void statusRejection_namesStatusFailureInfoAndText() {
        assertThat(refusal(Behaviour.REJECT)).hasMessage("TSA refused the request: PKI status rejection (2), "
                + "failure info [badAlg], status text \"test TSA refuses on purpose\"");
    }

    @Test
    void anUnacceptedPolicy_isRejectedByTheTsa_withUnacceptedPolicy() {
        TimestampException e = refusal(new TimestampClient(tsa.uri(), TIMEOUT, "1.3.6.1.4.1.55555.3161.99"));
        assertThat(e).hasMessageStartingWith("TSA refused the request: PKI status rejection (2), "
                + "failure info [unacceptedPolicy]");
    }

    @Test
    void aTokenForAnotherImprint_isRefused() {
        assertThat(refusal(Behaviour.WRONG_IMPRINT))
                .hasMessageStartingWith("TSA reply does not answer the request: "
                        + "message imprint mismatch: token covers ")
                .hasMessageEndingWith(", expected " + Hex.toHexString(digest));
    }

    @Test
    void aTokenForAnotherNonce_isRefused() {
        assertThat(refusal(Behaviour.WRONG_NONCE))
                .hasMessageStartingWith("TSA reply does not answer the request: nonce mismatch: token has ");
    }

    @Test
    void aTokenWithoutNonce_isRefused() {
        assertThat(refusal(Behaviour.NO_NONCE))
                .hasMessageStartingWith("TSA reply does not answer the request: "
                        + "nonce mismatch: the token has no nonce");
    }

    @Test
    void aTokenUnderAnotherPolicy_isRefused_whenAPolicyWasRequested() {
        tsa.behave(Behaviour.WRONG_POLICY);
        TimestampException e = refusal(new TimestampClient(tsa.uri(), TIMEOUT, TestTsa.DEFAULT_POLICY));
        assertThat(e).hasMessage("TSA reply does not answer the request: policy mismatch: token has "
                + TestTsa.OTHER_POLICY + ", requested " + TestTsa.DEFAULT_POLICY);
    }

    @Test
    void aTokenWithoutTheTsaCertificate_isRefused() {
        assertThat(refusal(Behaviour.NO_CERTIFICATE)).hasMessageContaining("does not carry the TSA certificate");
    }

    @Test
    void grantedWithMods_isAccepted_asRfc3161Allows() throws Exception {
        tsa.behave(Behaviour.GRANTED_WITH_MODS);
        byte[] token = new TimestampClient(tsa.uri(), TIMEOUT).timestamp(digest);

        assertThat(new TimeStampResponse(tsa.lastReply()).getStatus()).isEqualTo(PKIStatus.GRANTED_WITH_MODS);
        assertThat(TsaTestSupport.tstInfo(token).getMessageImprintDigest()).isEqualTo(digest);
    }

    @Test
    void grantedWithoutToken_isMalformed() {
        assertThat(refusal(Behaviour.NO_TOKEN))
                .hasMessage("malformed TSA reply: PKI status granted (0) but no timestamp token");
    }

    @Test
    void http500_isRefused_withTheStatus() {
        assertThat(refusal(Behaviour.HTTP_500))
                .hasMessage("TSA at " + tsa.uri() + " answered HTTP 500 instead of 200");
    }

    @Test
    void aBodyThatIsNotTsp_isMalformed() {
        assertThat(refusal(Behaviour.NOT_TSP))
                .hasMessageStartingWith("malformed TSA reply: not an RFC 3161 TimeStampResp (43 bytes, "
                        + "Content-Type text/html)");
    }

    @Test
    void anOversizedBody_isCutOff() {
        assertThat(refusal(Behaviour.OVERSIZED))
                .hasMessageContaining("response body exceeds " + TimestampClient.MAX_REPLY_BYTES + " bytes");
    }

    @Test
    void aTsaThatNeverAnswers_isBoundedByTheTimeout() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        try (SilentServer silent = new SilentServer()) {
            TimestampClient client = new TimestampClient(silent.uri(), timeout);
            long start = System.nanoTime();

            TimestampException e = refusal(client);

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e).hasMessage("TSA at " + silent.uri() + " did not answer within PT0.5S");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aTsaThatSendsHeadersButNoBody_isBoundedByTheTimeout() {
        tsa.behave(Behaviour.HEADERS_THEN_STALL);
        TimestampClient client = new TimestampClient(tsa.uri(), Duration.ofMillis(500));
        long start = System.nanoTime();

        TimestampException e = refusal(client);

        assertThat(e).hasMessage("TSA at " + tsa.uri() + " did not answer within PT0.5S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void nobodyListening_isAnHttpFailure() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/tsa");
        assertThat(refusal(new TimestampClient(closed, TIMEOUT)))
                .hasMessageStartingWith("HTTP exchange with the TSA at " + closed + " failed: ");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 20, 31, 33, 64})
    void aDigestThatIsNotSha256Sized_isAProgrammingError(int length) {
        TimestampClient client = new TimestampClient(tsa.uri(), TIMEOUT);
        assertThatThrownBy(() -> client.timestamp(new byte[length]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    @Test
    void construction_refusesBadUrlTimeoutAndPolicy() {
        URI ok = URI.create("http://127.0.0.1:1/tsa");
        assertThatThrownBy(() -> new TimestampClient(URI.create("ftp://tsa.example/"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimestampClient(URI.create("/relative"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimestampClient(ok, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimestampClient(ok, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimestampClient(ok, TIMEOUT, "not.an.oid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a dotted-decimal OID");
        assertThat(new TimestampClient(ok, TIMEOUT).policyOid()).isEmpty();
    }
}
