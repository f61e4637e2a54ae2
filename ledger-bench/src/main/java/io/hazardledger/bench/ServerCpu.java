package io.hazardledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of a database server running on this machine under a user of its own (PostgreSQL's {@code postgres}),
 * from Linux's {@code /proc/<pid>/stat}: every process of that user, its utime and stime and its reaped children's
 * (cutime, cstime), so that a backend that ended meanwhile is still counted through the server process that reaped
 * it. Linux only, and only for a server on this machine; elsewhere {@link #ticks} is -1.
 */
final class ServerCpu {

    private ServerCpu() {
    }

    /** Clock ticks a second of {@code /proc}'s times: USER_HZ, 100 on every Linux this runs on. */
    static final double TICKS_PER_SECOND = 100;

    /**
     * The server's CPU time a store's rounds are measured against: for a {@code jdbc:postgresql:} URL on this machine
     * ({@code localhost}, {@code 127.0.0.1}, or no host named), the processes of {@code -Dbench.serverUser} (default
     * {@code postgres}); otherwise null (an embedded H2 store runs in the JVM, whose CPU is counted already).
     */
    static String userFor(String store) {
        if (!store.startsWith("jdbc:postgresql:")) {
            return null;
        }
        String rest = store.substring("jdbc:postgresql:".length());
        // jdbc:postgresql:db and jdbc:postgresql:///db name the server on this machine, as localhost does
        boolean local = !rest.startsWith("//") || rest.startsWith("///") || rest.startsWith("//localhost")
                || rest.startsWith("//127.0.0.1");
        return local ? System.getProperty("bench.serverUser", "postgres") : null;
    }

    /** The summed CPU ticks of every process of {@code user} now, or -1 where they cannot be read. */
    static long ticks(String user) {
        if (user == null || !Files.isDirectory(Path.of("/proc"))) {
            return -1;
        }
        long[] sum = {0};
        boolean[] seen = {false};
        ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map(user::equals).orElse(false))
                .forEach(p -> {
                    long t = ticksOf(p.pid());
                    if (t >= 0) {
                        sum[0] += t;
                        seen[0] = true;
                    }
                });
        return seen[0] ? sum[0] : -1;
    }

    /** utime + stime + cutime + cstime of one process, or -1 if it ended before it was read. */
    private static long ticksOf(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException ended) {
            return -1;
        }
        // after the name: state is field 3 of stat(5), so utime, stime, cutime, cstime (14-17) are at 11-14 here
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                + Long.parseLong(fields[14]);
    }
}
