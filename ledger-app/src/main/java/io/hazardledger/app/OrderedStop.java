package io.hazardledger.app;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
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
 * <ul>
 *   <li>Installed when the application has started, before the runners (the demo park loads in one, while the server
 *       already answers); a signal before that stops the JVM as it would without this.</li>
 *   <li>The exit status is the JVM's for that signal, 128 + its number, after a clean stop; 1 when closing the
 *       application failed (logged at ERROR).</li>
 *   <li>A second signal while the application closes halts the JVM at once, as SIGKILL would: no acknowledged write is
 *       lost (each is on disk before it is answered), and nothing waits any longer.</li>
 *   <li>A signal the JVM keeps for itself (under {@code -Xrs}) keeps its default. A signal that was ignored when the
 *       process started (SIGHUP under {@code nohup}) stays ignored: the JVM then installs no handler for it.</li>
 * </ul>
 */
final class OrderedStop implements ApplicationListener<ApplicationStartedEvent> {

    private final AtomicBoolean stopping = new AtomicBoolean();

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        for (String name : List.of("TERM", "INT", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop(context, signal));
            } catch (IllegalArgumentException keptByTheJvm) {
                // -Xrs: the JVM's default stays
            }
        }
    }

    private void stop(ConfigurableApplicationContext context, sun.misc.Signal signal) {
        int status = 128 + signal.getNumber();
        if (!stopping.compareAndSet(false, true)) {
            log().warn("SIG{} while stopping: halting now, without waiting for the server to close", signal.getName());
            Runtime.getRuntime().halt(status);
            return;
        }
        // not on the signal's own thread: closing may take as long as the writes in flight
        Thread stop = new Thread(() -> {
            int exit = status;
            try {
                context.close();
            } catch (Throwable failed) {
                log().error("closing the server after SIG{} failed; exiting without it", signal.getName(), failed);
                exit = 1;
            }
            System.exit(exit);
        }, "ledger-stop");
        // not a daemon like the signal's thread, which it would inherit: once the web server has stopped, the JVM would
        // otherwise begin its exit (status 0, every hook at once) while the ledger and the database are still closing
        stop.setDaemon(false);
        stop.start();
    }

    private static org.slf4j.Logger log() {
        return org.slf4j.LoggerFactory.getLogger(OrderedStop.class);
    }
}
