package io.hazardledger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this JVM spent from a moment on: the CPU time of all its threads (the committing ones, H2's housekeeping, the
 * collector, the compiler) and, on Linux, the bytes it wrote ({@code wchar} of {@code /proc/self/io}): with an
 * embedded H2 store, the database file's chunks, the ledger's H2 housekeeping's rewrites of them included; with
 * PostgreSQL, mostly the bytes sent to the server, not what the server writes. The server's own work is not counted.
 */
record JvmCost(long cpuNanos, long bytesWritten) {

    /** The counters now ({@code bytesWritten} is -1 where {@code /proc/self/io} cannot be read). */
    static JvmCost now() {
        return new JvmCost(processCpuNanos(), processBytesWritten());
    }

    /** Since this moment, per event: "this JVM: … µs of CPU and … KB written per event" (what it can tell). */
    String perEvent(long events) {
        long cpu = processCpuNanos();
        long written = processBytesWritten();
        double n = Math.max(1, events);
        String cpuText = cpu < 0 || cpuNanos < 0 ? "CPU unknown"
                : String.format(java.util.Locale.ROOT, "%.0f µs of CPU", (cpu - cpuNanos) / 1_000.0 / n);
        String writtenText = written < 0 || bytesWritten < 0 ? ""
                : String.format(java.util.Locale.ROOT, " and %.1f KB written", (written - bytesWritten) / 1024.0 / n);
        return "this JVM: " + cpuText + writtenText + " per event";
    }

    /** The CPU time of this whole process, every thread, in nanoseconds (-1 where the JVM does not say). */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static long processBytesWritten() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    return Long.parseLong(line.substring("wchar:".length()).trim());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
