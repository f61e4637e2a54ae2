package io.hazardledger.register;

import io.hazardledger.Ledger;
import io.hazardledger.LedgerException;
import io.hazardledger.LedgerPosition;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.RevokeKey;
import io.hazardledger.directory.Role;
import io.hazardledger.directory.internal.DirectoryView;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.ExtendDeadline;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReopenHazard;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.projection.Projection;
import io.hazardledger.projection.RecordedEvent;
import io.hazardledger.register.internal.HazardRegisterView;
import io.hazardledger.signing.AccountabilityTrail;
import io.hazardledger.signing.internal.SignatureTrailView;
import io.hazardledger.store.internal.LedgerSerializer;
import io.hazardledger.store.internal.LedgerStore;
import io.hazardledger.store.internal.TransactionalConnections;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time travel: the register, open major hazards, histories and trails asked "as of" every position of a random
 * history equal what projections rebuilt from the entries up to that position give (a second database fed only those
 * entries, by the same projection code, asked about "now" with a clock stopped at the position's moment).
 */
class AsOfRebuildProperties {

    private static final List<String> ENTERPRISES = List.of("ent-a", "ent-b");
    private static final List<String> STAFF = List.of("a-1", "a-2", "b-1", "b-2");
    private static final List<String> VERIFIERS = List.of("v-1", "v-2");
    private static final List<String> EVERYONE = List.of("a-1", "a-2", "b-1", "b-2", "v-1", "v-2");

    @Property(tries = 6)
    void everyAnswerAsOfAPositionEqualsARebuildUpToIt(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        DataSource live = memory();
        try (Ledger ledger = Ledger.builder().dataSource(live).build()) {
            List<String> hazards = write(ledger, random);
            long size = ledger.log().size();
            // the chain holds; the only findings are the signatures made before the backdated revocation
            assertThat(ledger.verify().signatureFindings()).allSatisfy(f -> assertThat(f.check()).isEqualTo("key-revoked"));

            DataSource rebuilt = memory();
            Ledger.schemaMigrations(rebuilt).load().migrate();
            List<RecordedEvent> events = new ArrayList<>();
            new LedgerStore(live, LedgerSerializer.forEvents(), List.of()).read(0, size, events::add);
            try (Connection in = live.getConnection(); Connection out = rebuilt.getConnection()) {
                // every position on H2; on PostgreSQL (a connection per question there) the ends and 15 drawn ones
                java.util.Set<Long> asked = new java.util.HashSet<>(List.of(0L, size));
                while (io.hazardledger.TestLedgers.postgres() && asked.size() < 17 && asked.size() <= size) {
                    asked.add((long) random.nextInt((int) size + 1));
                }
                List<Projection> projections = List.of(new DirectoryView(TransactionalConnections.over(rebuilt)),
                        reference(rebuilt, Clock.system(Ledger.DEFAULT_ZONE)),
                        new SignatureTrailView(TransactionalConnections.over(rebuilt)));
                for (long s = 0; s <= size; s++) {
                    if (!io.hazardledger.TestLedgers.postgres() || asked.contains(s)) {
                        LedgerPosition at = ledger.position(s, null);
                        // the reference: the first s entries and projections rebuilt from them, judged at at.moment()
                        HazardRegister register = reference(rebuilt, Clock.fixed(at.moment(), Ledger.DEFAULT_ZONE));
                        AccountabilityTrail trail = new SignatureTrailView(TransactionalConnections.over(rebuilt));
                        compare(ledger, at, register, trail, hazards, s);
                    }
                    if (s < size) {
                        copyEntry(in, out, s);
                        RecordedEvent e = events.get((int) s);
                        for (Projection p : projections) {
                            p.apply(out, e);
                        }
                    }
                }
            }
        }
    }

    /** The register rebuilt in {@code db}, asked only about "now" (its history is never read). */
    private static HazardRegisterView reference(DataSource db, Clock clock) {
        return new HazardRegisterView(TransactionalConnections.over(db), clock,
                new io.hazardledger.register.internal.HazardVersions(db, (c, from, to, consumer) -> {
                    throw new AssertionError("the reference register was asked about an earlier position");
                }, clock.getZone()),
                new io.hazardledger.whistleblower.internal.WhistleblowerView(TransactionalConnections.over(db)));
    }

    private static void compare(Ledger ledger, LedgerPosition at, HazardRegister rebuilt, AccountabilityTrail trail,
                                List<String> hazards, long s) {
        HazardRegister live = ledger.register();
        List<RegisterFilter> filters = new ArrayList<>(List.of(
                new RegisterFilter(null, null, null, null, null, 1000, 0),
                new RegisterFilter(null, null, null, null, null, 3, 2),
                new RegisterFilter(null, HazardLevel.MAJOR, null, null, null, 1000, 0),
                new RegisterFilter(null, null, null, HazardSource.SUPERVISORY_INSPECTION, null, 1000, 0),
                new RegisterFilter(null, null, null, null, true, 1000, 0),
                new RegisterFilter(null, null, null, null, false, 1000, 0)));
        for (String enterprise : ENTERPRISES) {
            filters.add(new RegisterFilter(enterprise, null, null, null, null, 1000, 0));
            filters.add(new RegisterFilter(enterprise, null, HazardStatus.RECTIFICATION_PLANNED, null, null, 1000, 0));
        }
        for (HazardStatus status : HazardStatus.values()) {
            filters.add(new RegisterFilter(null, null, status, null, null, 1000, 0));
        }
        for (RegisterFilter f : filters) {
            assertThat(live.find(f, at)).as("register %s at size %d", f, s).isEqualTo(rebuilt.find(f));
        }
        for (String id : hazards) {
            assertThat(live.get(id, at)).as("hazard %s at size %d", id, s).isEqualTo(rebuilt.get(id));
            assertThat(live.history(id, at)).as("history of %s at size %d", id, s).isEqualTo(rebuilt.history(id));
            assertThat(ledger.trail().responsibilityFor(id, at)).as("responsibility for %s at size %d", id, s)
                    .isEqualTo(trail.responsibilityFor(id));
        }
        assertThat(live.openMajorHazards(at)).as("open major hazards at size %d", s)
                .isEqualTo(rebuilt.openMajorHazards());
        for (String person : EVERYONE) {
            assertThat(ledger.trail().signedBy(person, at)).as("trail of %s at size %d", person, s)
                    .isEqualTo(trail.signedBy(person));
        }
    }

    /**
     * A random history: two enterprises, their staff and two verifiers, each with a key; hazards driven through their
     * loop by mostly fitting and sometimes refused commands, some signed; one key revoked back to before it signed.
     */
    private static List<String> write(Ledger ledger, Random random) {
        for (String e : ENTERPRISES) {
            ledger.execute(new RegisterEnterprise(e, "Enterprise " + e, "chemicals", random.nextBoolean()));
        }
        Map<String, PemSigner> keys = new HashMap<>();
        Instant keysFrom = Instant.now().minus(Duration.ofDays(1));
        for (String p : EVERYONE) {
            boolean verifier = p.startsWith("v");
            ledger.execute(new RegisterPerson(p, "Person " + p, verifier ? null : "ent-" + p.charAt(0),
                    verifier ? Set.of(Role.VERIFIER) : Set.of(Role.ENTERPRISE_STAFF)));
            PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
            ledger.execute(new RegisterKey(p, key.verificationKey().spkiBase64(), keysFrom, p));
            keys.put(p, key);
        }
        List<String> hazards = new ArrayList<>();
        Map<String, HazardStatus> status = new HashMap<>();
        int steps = 50 + random.nextInt(40);
        int revokeAt = random.nextInt(steps);
        for (int step = 0; step < steps; step++) {
            if (step == revokeAt) {
                String p = pick(random, EVERYONE);
                PemSigner key = keys.remove(p);
                RevokeKey revoke = new RevokeKey(p, key.verificationKey().keyId(), "lost", keysFrom.plusSeconds(60), p);
                ledger.execute(revoke, SignedStatement.sign(ledger.statementFor(revoke, key.verificationKey().keyId(),
                        Instant.now()), key));   // a revocation is signed on any ledger
            }
            if (hazards.isEmpty() || random.nextInt(5) == 0) {
                String id = "hz-" + hazards.size();
                String enterprise = pick(random, ENTERPRISES);
                boolean major = random.nextInt(3) == 0;
                String reporter = enterprise.equals("ent-a") ? pick(random, STAFF.subList(0, 2)) : pick(random, STAFF.subList(2, 4));
                Instant foundAt = Instant.now().minus(Duration.ofDays(random.nextInt(20)));
                ReportHazard report = new ReportHazard(id, enterprise, major ? HazardLevel.MAJOR : HazardLevel.GENERAL,
                        random.nextBoolean() ? HazardSource.SELF_INSPECTION : HazardSource.SUPERVISORY_INSPECTION,
                        major ? "AQ/T 2023 No.10 Art.4(1)" : null, "fire safety", "unit " + random.nextInt(3),
                        "leak", null, foundAt, reporter, List.of(evidence(id + "-before")), null, null);
                if (run(ledger, report, reporter, keys, random)) {
                    hazards.add(id);
                    status.put(id, HazardStatus.REPORTED);
                }
                continue;
            }
            String id = pick(random, hazards);
            String staff = pick(random, STAFF);
            String verifier = pick(random, VERIFIERS);
            LocalDate today = LocalDate.now(Ledger.DEFAULT_ZONE);
            HazardStatus now = status.get(id);
            int action = random.nextInt(10) < 7 ? fitting(now, random) : random.nextInt(7);
            Object command = switch (action) {
                case 0 -> new PlanRectification(id, "fix it", staff, today.plusDays(random.nextInt(21) - 20),
                        "100.00", "cordon", "evacuate", staff);
                case 1 -> new SubmitRectification(id, "fixed", List.of(evidence(id + "-after-" + step)), staff);
                case 2 -> new VerifyRectification(id, random.nextInt(4) > 0, "checked", verifier);
                case 3 -> new CloseOutHazard(id, "closed", verifier);
                case 4 -> new ReopenHazard(id, "back again", verifier);
                case 5 -> new ExtendDeadline(id, today.plusDays(1 + random.nextInt(30)), "parts late", staff);
                default -> new VerifyRectification(id, true, "checked", staff);
            };
            String actor = switch (action) {
                case 2, 3, 4 -> verifier;
                default -> staff;
            };
            if (run(ledger, command, actor, keys, random)) {
                status.put(id, ledger.register().get(id).orElseThrow().status());
            }
        }
        return hazards;
    }

    /** The action that moves a hazard on from {@code now}: 0 plan, 1 submit, 2 verify, 3 close, 4 reopen, 5 extend. */
    private static int fitting(HazardStatus now, Random random) {
        return switch (now) {
            case REPORTED -> 0;
            case RECTIFICATION_PLANNED -> random.nextInt(4) == 0 ? 5 : 1;
            case RECTIFICATION_SUBMITTED -> 2;
            case VERIFIED -> 3;
            case CLOSED -> 4;
        };
    }

    /** Runs a command, signed half of the time when its actor has a key; a refusal writes nothing. */
    private static boolean run(Ledger ledger, Object command, String actor, Map<String, PemSigner> keys, Random random) {
        long before = ledger.log().size();
        PemSigner key = keys.get(actor);
        try {
            if (key != null && random.nextBoolean()) {
                ledger.execute(command, SignedStatement.sign(
                        ledger.statementFor(command, key.verificationKey().keyId(), Instant.now()), key));
            } else {
                ledger.execute(command);
            }
            return true;
        } catch (LedgerException refused) {
            assertThat(ledger.log().size()).as("a refused %s wrote nothing", command).isEqualTo(before);
            return false;
        }
    }

    private static Evidence evidence(String seed) {
        return new Evidence(Hashes.sha256Hex(seed.getBytes()), "image/jpeg", Instant.now().minusSeconds(3600),
                seed + ".jpg");
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static void copyEntry(Connection in, Connection out, long index) throws SQLException {
        try (PreparedStatement read = in.prepareStatement("SELECT ledger_index, event_id, aggregate_id, event_type, "
                + "entry_hash, entry FROM ledger_entry WHERE ledger_index = ?");
             PreparedStatement write = out.prepareStatement("INSERT INTO ledger_entry (ledger_index, event_id, "
                     + "aggregate_id, event_type, entry_hash, entry) VALUES (?, ?, ?, ?, ?, ?)")) {
            read.setLong(1, index);
            try (ResultSet rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int i = 1; i <= 6; i++) {
                    write.setObject(i, rs.getObject(i));
                }
                write.executeUpdate();
            }
        }
    }

    private static DataSource memory() {
        if (io.hazardledger.TestLedgers.postgres()) {
            return io.hazardledger.TestLedgers.freshPostgres();
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:asof-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }
}
