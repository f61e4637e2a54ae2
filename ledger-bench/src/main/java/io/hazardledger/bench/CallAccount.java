package io.hazardledger.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * Where the wall time of each timed call went, as the thread that timed it lived it (Linux only): on its own CPU
 * ({@code ThreadMXBean.getCurrentThreadCpuTime()}, exact), runnable but waiting for a core (the kernel's
 * {@code run_delay}, the second field of {@code /proc/thread-self/schedstat}, added each time the thread is put
 * back on a core), and the rest, neither running nor runnable: blocked (stopped at a JVM safepoint, on a lock, or on
 * the disk). In a virtual machine that reports no steal time, a moment when the host takes the virtual CPU away
 * counts as the thread's CPU. For each call it also counts the bytes the thread allocated, and notes whether a JVM
 * safepoint or a collection ended during it (its count changed; it may have begun before the call). The safepoint
 * counter is HotSpot's internal one, read only with {@code --add-exports java.management/sun.management=ALL-UNNAMED};
 * without it the line says "unknown".
 * <p>
 * Made for the tail of the proofs' latency: a call over 1 ms is attributed to the part that took most of it. The
 * counters are read before and after each call, outside its timing; they cost the thread a few microseconds a call,
 * so a run that asks for them ({@code -Dbench.attribute=true}) is not the same run as one that does not.
 * Not thread-safe: one instance per timing thread, opened on that thread.
 */
final class CallAccount implements AutoCloseable {

    /** A call over this many nanoseconds is a slow one. */
    static final long SLOW_NANOS = 1_000_000;

    private final FileChannel schedstat;
    private final ByteBuffer buffer = ByteBuffer.allocate(128);
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final Object runtime;
    private final Method safepointCount;
    private final Thread owner = Thread.currentThread();

    private long wall0;
    private long cpu0;
    private long wait0;
    private long allocated0;
    private long collections0;
    private long safepoints0;
    private Summary sum = Summary.EMPTY;

    private CallAccount(FileChannel schedstat, Object runtime, Method safepointCount) {
        this.schedstat = schedstat;
        this.runtime = runtime;
        this.safepointCount = safepointCount;
    }

    /**
     * An account for the calling thread if {@code -Dbench.attribute=true}, else {@code null}.
     *
     * @throws IllegalStateException if asked for where the thread's schedule cannot be read
     */
    static CallAccount openIfAsked() {
        return Boolean.getBoolean("bench.attribute") ? open() : null;
    }

