package io.hazardledger.app.security;

import io.hazardledger.integrity.Hashes;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The local API tokens (table {@code api_token}, migration V11). A token is {@code hlt_<id>_<secret>}: {@code id} 12
 * lowercase hex digits that name it in listings and revocations, {@code secret} 32 random bytes in base64url. Only
 * the SHA-256 of the whole token is stored; a presented token is looked up by its id and its hash compared in constant
 * time. The token is shown once, when it is made. A token made or revoked is forced to the disk before the call
 * returns ({@code forceWrites}: on the embedded store, {@link io.hazardledger.Ledger#forceCommittedWrites}), so that a
 * power failure cannot bring a revoked token back.
 */
public final class ApiTokens {

    /** A token as made: {@code token} is the only copy of the secret. */
    public record Issued(String tokenId, String token, String personId, Instant expiresAt) {
    }

    /** A token as listed: never its secret nor its hash. */
    public record Info(String tokenId, String personId, String label, Instant createdAt, Instant expiresAt,
                       Instant revokedAt) {
    }

    private static final Pattern FORMAT = Pattern.compile("hlt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final Clock clock;
    private final Runnable forceWrites;

    /**
     * @param forceWrites forces the writes committed so far to the disk; run after each write commits, before the
     *                    call returns
     */
    public ApiTokens(DataSource dataSource, Clock clock, Runnable forceWrites) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.forceWrites = forceWrites;
    }

    /** Makes a token for a person, valid for {@code validFor} (null: until revoked). */
    public Issued create(String personId, String label, Duration validFor) {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        String tokenId = HexFormat.of().formatHex(id);
        String token = "hlt_" + tokenId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expires = validFor == null ? null : now.plus(validFor);
        update("INSERT INTO api_token (token_id, token_sha256, person_id, label, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", tokenId, sha256(token), personId, label, now.toString(),
                expires == null ? null : expires.toString());
        return new Issued(tokenId, token, personId, expires);
    }

    /** The person a presented token stands for, when it is well-formed, known, unrevoked and unexpired. */
    public Optional<String> personOf(String presented) {
        var m = FORMAT.matcher(presented == null ? "" : presented);
        if (!m.matches()) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT token_sha256, person_id, expires_at, revoked_at "
                     + "FROM api_token WHERE token_id = ?")) {
            ps.setString(1, m.group(1));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                boolean matches = MessageDigest.isEqual(rs.getString(1).getBytes(StandardCharsets.US_ASCII),
                        sha256(presented).getBytes(StandardCharsets.US_ASCII));
                Instant now = clock.instant();
                boolean expired = rs.getString(3) != null && !now.isBefore(Instant.parse(rs.getString(3)));
                boolean revoked = rs.getString(4) != null;
                return matches && !expired && !revoked ? Optional.of(rs.getString(2)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the API tokens", e);
        }
    }

    /** Every token, newest first, with its person and state. */
    public List<Info> list() {
        List<Info> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT token_id, person_id, label, created_at, expires_at, "
                     + "revoked_at FROM api_token ORDER BY created_at DESC, token_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Info(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs.getString(4)),
                        instant(rs.getString(5)), instant(rs.getString(6))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the API tokens", e);
        }
        return out;
    }

    /** Revokes a token from now on; false when no unrevoked token has this id. */
    public boolean revoke(String tokenId) {
        return update("UPDATE api_token SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
                clock.instant().toString(), tokenId) == 1;
    }

    private int update(String sql, Object... args) {
        int n;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            n = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the API tokens", e);
        }
        if (n > 0) {
            forceWrites.run();   // its connection back in the pool first: the force may take one
        }
        return n;
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static String sha256(String token) {
        return Hashes.sha256Hex(token.getBytes(StandardCharsets.US_ASCII));
    }
}
