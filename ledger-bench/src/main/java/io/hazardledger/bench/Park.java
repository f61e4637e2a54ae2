package io.hazardledger.bench;

import io.hazardledger.Ledger;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterKey;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.CloseOutHazard;
import io.hazardledger.hazard.Evidence;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.PlanRectification;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.hazard.SubmitRectification;
import io.hazardledger.hazard.VerifyRectification;
import io.hazardledger.integrity.Hashes;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmarks' park: {@value #ENTERPRISES} enterprises, each with a reporter and a rectification owner, and two
 * park verifiers; and the commands of one hazard's life. Hazard {@code n} belongs to enterprise {@code n % 10}; three
 * in four go the whole closed loop (report, plan, submit, verify, close out: five events), the fourth stays open
 * after its plan (two events), so that the register holds open and closed hazards.
 */
final class Park {

    static final int ENTERPRISES = 10;

    /** With {@code signed}, every person has an Ed25519 key and every signed act carries its statement. */
    private final Map<String, PemSigner> keys = new HashMap<>();

    private Park() {
    }

    /** Registers the park (and, when signed, every person's key) in the ledger. */
    static Park register(Ledger ledger, boolean signed) {
        Park park = new Park();
        for (int e = 0; e < ENTERPRISES; e++) {
            ledger.execute(new RegisterEnterprise(enterprise(e), "Enterprise " + e, "hazardous chemicals", e % 3 == 0));
            ledger.execute(new RegisterPerson(reporter(e), "Reporter " + e, enterprise(e), Set.of(Role.ENTERPRISE_STAFF)));
            ledger.execute(new RegisterPerson(owner(e), "Owner " + e, enterprise(e), Set.of(Role.ENTERPRISE_STAFF)));
        }
        for (int v = 0; v < 2; v++) {
            ledger.execute(new RegisterPerson(verifier(v), "Verifier " + v, null, Set.of(Role.VERIFIER, Role.INSPECTOR)));
        }
        if (signed) {
            List<String> people = new ArrayList<>();
            for (int e = 0; e < ENTERPRISES; e++) {
                people.add(reporter(e));
                people.add(owner(e));
            }
            people.add(verifier(0));
            people.add(verifier(1));
            for (String person : people) {
                PemSigner key = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();
                ledger.execute(new RegisterKey(person, key.verificationKey().spkiBase64(),
                        Instant.now().minusSeconds(3600), person));
                park.keys.put(person, key);
            }
        }
        return park;
    }

    boolean signed() {
        return !keys.isEmpty();
    }

    /** Executes a command, signed by the person who acts when the park is signed. */
    void execute(Ledger ledger, Object command) {
        if (!signed()) {
            ledger.execute(command);
            return;
        }
        String signer = ledger.signerFor(command).orElse(null);
        if (signer == null) {
            ledger.execute(command);
            return;
        }
        PemSigner key = keys.get(signer);
        ledger.execute(command, SignedStatement.sign(
                ledger.statementFor(command, key.verificationKey().keyId(), Instant.now()), key));
    }

    /** The commands of hazard {@code n}'s life, each recording one event. */
    static List<Object> life(String hazardId, long n) {
        int e = (int) (n % ENTERPRISES);
        String verifier = verifier((int) (n / ENTERPRISES % 2));
        HazardLevel level = n % 7 == 0 ? HazardLevel.MAJOR : HazardLevel.GENERAL;
        List<Object> commands = new ArrayList<>(5);
        commands.add(new ReportHazard(hazardId, enterprise(e), level, HazardSource.SELF_INSPECTION,
                level == HazardLevel.MAJOR ? "AQ/T 2023 No.10 Art.4(1)" : null, "fire safety",
                "B罐区 3号泵 (tank farm B, pump 3)", "法兰泄漏 \"flange leak\" near the pump\nsmell of solvent",
                "gasket aged", Instant.parse("2026-11-28T09:30:00Z"), reporter(e), List.of(evidence("before-" + hazardId))));
        commands.add(new PlanRectification(hazardId, "replace the gasket, check the flange", owner(e),
                LocalDate.now().plusDays(30), "12000.00", "cordon and gas detector", "evacuate on alarm", owner(e)));
        if (n % 4 != 3) {
            commands.add(new SubmitRectification(hazardId, "gasket replaced", List.of(evidence("after-" + hazardId)),
                    owner(e)));
            commands.add(new VerifyRectification(hazardId, true, "checked on site", verifier));
            commands.add(new CloseOutHazard(hazardId, "closed", verifier));
        }
        return commands;
    }

    static String enterprise(int e) {
        return "ent-" + e;
    }

    static String reporter(int e) {
        return "p-reporter-" + e;
    }

    static String owner(int e) {
        return "p-owner-" + e;
    }

    static String verifier(int v) {
        return "p-verifier-" + v;
    }

    private static Evidence evidence(String seed) {
        return new Evidence(Hashes.sha256Hex(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "image/jpeg",
                Instant.parse("2026-11-28T09:31:12.500Z"), seed + ".jpg");
    }
}
