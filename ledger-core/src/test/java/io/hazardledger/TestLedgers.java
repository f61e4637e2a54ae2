package io.hazardledger;

import io.hazardledger.directory.RegisterEnterprise;
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
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Ledgers on fresh H2 file databases, and a small park to fill them with. */
public final class TestLedgers {

    private TestLedgers() {
    }

    public static DataSource h2(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("ledger-" + UUID.randomUUID()).toAbsolutePath() + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    public static final String ENTERPRISE = "ent-acme";
    public static final String OWNER = "p-owner";
    public static final String REPORTER = "p-reporter";
    public static final String VERIFIER = "p-verifier";

    /** One enterprise and three people: a reporter, a rectification owner and a verifier. */
    public static void park(Ledger ledger) {
        ledger.execute(new RegisterEnterprise(ENTERPRISE, "Acme Chemicals", "hazardous chemicals", true));
        ledger.execute(new RegisterPerson(REPORTER, "Li Wei", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)));
        ledger.execute(new RegisterPerson(OWNER, "Wang Fang", ENTERPRISE, Set.of(Role.ENTERPRISE_STAFF)));
        ledger.execute(new RegisterPerson(VERIFIER, "Zhao Min", null, Set.of(Role.VERIFIER, Role.INSPECTOR)));
    }

    public static Evidence evidence(String seed) {
        return new Evidence(io.hazardledger.integrity.Hashes.sha256Hex(seed.getBytes()), "image/jpeg",
                Instant.parse("2026-11-01T08:00:00Z"), seed + ".jpg");
    }

    public static ReportHazard report(String hazardId, HazardLevel level) {
        return new ReportHazard(hazardId, ENTERPRISE, level, HazardSource.SELF_INSPECTION,
                level == HazardLevel.MAJOR ? "AQ/T 2023 No.10 Art.4(1)" : null, "fire safety",
                "Tank farm B, pump 3", "Flange leak near the pump", "gasket aged",
                Instant.parse("2026-11-01T08:00:00Z"), REPORTER, List.of(evidence("before-" + hazardId)));
    }

    /** Reports, plans, submits, verifies and closes out one hazard. */
    public static void closedLoop(Ledger ledger, String hazardId) {
        ledger.execute(report(hazardId, HazardLevel.MAJOR));
        ledger.execute(new PlanRectification(hazardId, "replace gasket", OWNER, LocalDate.now().plusDays(30),
                "12000.00", "cordon and gas detector", "evacuate on alarm", OWNER));
        ledger.execute(new SubmitRectification(hazardId, "gasket replaced", List.of(evidence("after-" + hazardId)), OWNER));
        ledger.execute(new VerifyRectification(hazardId, true, "checked on site", VERIFIER));
        ledger.execute(new CloseOutHazard(hazardId, "closed", VERIFIER));
    }
}
