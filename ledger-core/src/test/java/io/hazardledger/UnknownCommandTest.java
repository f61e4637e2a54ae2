package io.hazardledger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An object the ledger has no command handler for is refused as such, naming the member {@code command}, whether the
 * application's class is public or not (a private record was an {@code IllegalStateException}), and nothing is
 * stored.
 */
@Tag("store-independent")
class UnknownCommandTest {

    public record PublicElsewhere(String hazardId) {
    }

    private record PrivateElsewhere(String hazardId) {
    }

    @Test
    void anObjectThatIsNoCommandOfTheLedgers_isRefusedAsInvalidInput_andNothingIsStored() {
        JdbcDataSource memory = new JdbcDataSource();
        memory.setURL("jdbc:h2:mem:unknown-" + UUID.randomUUID());
        try (Ledger ledger = Ledger.builder().dataSource(memory).build()) {
            TestLedgers.park(ledger);
            long size = ledger.log().size();
            for (Object notACommand : new Object[] {new PublicElsewhere("hz-1"), new PrivateElsewhere("hz-1"),
                    "hz-1"}) {
                assertThatThrownBy(() -> ledger.execute(notACommand)).as(notACommand.getClass().getName())
                        .isInstanceOfSatisfying(InvalidInputException.class,
                                e -> assertThat(e.field()).isEqualTo("command"));
            }
            assertThat(ledger.log().size()).isEqualTo(size);
        }
    }
}
