package io.hazardledger.integrity.note;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

/** Any checkpoint's note text reads back as the same checkpoint, and writes back as the same text. */
class CheckpointTextPropertyTest {

    @Property(tries = 300)
    void anyCheckpoint_roundTrips(@ForAll @StringLength(min = 1, max = 40) String origin,
                                  @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long size,
                                  @ForAll @Size(32) byte[] root) {
        if (origin.contains("\n")) {
            return;
        }
        Checkpoint cp = new Checkpoint(origin, size, root);
        Checkpoint back = Checkpoint.parse(cp.text());
        assertThat(back).isEqualTo(cp);
        assertThat(back.text()).isEqualTo(cp.text());
        assertThat(back.root()).isEqualTo(root);
    }
}