    /**
     * An account for the calling thread.
     *
     * @throws IllegalStateException where {@code /proc/thread-self/schedstat} or the thread's CPU time cannot be read
     */
    static CallAccount open() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isCurrentThreadCpuTimeSupported() || !threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not give a thread's CPU time and allocated bytes");
        }
        threads.setThreadCpuTimeEnabled(true);
        threads.setThreadAllocatedMemoryEnabled(true);
        FileChannel channel;
        try {
            // /proc/thread-self is resolved when opened: the file stays this thread's
            channel = FileChannel.open(Path.of("/proc/thread-self/schedstat"), StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot read this thread's schedule from /proc/thread-self/schedstat"
                    + " (Linux only): " + e.getMessage(), e);
        }
        Object runtime = null;
        Method count = null;
        try {
            runtime = Class.forName("sun.management.ManagementFactoryHelper").getMethod("getHotspotRuntimeMBean")
                    .invoke(null);
            count = Class.forName("sun.management.HotspotRuntimeMBean").getMethod("getSafepointCount");
            count.invoke(runtime);
        } catch (ReflectiveOperationException | RuntimeException e) {
            runtime = null;   // not exported to this code: safepoints are then "unknown"
            count = null;
        }
        CallAccount account = new CallAccount(channel, runtime, count);
        try {
            account.start();   // the file is readable, and parses
            if (account.schedstatField(0) == 0) {
                throw new IllegalStateException("/proc/thread-self/schedstat says this thread never ran: the kernel"
                        + " does not account for its schedule, so its waits for a core would count as blocked");
            }
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return account;
    }

    /** Marks the counters before a call. */
    void start() {
        checkOwner();
        collections0 = collections();
        safepoints0 = safepoints();
        allocated0 = threads.getCurrentThreadAllocatedBytes();
        wall0 = System.nanoTime();
        wait0 = runDelay();
        cpu0 = threads.getCurrentThreadCpuTime();
    }

    /**
     * Accounts for the call just timed at {@code timedNanos}, since {@link #start()}. The call is slow if its timed
     * wall is; its parts are split from the account's own wall, which also holds the reading of the counters around
     * it, so that the thread's CPU, its wait for a core and the rest add up to one window (a wait for a core that
     * fell while the counters were read is counted, as is the time it took).
     */
    void end(long timedNanos) {
        checkOwner();
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long wait = runDelay() - wait0;
        long wall = System.nanoTime() - wall0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
        boolean safepoint = runtime != null && safepoints() != safepoints0;
        boolean collection = collections() != collections0;
        sum = sum.plus(timedNanos > SLOW_NANOS, wall, cpu, wait, allocated, safepoint, collection);
    }

    /** What the calls since the last take were, and starts over. */
    Summary take() {
        checkOwner();
        Summary s = sum.withSafepointsKnown(runtime != null);
        sum = Summary.EMPTY;
        return s;
    }

    @Override
    public void close() throws IOException {
        schedstat.close();
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a CallAccount is read by the thread that opened it only");
        }
    }

    private long collections() {
        long count = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private long safepoints() {
        if (runtime == null) {
            return 0;
        }
        try {
            return (Long) safepointCount.invoke(runtime);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HotSpot's safepoint counter could not be read: " + e, e);
        }
    }

    /** The second field of this thread's schedstat: nanoseconds spent runnable, waiting for a core. */
    private long runDelay() {
        return schedstatField(1);
    }

    /**
     * Field {@code k} (from 0) of this thread's schedstat ("on-CPU ns, run-queue wait ns, timeslices"), parsed from
     * the bytes read, allocating nothing: the account's own reads must not count as the call's allocation.
     */
    private long schedstatField(int k) {
        try {
            buffer.clear();
            long position = 0;
            int read;
            while ((read = schedstat.read(buffer, position)) > 0) {
                position += read;
            }
            int field = 0;
            long value = 0;
            boolean digits = false;
            for (int i = 0; i < buffer.position(); i++) {
                byte b = buffer.get(i);
                if (b >= '0' && b <= '9') {
                    value = value * 10 + (b - '0');
                    digits = true;
                } else if (digits) {
                    if (field == k) {
                        return value;
                    }
                    field++;
                    value = 0;
                    digits = false;
                }
            }
            if (digits && field == k) {
                return value;
            }
            throw new IllegalStateException("/proc/thread-self/schedstat has no field " + k + ": '"
                    + new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim() + "'");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/thread-self/schedstat: " + e.getMessage(), e);
        }
    }

    /**
     * The calls of one round: all of them, and those whose timed wall was over 1 ms, each of their walls (as
     * accounted, counters' reads included) split into the thread's CPU, its wait for a core, and the rest
     * (blocked); the bytes the thread allocated in them; how many slow calls had a safepoint or a collection in
     * them, and how many were mostly on the CPU, mostly waiting for a core, mostly blocked. Times in nanoseconds.
     */
    record Summary(int calls, long wall, long cpu, long waitForCore, long allocated, int slow, long slowWall,
                   long slowCpu, long slowWaitForCore, int slowWithSafepoint, int slowWithCollection,
                   int slowMostlyCpu, int slowMostlyWaiting, int slowMostlyBlocked, boolean safepointsKnown) {

        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);

        /** The wall time neither on the thread's CPU nor waiting for a core. */
        long blocked() {
            return wall - cpu - waitForCore;
        }

        long slowBlocked() {
            return slowWall - slowCpu - slowWaitForCore;
        }

        Summary plus(boolean isSlow, long w, long c, long q, long bytes, boolean safepoint, boolean collection) {
            if (!isSlow) {
                return new Summary(calls + 1, wall + w, cpu + c, waitForCore + q, allocated + bytes, slow, slowWall,
                        slowCpu, slowWaitForCore, slowWithSafepoint, slowWithCollection, slowMostlyCpu,
                        slowMostlyWaiting, slowMostlyBlocked, safepointsKnown);
            }
            long b = w - c - q;
            boolean mostlyCpu = c >= q && c >= b;
            boolean mostlyWaiting = !mostlyCpu && q >= b;
            return new Summary(calls + 1, wall + w, cpu + c, waitForCore + q, allocated + bytes, slow + 1,
                    slowWall + w, slowCpu + c, slowWaitForCore + q, slowWithSafepoint + (safepoint ? 1 : 0),
                    slowWithCollection + (collection ? 1 : 0), slowMostlyCpu + (mostlyCpu ? 1 : 0),
                    slowMostlyWaiting + (mostlyWaiting ? 1 : 0),
                    slowMostlyBlocked + (!mostlyCpu && !mostlyWaiting ? 1 : 0), safepointsKnown);
        }

        Summary withSafepointsKnown(boolean known) {
            return new Summary(calls, wall, cpu, waitForCore, allocated, slow, slowWall, slowCpu, slowWaitForCore,
                    slowWithSafepoint, slowWithCollection, slowMostlyCpu, slowMostlyWaiting, slowMostlyBlocked,
                    known);
        }

        String line() {
            return String.format(Locale.ROOT, "  where the time went, %d calls (%.1f ms): %.1f ms on the thread's"
                            + " CPU, %.1f ms waiting for a core, %.1f ms blocked, %.1f KB allocated a call; the %d"
                            + " over 1 ms (%.1f ms): %.1f on CPU, %.1f waiting for a core, %.1f blocked; mostly on"
                            + " CPU %d, mostly waiting for a core %d, mostly blocked %d; with a safepoint in them %s,"
                            + " with a collection %d",
                    calls, wall / 1e6, cpu / 1e6, waitForCore / 1e6, blocked() / 1e6,
                    calls == 0 ? 0.0 : allocated / 1024.0 / calls, slow, slowWall / 1e6, slowCpu / 1e6,
                    slowWaitForCore / 1e6, slowBlocked() / 1e6, slowMostlyCpu, slowMostlyWaiting, slowMostlyBlocked,
                    safepointsKnown ? Integer.toString(slowWithSafepoint) : "unknown", slowWithCollection);
        }
    }
}
