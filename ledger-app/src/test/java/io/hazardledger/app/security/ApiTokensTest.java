package io.hazardledger.app.security;

import io.hazardledger.Ledger;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token made or revoked is forced to the disk after its write commits and before the call returns (on the embedded
 * store the server passes {@link Ledger#forceCommittedWrites}): a revoked token must not come back after a power
 * failure. What each force sees is read through a connection of its own: the write it must cover is committed.
 */
class ApiTokensTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "auto-commit {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aTokenMadeOrRevoked_isForcedOnceCommitted_beforeTheCallReturns(boolean autoCommit) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:api-tokens-forced-" + autoCommit + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        Ledger.schemaMigrations(ds).load().migrate();
        List<String> seenByForces = new ArrayList<>();
        ApiTokens tokens = new ApiTokens(autoCommit ? ds : manualCommits(ds), Clock.systemUTC(),
                () -> seenByForces.add(state(ds)));

        ApiTokens.Issued issued = tokens.create("p-1", "laptop", Duration.ofDays(30));
        assertThat(seenByForces).containsExactly("1 token, 0 revoked");
        assertThat(tokens.personOf(issued.token())).contains("p-1");

        assertThat(tokens.revoke(issued.tokenId())).isTrue();
        assertThat(seenByForces).containsExactly("1 token, 0 revoked", "1 token, 1 revoked");
        assertThat(tokens.personOf(issued.token())).isEmpty();

        // nothing written, nothing to force
        assertThat(tokens.revoke(issued.tokenId())).isFalse();
        assertThat(tokens.revoke("000000000000")).isFalse();
        assertThat(seenByForces).hasSize(2);
    }

    /** A pool that hands out connections with auto-commit off (the writer must commit them itself). */
    private static DataSource manualCommits(JdbcDataSource ds) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(ApiTokensTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(ds, args);
                    if (result instanceof Connection c) {
                        c.setAutoCommit(false);
                    }
                    return result;
                });
    }

    private static String state(JdbcDataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(revoked_at) FROM api_token")) {
            rs.next();
            return rs.getLong(1) + " token, " + rs.getLong(2) + " revoked";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
