package io.hazardledger.store;

import io.hazardledger.IntegrityRefusalException;
import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.integrity.LedgerIntegrityException;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key history that {@code verify} and {@code replay} read before their scan comes through the store's index of
 * entries by type; the scan confirms it was read from exactly the key events among the entries. A history read without
 * one of them (as a damaged index would give it: here the query is changed on its way to the database), or read from
 * an entry that is not one, fails at that entry's index instead of judging the signatures with the wrong keys.
 */
class KeyHistoryTest {

    private static final String KEY_EVENTS = "l.event_type IN ('KeyRegistered', 'KeyRevoked')";

    @TempDir
    Path dir;

    @Test
    void aKeyHistoryReadWithoutAKeyEvent_orFromAnotherEntry_failsAtThatEntry() throws Exception {
        DataSource store = TestLedgers.store(dir);
        long revoked;
        long signed;
        try (Ledger ledger = Ledger.builder().dataSource(store).requireSignatures(true).build()) {
            TestLedgers.park(ledger);
            PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
            ledger.execute(new RegisterKey(REPORTER, key.verificationKey().spkiBase64(),
                    Instant.now().minusSeconds(3600), REPORTER));
            var report = TestLedgers.report("hz-k", HazardLevel.GENERAL);
            signed = ledger.execute(report, SignedStatement.sign(
                    ledger.statementFor(report, key.verificationKey().keyId(), Instant.now()), key)).index();
            // revoked from yesterday: the report signed before it is a finding
            var revoke = new RevokeKey(REPORTER, key.verificationKey().keyId(), "stolen last week",
                    Instant.now().minus(Duration.ofDays(1)), REPORTER);
            revoked = ledger.execute(revoke, SignedStatement.sign(ledger.statementFor(revoke,
                    key.verificationKey().keyId(), Instant.now()), key)).index();
        }
        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            VerifiedLedger intact = ledger.verify();
            assertThat(intact.signatureFindings()).singleElement()
                    .satisfies(f -> assertThat(f.index()).isEqualTo(signed));
        }

        // the revocation missing from the history: the signature would pass; the scan stops at the revocation
        DataSource missing = rewriting(store, KEY_EVENTS + " AND l.ledger_index <> " + revoked);
        try (Ledger ledger = Ledger.builder().dataSource(missing).build()) {
            assertThatThrownBy(ledger::verify).isInstanceOfSatisfying(LedgerIntegrityException.class, e -> {
                assertThat(e.index()).isEqualTo(revoked);
                assertThat(e.check()).isEqualTo("key-history");
            });
            assertThatThrownBy(ledger::replay).isInstanceOfSatisfying(IntegrityRefusalException.class,
                    e -> assertThat(e.index()).isEqualTo(revoked));
        }

        // the history read from the signed report too: named after the scan
        DataSource extra = rewriting(store, "(" + KEY_EVENTS + " OR l.ledger_index = " + signed + ")");
        try (Ledger ledger = Ledger.builder().dataSource(extra).build()) {
            assertThatThrownBy(ledger::verify).isInstanceOfSatisfying(LedgerIntegrityException.class, e -> {
                assertThat(e.index()).isEqualTo(signed);
                assertThat(e.check()).isEqualTo("key-history");
            });
        }

        // the store itself was never changed
        try (Ledger ledger = Ledger.builder().dataSource(store).build()) {
            assertThat(ledger.verify().signatureFindings()).hasSize(1);
        }
    }

    /** The store, with the key history's condition replaced by {@code condition} on the way to the database. */
    private static DataSource rewriting(DataSource store, String condition) {
        return proxy(DataSource.class, store, condition);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, String condition) {
        return (T) Proxy.newProxyInstance(KeyHistoryTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    if (type == Connection.class && method.getName().equals("prepareStatement")
                            && ((String) args[0]).contains(KEY_EVENTS)) {
                        args = args.clone();
                        args[0] = ((String) args[0]).replace(KEY_EVENTS, condition);
                    }
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return type == DataSource.class && method.getName().equals("getConnection")
                            ? proxy(Connection.class, (Connection) result, condition) : result;
                });
    }
}
