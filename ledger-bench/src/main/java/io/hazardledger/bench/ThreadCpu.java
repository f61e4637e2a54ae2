package io.hazardledger.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of this process's threads over a stretch of work, grouped by what they do, from Linux's
 * {@code /proc/self/task/<tid>/stat} (every thread the kernel knows: the JVM's own, its collector's and compilers'
 * too, which {@code ThreadMXBean} does not see), each counted under the name it had last (a new thread shows
 * its creator's name until it has set its own). A thread that ends during the stretch (a replay starts some of its
 * own) is read every {@value #EVERY_MS} ms while it lives, so at most that much of its time is missed; whatever the
 * threads read do not add up to, of the process's CPU time, is reported as "ended" (threads that ended between two
 * readings, and those tails). Linux only: elsewhere {@link #start} returns null.
 */
final class ThreadCpu {

    static final long EVERY_MS = 100;

    /** Thread name (as the kernel has it: the first 15 characters) to the group it is counted in. */
    static String group(String comm) {
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return "collector";
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            return "JIT";
        }
        if (comm.equals("java") || comm.equals("main")) {
            return "main"; // the launcher's thread that runs main() keeps the process's name in the kernel
        }
        if (comm.startsWith("ledger-")) {
            return comm.replaceAll("[-#]?\\d+$", "");
        }
        return "other";
    }

    /** What is known of one thread: its group by its latest name, its ticks at the start (0 if it began later), now. */
    private static final class Seen {
        String group;
        final long startTicks;
        long ticks;

        Seen(String group, long startTicks, long ticks) {
            this.group = group;
            this.startTicks = startTicks;
            this.ticks = ticks;
        }
    }

    private final long processStart;
    /** The latest reading of each thread, by its id. */
    private final Map<Integer, Seen> threads = new HashMap<>();
    private final Thread reader;
    private volatile boolean stop;

    private ThreadCpu(Map<Integer, long[]> start, Map<Integer, String> names) {
        this.processStart = JvmCost.processCpuNanos();
        start.forEach((tid, ticks) -> threads.put(tid, new Seen(group(names.get(tid)), ticks[0], ticks[0])));
        reader = new Thread(() -> {
            while (!stop) {
                read();
                try {
                    Thread.sleep(EVERY_MS); // a reading interval, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-cpu-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts accounting now, or null where {@code /proc/self/task} cannot be read. */
    static ThreadCpu start() {
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, long[]> ticks = snapshot(names);
        return ticks == null ? null : new ThreadCpu(ticks, names);
    }

    private synchronized void read() {
        Map<Integer, String> names = new HashMap<>();
        Map<Integer, long[]> now = snapshot(names);
        if (now == null) {
            return;
        }
        now.forEach((tid, t) -> {
            Seen known = threads.get(tid);
            if (known == null) {
                threads.put(tid, new Seen(group(names.get(tid)), 0, t[0]));
            } else {
                // a new thread shows its creator's name until it has set its own: its latest name counts
                known.group = group(names.get(tid));
                known.ticks = t[0];
            }
        });
    }

    /**
     * Stops accounting and gives each group's CPU time in microseconds per {@code units}, in descending order, with
     * "ended" last.
     */
    Map<String, Double> perUnit(long units) {
        stop = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        read();
        double tick = 1e9 / TICKS_PER_SECOND;
        Map<String, Double> nanos = new TreeMap<>();
        double sum = 0;
        synchronized (this) {
            for (Seen t : threads.values()) {
                double spent = (t.ticks - t.startTicks) * tick;
                nanos.merge(t.group, spent, Double::sum);
                sum += spent;
            }
        }
        double ended = Math.max(0, JvmCost.processCpuNanos() - processStart - sum);
        Map<String, Double> out = new LinkedHashMap<>();
        nanos.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue() / 1e3 / units));
        out.put("ended", ended / 1e3 / units);
        return out;
    }

    /** "main 17.7, ledger-verify 18.2, … µs" */
    static String text(Map<String, Double> perUnit) {
        StringBuilder s = new StringBuilder();
        perUnit.forEach((group, micros) -> {
            if (micros >= 0.05) {
                s.append(s.isEmpty() ? "" : ", ").append(group).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.1f", micros));
            }
        });
        return s.append(" µs").toString();
    }

    /** Clock ticks a second of {@code /proc}'s times: USER_HZ, 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    /** Each thread's utime + stime in ticks (one-element arrays), and its name into {@code names}; null off Linux. */
    private static Map<Integer, long[]> snapshot(Map<Integer, String> names) {
        Map<Integer, long[]> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended between the listing and the reading
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                // after the name: state is field 3 of stat(5), so utime (14) and stime (15) are at 11 and 12 here
                int tid = Integer.parseInt(task.getFileName().toString());
                out.put(tid, new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12])});
                names.put(tid, stat.substring(open + 1, close));
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return out;
    }
}
