package io.hazardledger.app;

import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops the server in order on SIGTERM, SIGINT and SIGHUP: the application first (requests in flight answered, the
 * ledger closed, the database's connections closed), then the JVM's shutdown hooks.
 *
 * <p>Without it the JVM runs every shutdown hook at once. The embedded store's own hook closed the database while
 * Spring's hook was still letting the writes in flight finish: each of them failed with a 500, and the ledger closed
 * on a closed store ({@code GracefulShutdownTest}). (H2 closes a database at the JVM's exit unless
 * {@code DB_CLOSE_ON_EXIT=FALSE}, which it refuses beside the {@code AUTO_SERVER=TRUE} that the shipped store needs.)
 * H2's hook still runs afterwards, for whatever the application left open.
 *
 * <p>Installed once the application has started; a signal before that stops the JVM as it would without this. A
 * signal the JVM does not let the application handle (under {@code -Xrs}, or one ignored when the process started) is
 * left as it is.
 */
final class OrderedStop {

    private OrderedStop() {
    }

    static void install(ConfigurableApplicationContext context) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        // not on the signal's own thread: closing may take as long as the writes in flight
                        Thread stop = new Thread(() -> {
                            try {
                                context.close();
                            } finally {
                                // the status the JVM gives a process ended by this signal, as before
                                System.exit(128 + signal.getNumber());
                            }
                        }, "ledger-stop");
                        // not a daemon like the signal's thread, which it would inherit: once the web server has
                        // stopped, the JVM would otherwise begin its exit (status 0, every hook at once) while the
                        // ledger and the database are still closing
                        stop.setDaemon(false);
                        stop.start();
                    }
                });
            } catch (IllegalArgumentException notOurs) {
                // the JVM keeps this signal (-Xrs, or ignored at the process's start): its default stays
            }
        }
    }
}
