package io.hazardledger.signing;

import io.hazardledger.InvalidInputException;
import io.hazardledger.Ledger;
import io.hazardledger.LedgerException;
import io.hazardledger.SignatureRefusedException;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.directory.Role;
import io.hazardledger.directory.RotateKey;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.REPORTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who may give a person a key, or take one away, on a ledger that requires signatures: a key is the power to sign in
 * that person's name, so a bearer token alone gives none beyond a first, a registrar of an enterprise none at all, a
 * registrar none over an administrator's, and no revocation can be dated ahead so as to shut out a real one.
 */
class KeyPowersTest {

    @TempDir
    Path dir;

    Ledger ledger;
    PemSigner reporterKey;
    javax.sql.DataSource store;

    @BeforeEach
    void park() throws Exception {
        store = TestLedgers.store(dir);
        ledger = Ledger.builder().dataSource(store).requireSignatures(true).build();
        TestLedgers.park(ledger);
        reporterKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(register(REPORTER, reporterKey, REPORTER));   // a first key: unsigned
    }

    @AfterEach
    void close() throws Exception {
        ledger.close();
    }

    private static RegisterKey register(String person, PemSigner key, String by) {
        return new RegisterKey(person, key.verificationKey().spkiBase64(), Instant.now().minusSeconds(60), by);
    }

    private SignedStatement sign(Object command, PemSigner key) {
        return SignedStatement.sign(ledger.statementFor(command, key.verificationKey().keyId(), Instant.now()), key);
    }

    private PemSigner person(String id, String enterprise, Role... roles) {
        ledger.execute(new RegisterPerson(id, id, enterprise, Set.of(roles)));
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(register(id, key, id));
        return key;
    }

    private long size() {
        return ledger.log().size();
    }

