package io.hazardledger;

import io.hazardledger.hazard.HazardStatus;
import io.hazardledger.integrity.VerifiedLedger;
import io.hazardledger.register.HazardSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {

    @TempDir
    Path dir;

    @Test
    void closedLoop_isChainedAndVerifies() throws Exception {
        DataSource ds = TestLedgers.store(dir);
        try (Ledger ledger = Ledger.builder().dataSource(ds).build()) {
            TestLedgers.park(ledger);
            TestLedgers.closedLoop(ledger, "hz-1");
            HazardSummary h = ledger.register().get("hz-1").orElseThrow();
            assertThat(h.status()).isEqualTo(HazardStatus.CLOSED);
            VerifiedLedger v = ledger.verify();
            assertThat(v.size()).isEqualTo(9);
            assertThat(ledger.register().history("hz-1")).hasSize(5);
        }
    }
}
