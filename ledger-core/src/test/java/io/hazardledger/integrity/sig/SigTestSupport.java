package io.hazardledger.integrity.sig;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** Helpers shared by the signature tests: hex, DER wrappers for raw Ed25519 keys, PEM, the stored vectors. */
final class SigTestSupport {

    /** SubjectPublicKeyInfo prefix for an Ed25519 key (RFC 8410 section 4): SEQUENCE { {1.3.101.112}, BIT STRING }. */
    static final String ED25519_SPKI_PREFIX = "302a300506032b6570032100";
    /** PKCS#8 prefix for an Ed25519 seed (RFC 8410 section 7): version 0, {1.3.101.112}, OCTET STRING { OCTET STRING }. */
    static final String ED25519_PKCS8_PREFIX = "302e020100300506032b657004220420";

    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SigTestSupport() {
    }

    static byte[] unhex(String hex) {
        return HEX.parseHex(hex);
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static byte[] ed25519Spki(String rawPublicKeyHex) {
        return unhex(ED25519_SPKI_PREFIX + rawPublicKeyHex);
    }

    static String ed25519Pkcs8Pem(String seedHex) {
        return pem("PRIVATE KEY", unhex(ED25519_PKCS8_PREFIX + seedHex));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A copy of {@code bytes} with bit {@code bit} (0 = least significant bit of byte 0) inverted. */
    static byte[] flipBit(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    /** One RFC 8032 vector as {@code vectors/sig/ed25519-rfc8032.json} spells it. */
    record Ed25519Vector(String name, String desc, String secretKey, String publicKey, String message,
                         String signature) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Ed25519Vectors(String desc, List<Ed25519Vector> vectors) {
    }

    static List<Ed25519Vector> ed25519Vectors() {
        try (InputStream in = SigTestSupport.class.getResourceAsStream("/vectors/sig/ed25519-rfc8032.json")) {
            if (in == null) {
                throw new IllegalStateException("no vectors/sig/ed25519-rfc8032.json on the test class path");
            }
            return JSON.readValue(in, Ed25519Vectors.class).vectors();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