    /**
     * On a ledger that does not require signatures, acts may go unsigned, but a signed act is valid in the trail: a
     * further key registered without a signature would let whoever holds the ledger sign "validly" in their name.
     */
    @Test
    void onALedgerThatDoesNotRequireSignatures_aFurtherKeyUnsigned_isRefusedToo() throws Exception {
        ledger.close();
        ledger = Ledger.builder().dataSource(store).requireSignatures(false).build();
        PemSigner other = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        long before = size();
        assertThatThrownBy(() -> ledger.execute(register(REPORTER, other, REPORTER)))
                .isInstanceOfSatisfying(SignatureRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("signature-required");
                    assertThat(e.getMessage()).contains("only a first key may be registered unsigned");
                });
        // nor by a rotation to a key of one's own, or a revocation after which a registration would be a first key
        String held = reporterKey.verificationKey().keyId();
        assertThatThrownBy(() -> ledger.execute(new RotateKey(REPORTER, held, other.verificationKey().spkiBase64())))
                .isInstanceOfSatisfying(SignatureRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("signature-required"));
        assertThatThrownBy(() -> ledger.execute(new RevokeKey(REPORTER, held, "lost", null, REPORTER)))
                .isInstanceOfSatisfying(SignatureRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("signature-required"));
        assertThat(size()).isEqualTo(before);
        RegisterKey signed = register(REPORTER, other, REPORTER);
        ledger.execute(signed, sign(signed, reporterKey));
        assertThat(ledger.directory().keys(REPORTER)).hasSize(2);
    }

    @Test
    void aFurtherKey_unsigned_isRefused_andSignedWithAHeldKey_isRegistered() throws Exception {
        PemSigner second = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        long before = size();
        assertThatThrownBy(() -> ledger.execute(register(REPORTER, second, REPORTER)))
                .isInstanceOfSatisfying(SignatureRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("signature-required");
                    assertThat(e.getMessage()).contains("already holds the key " + reporterKey.verificationKey().keyId());
                });
        assertThat(size()).isEqualTo(before);
        assertThat(ledger.directory().keys(REPORTER)).hasSize(1);

        RegisterKey signed = register(REPORTER, second, REPORTER);
        ledger.execute(signed, sign(signed, reporterKey));
        assertThat(ledger.directory().keys(REPORTER)).hasSize(2);
        ReportHazard report = TestLedgers.report("hz-2", HazardLevel.GENERAL);
        ledger.execute(report, sign(report, second));
        assertThat(ledger.verify().holds()).isTrue();
    }

    @Test
    void aRegistrarHoldingAKey_signsTheKeysTheyRegisterForOthers_andAFirstKeyNeedsNoSignature() throws Exception {
        PemSigner registrarKey = person("reg", null, Role.REGISTRAR);
        PemSigner forOwner = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        assertThatThrownBy(() -> ledger.execute(register(TestLedgers.OWNER, forOwner, "reg")))
                .isInstanceOfSatisfying(SignatureRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("signature-required"));
        RegisterKey signed = register(TestLedgers.OWNER, forOwner, "reg");
        ledger.execute(signed, sign(signed, registrarKey));
        assertThat(ledger.directory().keys(TestLedgers.OWNER)).singleElement()
                .satisfies(k -> assertThat(k.registeredBy()).isEqualTo("reg"));

        // once the reporter's only key is revoked, a new first key is again registered with nothing to sign it
        RevokeKey revoke = new RevokeKey(REPORTER, reporterKey.verificationKey().keyId(), "phone lost", null, REPORTER);
        ledger.execute(revoke, sign(revoke, reporterKey));
        ledger.execute(register(REPORTER, KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), REPORTER));
        assertThat(ledger.directory().keys(REPORTER)).hasSize(2);
    }

    /**
     * A registrar who holds no key registers a person's first key with their token, but not a further one: the
     * person's own key signs that, or a registrar's (a registrar's token, or one who revoked their own key, is no
     * way around the rule).
     */
    @Test
    void aRegistrarWithoutAKey_registersAFirstKey_butNotAFurtherOne() throws Exception {
        ledger.execute(new RegisterPerson("reg-0", "reg-0", null, Set.of(Role.REGISTRAR)));
        ledger.execute(register(TestLedgers.OWNER, KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "reg-0"));
        assertThat(ledger.directory().keys(TestLedgers.OWNER)).hasSize(1);
        long before = size();
        PemSigner further = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        assertThatThrownBy(() -> ledger.execute(register(REPORTER, further, "reg-0")))
                .isInstanceOfSatisfying(SignatureRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("signature-required");
                    assertThat(e.getMessage()).contains(REPORTER + " already holds the key "
                            + reporterKey.verificationKey().keyId());
                });
        assertThat(size()).isEqualTo(before);
        assertThat(ledger.directory().keys(REPORTER)).hasSize(1);
    }

    /**
     * On a demo ledger the server holds its people's keys (in memory, for the demo's story): a person there registers
     * a key of their own with their token, as the README's demo walk-through does.
     */
    @Test
    void onADemoLedger_aPersonRegistersAKeyOfTheirOwn_beside_theKeyTheServerHolds() throws Exception {
        try (Ledger demo = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(true)
                .demoSigning(true).build()) {
            TestLedgers.park(demo);
            demo.execute(register(REPORTER, KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), REPORTER));
            demo.execute(register(REPORTER, KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), REPORTER));
            assertThat(demo.directory().keys(REPORTER)).hasSize(2);
        }
    }

    /** A key valid only from a later time is not one its person can sign with yet: it does not lock them out. */
    @Test
    void aKeyNotYetValid_isNotHeld_soAnotherFirstKeyIsRegistered() throws Exception {
        ledger.execute(new RegisterPerson("late", "late", null, Set.of(Role.INSPECTOR)));
        ledger.execute(new RegisterKey("late", KeyPairs.generate(SignatureAlgorithm.ED25519).signer().verificationKey()
                .spkiBase64(), Instant.now().plus(Duration.ofDays(3650)), "late"));
        ledger.execute(register("late", KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "late"));
        assertThat(ledger.directory().keys("late")).hasSize(2);
    }

    @Test
    void aRevocationDatedAhead_isRefused_soThatARealOneStaysPossible() throws Exception {
        String keyId = reporterKey.verificationKey().keyId();
        RevokeKey ahead = new RevokeKey(REPORTER, keyId, "routine", Instant.now().plus(Duration.ofDays(365)), REPORTER);
        long before = size();
        assertThatThrownBy(() -> ledger.execute(ahead, sign(ahead, reporterKey)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("effectiveAt");
                    assertThat(e.getMessage()).contains("must not be more than 5 minutes after the ledger's clock");
                });
        assertThat(size()).isEqualTo(before);
        assertThat(ledger.directory().key(keyId).orElseThrow().revokedAt()).isNull();

        // a registrar's revocation of the same key still goes through, from when it was compromised
        PemSigner registrarKey = person("reg", null, Role.REGISTRAR);
        RevokeKey real = new RevokeKey(REPORTER, keyId, "compromised", Instant.now().minusSeconds(30), "reg");
        ledger.execute(real, sign(real, registrarKey));
        assertThat(ledger.directory().key(keyId).orElseThrow().revokedAt()).isBefore(Instant.now());
        ReportHazard report = TestLedgers.report("hz-r", HazardLevel.GENERAL);
        assertThatThrownBy(() -> ledger.execute(report, sign(report, reporterKey)))
                .isInstanceOfSatisfying(SignatureRefusedException.class, e -> assertThat(e.code()).isEqualTo("key-revoked"));
    }

    @Test
    void aRegistrarRoleOfAnEnterprisesPerson_managesNoOnesKeys() throws Exception {
        PemSigner enterpriseRegistrar = person("ent-reg", ENTERPRISE, Role.ENTERPRISE_STAFF, Role.REGISTRAR);
        RevokeKey revoke = new RevokeKey(REPORTER, reporterKey.verificationKey().keyId(), "compromised",
                Instant.now().minusSeconds(3600), "ent-reg");
        long before = size();
        assertThatThrownBy(() -> ledger.execute(revoke, sign(revoke, enterpriseRegistrar)))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.code()).isEqualTo("registrar-required");
                    assertThat(e.getMessage()).contains("not a registrar of the park");
                });
        assertThat(size()).isEqualTo(before);
        assertThat(ledger.directory().key(reporterKey.verificationKey().keyId()).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void anAdministratorsKeys_areManagedByAnAdministrator_notByARegistrar() throws Exception {
        PemSigner adminKey = person("adm", null, Role.ADMIN, Role.REGISTRAR);
        PemSigner registrarKey = person("reg", null, Role.REGISTRAR);
        PemSigner otherRegistrarKey = person("reg-2", null, Role.REGISTRAR);
        String adminKeyId = adminKey.verificationKey().keyId();
        for (String target : new String[]{"adm", "reg-2"}) {
            String keyId = target.equals("adm") ? adminKeyId : otherRegistrarKey.verificationKey().keyId();
            RevokeKey byRegistrar = new RevokeKey(target, keyId, "compromised", Instant.parse("2000-01-01T00:00:00Z"),
                    "reg");
            assertThatThrownBy(() -> ledger.execute(byRegistrar, sign(byRegistrar, registrarKey)))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("admin-required"));
            assertThat(ledger.directory().key(keyId).orElseThrow().revokedAt()).isNull();
        }
        RevokeKey byAdmin = new RevokeKey("reg-2", otherRegistrarKey.verificationKey().keyId(), "left the office", null,
                "adm");
        ledger.execute(byAdmin, sign(byAdmin, adminKey));
        assertThat(ledger.directory().key(otherRegistrarKey.verificationKey().keyId()).orElseThrow().revokedAt())
                .isNotNull();
        // and each still manages their own: a rotation names no one else
        PemSigner next = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        RotateKey rotate = new RotateKey("adm", adminKeyId, next.verificationKey().spkiBase64());
        ledger.execute(rotate, sign(rotate, adminKey));
        assertThat(ledger.verify().holds()).isTrue();
    }

    /**
     * A key registered "from now" is valid from the whole second, so a statement claimed in that second and written in
     * whole seconds (as FORMAT's examples are) may use it; without that it was refused as not yet valid.
     */
    @Test
    void aKeyRegisteredFromNow_signsAStatementClaimedInThatWholeSecond() throws Exception {
        ledger.close();
        Instant second = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ledger = Ledger.builder().dataSource(store).requireSignatures(true)
                .clock(java.time.Clock.fixed(second.plusNanos(591_130_572), java.time.ZoneOffset.UTC)).build();
        ledger.execute(new RegisterPerson("p-sec", "P", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)));
        PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        ledger.execute(new RegisterKey("p-sec", key.verificationKey().spkiBase64(), null, "p-sec"));
        assertThat(ledger.directory().key(key.verificationKey().keyId()).orElseThrow().validFrom()).isEqualTo(second);
        ReportHazard report = new ReportHazard("hz-sec", ENTERPRISE, HazardLevel.GENERAL,
                io.hazardledger.hazard.HazardSource.SELF_INSPECTION, null, "fire safety", "Store 1", "Exit blocked",
                null, Instant.parse("2026-11-01T08:00:00Z"), "p-sec", java.util.List.of());
        ledger.execute(report, SignedStatement.sign(ledger.statementFor(report, key.verificationKey().keyId(), second),
                key));
        assertThat(ledger.verify().holds()).isTrue();
    }

    /** Registering the office's person through the ledger that holds the office's key lists the key at once. */
    @Test
    void registeringTheOffice_listsItsKey_inTheNextEntry() throws Exception {
        PemSigner officeKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger l = Ledger.builder().dataSource(TestLedgers.store(dir)).requireSignatures(true)
                .office("office", officeKey).build()) {
            TestLedgers.park(l);
            assertThat(l.registerOfficeKey()).startsWith("the office office is not in the directory yet");
            long index = l.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE))).index();
            var key = l.directory().key(officeKey.verificationKey().keyId()).orElseThrow();
            assertThat(key.personId()).isEqualTo("office");
            assertThat(key.validFrom().getNano()).as("valid from the whole second, as a key registered without one")
                    .isZero();
            assertThat(l.log().size()).isEqualTo(index + 2);
            assertThat(l.verify().holds()).isTrue();
        }
    }

    /**
     * The office's key file replaced while the office holds its old key: the server has nothing to sign a further key
     * with, so it starts, says what to do, and registers nothing (the steps wait), rather than failing to start.
     */
    @Test
    void aReplacedOfficeKeyFile_isNotRegisteredUnsigned_andTheLedgerStillStarts() throws Exception {
        javax.sql.DataSource store = TestLedgers.store(dir);
        PemSigner first = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger l = Ledger.builder().dataSource(store).requireSignatures(true).office("office", first).build()) {
            TestLedgers.park(l);
            l.execute(new RegisterPerson("office", "Park office", null, Set.of(Role.PARK_OFFICE)));
            assertThat(l.registerOfficeKey()).as("listed when its person was").endsWith(" is registered");
        }
        PemSigner replaced = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
        try (Ledger l = Ledger.builder().dataSource(store).requireSignatures(true).office("office", replaced).build()) {
            long size = l.log().size();
            assertThat(l.registerOfficeKey()).startsWith("the office key " + replaced.verificationKey().keyId()
                    + " is not registered to office, who holds another key");
            assertThat(l.directory().key(replaced.verificationKey().keyId())).isEmpty();
            assertThat(l.log().size()).isEqualTo(size);
        }
    }
}
