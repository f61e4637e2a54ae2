package io.hazardledger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.hazardledger.Ledger;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.ReportHazard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ledger.security.mode=oidc} over real HTTP: the server as an OAuth2 resource server checking bearer JWTs of an
 * issuer ({@code issuer-uri}) whose RSA key it fetches from {@code jwk-set-uri}, served here on loopback by the test
 * (no other network). A token passes only when signed by that key with RS256, from the configured issuer, for the
 * configured audience, not expired, and its {@code sub} names a person of the directory; the caller's roles and
 * enterprise then come from the directory, never from the token. Refusals are 401 or 403 problem+json.
 * <p>
 * Not {@code public-key-location}: Spring Boot 4.1 ignores it when {@code issuer-uri} is set (it then fetches the
 * issuer's discovery document), and without {@code issuer-uri} it checks no issuer at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.mode=oidc", "ledger.require-signatures=false"})
class OidcHttpTest {

    private static final String ISSUER = "https://idp.example.test/realms/park";
    private static final String AUDIENCE = "hazard-ledger";
    private static final String KEY_ID = "park-1";
    private static final KeyPair ISSUER_KEY;
    private static final KeyPair OTHER_KEY;
    /** The issuer's key set as an identity provider publishes it, on loopback. */
    private static final HttpServer JWKS;

    static {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            ISSUER_KEY = rsa.generateKeyPair();
            OTHER_KEY = rsa.generateKeyPair();
            byte[] keySet = new JWKSet(new RSAKey.Builder((RSAPublicKey) ISSUER_KEY.getPublic()).keyID(KEY_ID).build())
                    .toString().getBytes(StandardCharsets.UTF_8);
            JWKS = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            JWKS.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keySet.length);
                exchange.getResponseBody().write(keySet);
                exchange.close();
            });
            JWKS.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void oidc(DynamicPropertyRegistry r) {
        TestStore.register(r, dir);
        r.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
        r.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks");
        r.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> AUDIENCE);
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** Enterprises A and B with a hazard each and staff each, and an auditor (once: the server outlives each test). */
    @BeforeEach
    void park() {
        if (ledger.directory().person("oidc-auditor").isPresent()) {
            return;
        }
        Instant found = Instant.parse("2026-11-01T08:00:00Z");
        for (String e : List.of("oidc-a", "oidc-b")) {
            ledger.execute(new RegisterEnterprise(e, "Enterprise " + e, "hazardous chemicals", true));
            ledger.execute(new RegisterPerson(e + "-staff", "Staff of " + e, e, Set.of(Role.ENTERPRISE_STAFF)));
            ledger.execute(new ReportHazard("hz-" + e, e, HazardLevel.MAJOR, HazardSource.SELF_INSPECTION,
                    "MEM Order No.10 Art.4(1)", "fire safety", "Tank farm B", "Flange leak at pump 3", null, found,
                    e + "-staff", List.of(new Evidence(Park.SHA_BEFORE, "image/jpeg", found, "before.jpg"))));
        }
        ledger.execute(new RegisterPerson("oidc-auditor", "Sun Li", null, Set.of(Role.AUDITOR)));
    }

    @Test
    void aValidTokenOfADirectoryPerson_readsTheRegister() throws Exception {
        Reply r = send("GET", "/api/v1/hazards", token("oidc-auditor", c -> { }));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(hazardIds(r)).contains("hz-oidc-a", "hz-oidc-b");
    }

    @Test
    void noToken_isChallengedWithBearerAndAProblem() throws Exception {
        assertUnauthorized(send("GET", "/api/v1/hazards", null));
    }

    @Test
    void aTokenForAnotherAudience_isRefused() throws Exception {
        refused(token("oidc-auditor", c -> c.audience("another-service")));
    }

    @Test
    void aTokenFromAnotherIssuer_isRefused() throws Exception {
        refused(token("oidc-auditor", c -> c.issuer("https://evil.example.test/realms/park")));
    }

    @Test
    void anExpiredToken_isRefusedBeyondTheClockSkew() throws Exception {
        Instant now = Instant.now();
        refused(token("oidc-auditor", c -> c.issueTime(Date.from(now.minusSeconds(1200)))
                .expirationTime(Date.from(now.minusSeconds(600)))));
    }

    @Test
    void aTokenSignedByAnotherKey_isRefused() throws Exception {
        refused(sign(claims("oidc-auditor", c -> { }), OTHER_KEY.getPrivate()));
    }

    @Test
    void aTokenNamingNoPersonOfTheDirectory_isRefused() throws Exception {
        refused(token("nobody-here", c -> { }));
    }

    @Test
    void anUnsignedTokenWithAlgNone_isRefused() throws Exception {
        refused(new PlainJWT(claims("oidc-auditor", c -> { })).serialize());
    }

    @Test
    void rolesAndEnterpriseComeFromTheDirectory_staffSeeOnlyTheirEnterprise() throws Exception {
        String staff = token("oidc-a-staff", c -> { });
        assertRoleNotAllowed(send("GET", "/api/v1/ledger/entries", staff));
        Reply hazards = send("GET", "/api/v1/hazards", staff);
        assertThat(hazards.status()).as(hazards.toString()).isEqualTo(200);
        assertThat(hazardIds(hazards)).containsExactly("hz-oidc-a");
    }

    @Test
    void rolesClaimedByTheToken_areIgnored() throws Exception {
        String auditor = token("oidc-auditor", c -> c.claim("roles", List.of("ADMIN"))
                .claim("realm_access", Map.of("roles", List.of("ADMIN"))).claim("scope", "ADMIN"));
        assertRoleNotAllowed(send("POST", "/api/v1/ledger/replay", auditor));
    }

    // ---- tokens, requests, assertions

    /** Claims of a token of the configured issuer for the configured audience, valid for 5 minutes, then changed. */
    private static JWTClaimsSet claims(String subject, Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        change.accept(b);
        return b.build();
    }

    /** A token signed by the issuer's key. */
    private static String token(String subject, Consumer<JWTClaimsSet.Builder> change) throws Exception {
        return sign(claims(subject, change), ISSUER_KEY.getPrivate());
    }

    private static String sign(JWTClaimsSet claims, PrivateKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(KEY_ID)
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** What a test reads of a response. */
    private record Reply(int status, String contentType, String challenge, String body) {
        JsonNode json() throws IOException {
            return Http.JSON.readTree(body);
        }
    }

    /** A request without a body, with {@code Authorization: Bearer <token>} unless the token is null. */
    private Reply send(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("WWW-Authenticate").orElse(""), r.body());
    }

    /** A presented token refused as invalid. */
    private void refused(String token) throws Exception {
        assertUnauthorized(send("GET", "/api/v1/hazards", token));
    }

    /** 401 problem+json with the RFC 6750 challenge. */
    private static void assertUnauthorized(Reply r) throws IOException {
        assertThat(r.status()).as(r.toString()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(r.challenge()).startsWith("Bearer");
    }

    private static void assertRoleNotAllowed(Reply r) throws IOException {
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("role-not-allowed");
    }

    private static List<String> hazardIds(Reply r) throws IOException {
        List<String> ids = new ArrayList<>();
        r.json().forEach(h -> ids.add(h.get("hazardId").asText()));
        return ids;
    }
}
