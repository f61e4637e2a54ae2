package io.hazardledger.store.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The housekeeping's rule for a file that nothing else writes to: compaction goes on while it raises the chunks'
 * fill, stops after {@code limit} runs in a row that did not, and starts again as soon as something else commits.
 */
class IdleCompactionTest {

    @Test
    void anIdleFileIsLeftAloneOnceCompactionStopsRaisingItsFill() {
        H2Housekeeping.IdleCompaction idle = new H2Housekeeping.IdleCompaction(3);
        long version = 100;
        assertThat(idle.shouldCompact(version, 80)).as("the first run").isTrue();
        idle.compacted(++version);   // the run's own commit
        // nothing else commits, and the fill stays at 80: two more runs compact, then none
        assertThat(idle.shouldCompact(version, 80)).isTrue();
        idle.compacted(++version);
        assertThat(idle.shouldCompact(version, 80)).isTrue();
        idle.compacted(++version);
        assertThat(idle.shouldCompact(version, 80)).as("the third fruitless run in a row").isFalse();
        for (int run = 0; run < 100; run++) {
            assertThat(idle.shouldCompact(version, 80)).as("while nothing else commits").isFalse();
        }
        // something else commits: the file changed, compaction resumes
        assertThat(idle.shouldCompact(version + 5, 80)).isTrue();
    }

    @Test
    void compactionThatRaisesTheFillGoesOn() {
        H2Housekeeping.IdleCompaction idle = new H2Housekeeping.IdleCompaction(2);
        long version = 7;
        for (int fill = 60; fill < 90; fill++) {   // each run gains a point, nothing else commits
            assertThat(idle.shouldCompact(version, fill)).as("fill %d", fill).isTrue();
            idle.compacted(++version);
        }
        // a gain after a fruitless run starts the count again
        assertThat(idle.shouldCompact(version, 89)).isTrue();
        idle.compacted(++version);
        assertThat(idle.shouldCompact(version, 90)).isTrue();
        idle.compacted(++version);
        assertThat(idle.shouldCompact(version, 90)).isTrue();
        idle.compacted(++version);
        assertThat(idle.shouldCompact(version, 90)).isFalse();
    }

    @Test
    void aFileBeingWrittenToIsCompactedEveryRun() {
        H2Housekeeping.IdleCompaction idle = new H2Housekeeping.IdleCompaction(1);
        long version = 0;
        for (int run = 0; run < 50; run++) {
            version += 3;   // writers committed since the last run
            assertThat(idle.shouldCompact(version, 70)).as("run %d", run).isTrue();
            idle.compacted(++version);
        }
    }
}
