package io.hazardledger.integrity.tsa;

import io.hazardledger.integrity.tsa.TsaCredentials.Eku;
import org.bouncycastle.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static io.hazardledger.integrity.tsa.TsaTestSupport.TIMEOUT;
import static io.hazardledger.integrity.tsa.TsaTestSupport.flipLastByte;
import static io.hazardledger.integrity.tsa.TsaTestSupport.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The verifier accepts a token only for its digest, from the trusted TSA certificate, intact. */
class TimestampVerifierRefusalTest {

    private static TsaCredentials trusted;
    private static TestTsa tsa;
    private static byte[] digest;
    private static byte[] token;

    @BeforeAll
    static void obtainToken() throws Exception {
        trusted = TsaCredentials.rsa("Trusted TSA");
        tsa = TestTsa.start(trusted);
        digest = sha256("the checkpoint");
        token = new TimestampClient(tsa.uri(), TIMEOUT).timestamp(digest);
    }

    @AfterAll
    static void stopTsa() {
        tsa.close();
    }

    private static TimestampException refusal(byte[] token, byte[] digest, byte[] certificateDer) {
        return assertThrows(TimestampException.class, () -> TimestampVerifier.verify(token, digest, certificateDer));
    }

    @Test
    void theUntouchedToken_verifies() throws Exception {
        assertThat(TimestampVerifier.verify(token, digest, trusted.certificateDer()).policyOid())
                .isEqualTo(TestTsa.DEFAULT_POLICY);
    }

    @Test
    void anotherDigest_isRefused() {
        assertThat(refusal(token, sha256("another checkpoint"), trusted.certificateDer()))
                .hasMessageStartingWith("the token does not cover the digest: message imprint mismatch: ");
    }

    @Test
    void aTokenFromAnotherTsaCertificate_isRefused() throws Exception {
        try (TestTsa other = TestTsa.start(TsaCredentials.ed25519("Other TSA"))) {
            byte[] foreign = new TimestampClient(other.uri(), TIMEOUT).timestamp(digest);

            assertThat(refusal(foreign, digest, trusted.certificateDer()))
                    .hasMessageStartingWith("the token is signed by another certificate (subject CN=Other TSA,"
                            + "O=hazard-ledger tests, serial ed) than the trusted TSA certificate (subject "
                            + "CN=Trusted TSA,O=hazard-ledger tests, serial 5a)");
        }
    }

    @Test
    void anImpostorWithTheSameNameAndSerial_isRefused() throws Exception {
        try (TestTsa impostor = TestTsa.start(trusted.impostor())) {
            byte[] forged = new TimestampClient(impostor.uri(), TIMEOUT).timestamp(digest);

            assertThat(refusal(forged, digest, trusted.certificateDer()))
                    .hasMessageStartingWith("the token is signed by another certificate");
        }
    }

    @Test
    void aBrokenSignature_isRefused() {
        assertThat(refusal(flipLastByte(token), digest, trusted.certificateDer()))
                .hasMessage("the token does not validate against the trusted TSA certificate: "
                        + "signature not created by certificate.");
    }

    @Test
    void aTokenEditedToCoverAnotherDigest_failsTheSignature() {
        int at = indexOf(token, digest);
        assertThat(at).isPositive();
        byte[] edited = token.clone();
        edited[at] ^= 1;
        byte[] otherDigest = digest.clone();
        otherDigest[0] ^= 1;

        assertThat(refusal(edited, otherDigest, trusted.certificateDer()))
                .hasMessage("the token does not validate against the trusted TSA certificate: "
                        + "message-digest attribute value does not match calculated value");
    }

    @Test
    void aTokenWithoutCertificates_isRefused() {
        byte[] bare = tsa.issue(digest, false);
        assertThat(refusal(bare, digest, trusted.certificateDer()))
                .hasMessageStartingWith("the token does not carry its signer's certificate");
    }

    @Test
    void aTokenMadeAfterItsCertificateExpired_isRefused() throws Exception {
        TsaCredentials expired = TsaCredentials.expiredEd25519("Expired TSA");
        try (TestTsa late = TestTsa.start(expired)) {
            byte[] lateToken = new TimestampClient(late.uri(), TIMEOUT).timestamp(digest);

            assertThat(refusal(lateToken, digest, expired.certificateDer()))
                    .hasMessage("the token does not validate against the trusted TSA certificate: "
                            + "certificate not valid when time stamp created.");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Eku.class, names = "CRITICAL_TIMESTAMPING", mode = EnumSource.Mode.EXCLUDE)
    void aTrustAnchorWithoutOnlyCriticalTimeStamping_isRefused(Eku eku) {
        TsaCredentials wrong = trusted.withEku(eku);
        assertThat(refusal(token, digest, wrong.certificateDer()))
                .hasMessageStartingWith("the trusted TSA certificate (subject CN=Trusted TSA")
                .hasMessageContaining("RFC 3161 §2.3");
    }

    @Test
    void aTrustAnchorThatIsNotACertificate_isRefused() {
        assertThat(refusal(token, digest, new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .hasMessageStartingWith("the trusted TSA certificate is not a DER X.509 certificate");
        assertThatThrownBy(() -> TimestampVerifier.verify(token, digest, trusted.privateKeyPem()))
                .isInstanceOf(TimestampException.class)
                .hasMessageStartingWith("the trusted TSA certificate is not a PEM X.509 certificate");
        assertThatThrownBy(() -> TimestampVerifier.verify(token, digest, "no PEM here"))
                .isInstanceOf(TimestampException.class)
                .hasMessageEndingWith("found no PEM block");
    }

    @Test
    void bytesThatAreNotAToken_areRefused() {
        assertThat(refusal("hello".getBytes(StandardCharsets.US_ASCII), digest, trusted.certificateDer()))
                .hasMessageStartingWith("not an RFC 3161 timestamp token");
        assertThat(refusal(new byte[0], digest, trusted.certificateDer()))
                .hasMessageStartingWith("not an RFC 3161 timestamp token");
        assertThat(refusal(Arrays.append(token, (byte) 0), digest, trusted.certificateDer()))
                .hasMessageStartingWith("not an RFC 3161 timestamp token");
        assertThat(refusal(trusted.certificateDer(), digest, trusted.certificateDer()))
                .hasMessageStartingWith("not an RFC 3161 timestamp token");
    }

    @Test
    void aDigestThatIsNotSha256Sized_isAProgrammingError() {
        assertThatThrownBy(() -> TimestampVerifier.verify(token, new byte[20], trusted.certificateDer()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
