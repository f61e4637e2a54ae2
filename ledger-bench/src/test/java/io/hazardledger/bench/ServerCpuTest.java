package io.hazardledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerCpuTest {

    @Test
    void onlyAPostgreSqlServerOnThisMachineIsCounted() {
        assertThat(ServerCpu.userFor("jdbc:postgresql://localhost/bench")).isEqualTo("postgres");
        assertThat(ServerCpu.userFor("jdbc:postgresql://localhost:5433/bench?ssl=false")).isEqualTo("postgres");
        assertThat(ServerCpu.userFor("jdbc:postgresql://127.0.0.1/bench")).isEqualTo("postgres");
        assertThat(ServerCpu.userFor("jdbc:postgresql:bench")).isEqualTo("postgres");
        assertThat(ServerCpu.userFor("jdbc:postgresql:///bench")).isEqualTo("postgres");
        assertThat(ServerCpu.userFor("jdbc:postgresql://db.example/bench")).isNull();
        assertThat(ServerCpu.userFor("/tmp/store/ledger-1")).isNull();
    }

    @Test
    void theProcessesOfAUserAreSummedAndAnUnknownUserHasNone() {
        assertThat(ServerCpu.ticks("no-such-user-of-this-machine")).isEqualTo(-1);
        assertThat(ServerCpu.ticks(null)).isEqualTo(-1);
        if (Files.isDirectory(Path.of("/proc/self/task"))) {
            // this JVM is one of its user's processes, and has used CPU time by now (its JIT, loading these classes)
            assertThat(ServerCpu.ticks(ProcessHandle.current().info().user().orElseThrow())).isPositive();
        }
    }
}
