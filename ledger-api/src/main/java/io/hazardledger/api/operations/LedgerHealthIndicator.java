package io.hazardledger.api.operations;

import io.hazardledger.ChainHead;
import io.hazardledger.IntegrityRefusalException;
import io.hazardledger.Ledger;
import io.hazardledger.log.Checkpoints;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.time.Clock;
import java.time.Duration;

/**
 * The {@code ledger} health component (part of readiness): UP with the chain head (size and hash) and the latest
 * checkpoint (size, age) when the head reads and names its last entry; DOWN, with the index, when it does not; DOWN
 * when the database cannot be read. The whole chain is {@code verify}'s work, not a probe's.
 */
public class LedgerHealthIndicator extends AbstractHealthIndicator {

    private final Ledger ledger;
    private final Clock clock;

    public LedgerHealthIndicator(Ledger ledger, Clock clock) {
        super("the ledger's chain head could not be read");
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ChainHead head;
        try {
            head = ledger.head();
        } catch (IntegrityRefusalException e) {
            builder.down().withDetail("breaksAtIndex", e.index()).withDetail("problem", e.getMessage());
            return;
        }
        builder.up().withDetail("size", head.size()).withDetail("headHash", head.headHash());
        ledger.checkpoints().flatMap(Checkpoints::latestMade).ifPresent(made -> builder
                .withDetail("checkpointSize", made.treeSize())
                .withDetail("checkpointAgeSeconds", Duration.between(made.signedAt(), clock.instant()).toSeconds()));
    }
}
