package io.hazardledger.store;

import io.hazardledger.Ledger;
import io.hazardledger.TestLedgers;
import io.hazardledger.directory.AppointPrincipal;
import io.hazardledger.directory.EnterpriseSize;
import io.hazardledger.directory.RegisterEnterprise;
import io.hazardledger.directory.RegisterPerson;
import io.hazardledger.directory.Role;
import io.hazardledger.hazard.HazardLevel;
import io.hazardledger.hazard.HazardSource;
import io.hazardledger.hazard.ReportHazard;
import io.hazardledger.inspection.ChecklistItem;
import io.hazardledger.inspection.CoSignInspection;
import io.hazardledger.inspection.CoSigner;
import io.hazardledger.inspection.CoSignerRole;
import io.hazardledger.inspection.ItemResult;
import io.hazardledger.inspection.RecordItemResult;
import io.hazardledger.inspection.SignOffInspection;
import io.hazardledger.inspection.StartInspection;
import io.hazardledger.integrity.sig.KeyPairs;
import io.hazardledger.integrity.sig.PemSigner;
import io.hazardledger.integrity.sig.SignatureAlgorithm;
import io.hazardledger.integrity.sig.SignedStatement;
import io.hazardledger.whistleblower.FileReport;
import io.hazardledger.whistleblower.FiledReport;
import io.hazardledger.whistleblower.Identity;
import io.hazardledger.whistleblower.SealingKey;
import io.hazardledger.whistleblower.ShredIdentity;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static io.hazardledger.TestLedgers.ENTERPRISE;
import static io.hazardledger.TestLedgers.OWNER;
import static io.hazardledger.TestLedgers.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small park whose entries give a row to every projection's table: two enterprises (one graded), people, the
 * office's key, a leader-led inspection with a failing item that raised a hazard, signed off and co-signed, a
 * whistleblower report whose sealed identity the office shredded (signed), and each enterprise's first grade.
 */
public final class EveryKindOfRow {

    /** The park office, whose key signs the shredding and the grades. */
    public static final String OFFICE = "p-office";

    private final PemSigner officeKey = KeyPairs.generate(SignatureAlgorithm.ED25519).signer();

    /** A builder over {@code ds} with the office's key, a sealing key and a log key (a replay leaves marks). */
    public Ledger.Builder builder(DataSource ds) {
        return Ledger.builder().dataSource(ds).sealingKey(SealingKey.generate()).office(OFFICE, officeKey)
                .checkpoints(KeyPairs.generate(SignatureAlgorithm.ED25519).signer(), "test.example/log",
                        Duration.ofDays(1));
    }

    /** Writes the park into a ledger built by {@link #builder}. */
    public void fill(Ledger ledger) {
        TestLedgers.park(ledger);
        ledger.execute(new RegisterEnterprise("ent-big", "Big Steel", "metal smelting", true, EnterpriseSize.LARGE));
        ledger.execute(new AppointPrincipal(ENTERPRISE, OWNER));
        ledger.execute(new RegisterPerson(OFFICE, "Park office", null, Set.of(Role.PARK_OFFICE)));
        ledger.registerOfficeKey();
        ledger.execute(new StartInspection("insp-1", ENTERPRISE, "Quarterly hot-work checklist", VERIFIER, OWNER,
                List.of(new CoSigner(OWNER, CoSignerRole.ENTERPRISE_REPRESENTATIVE)),
                List.of(new ChecklistItem("1", "GB 30871 5.1", "Hot-work permits signed"),
                        new ChecklistItem("2", "GB 30871 6.2", "Gas detectors calibrated"))));
        ledger.execute(new RecordItemResult("insp-1", "1", ItemResult.PASS, null, null, VERIFIER));
        ledger.execute(new RecordItemResult("insp-1", "2", ItemResult.FAIL, "overdue", null, VERIFIER));
        ledger.execute(new ReportHazard("hz-1", ENTERPRISE, HazardLevel.GENERAL, HazardSource.SUPERVISORY_INSPECTION,
                null, "gas detection", "Tank farm B", "Detector calibration overdue", null,
                Instant.now().minusSeconds(30), VERIFIER, List.of(), "insp-1", "2"));
        ledger.execute(new SignOffInspection("insp-1", "one finding", VERIFIER));
        ledger.execute(new CoSignInspection("insp-1", OWNER, "acknowledged"));
        FiledReport filed = ledger.fileWhistleblowerReport(new FileReport(ENTERPRISE, "Warehouse 2",
                "Fire exits chained shut", new Identity("Zhang San", "+86 138 0000 0000")));
        ShredIdentity shred = new ShredIdentity(filed.reportId(), "case closed", OFFICE);
        ledger.execute(shred, SignedStatement.sign(ledger.statementFor(shred,
                officeKey.verificationKey().keyId(), Instant.now()), officeKey));
        assertThat(ledger.reviewGrades()).as("each enterprise's first grade").isNotEmpty();
    }
}
