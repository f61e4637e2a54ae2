package io.hazardledger.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.hazardledger.app.Http.j;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon Server is optional: a server in its default configuration never opens a connection to it (a listener stands
 * where it would be, on the configured address and on Axon Server's default port 8124 when that is free), while the
 * axon-server profile does connect there (it speaks gRPC over HTTP/2 to it). The only difference between the two
 * servers is the profile. What it shows does not depend on the store, so the PostgreSQL pass of {@code .ci/run} leaves it
 * out.
 */
@org.junit.jupiter.api.Tag("store-independent")
class AxonServerOptionTest {

    @TempDir
    Path dir;

    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<ServerSocket> listeners = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        servers.forEach(ServerProcess::close);
        for (ServerSocket s : listeners) {
            s.close();
        }
    }

    @Test
    void theDefaultNeverContactsAxonServer_theProfileDoes() throws Exception {
        ServerSocket configured = listen(0);
        ServerSocket defaultPort = listen(8124);
        String address = "--ledger.axon-server.servers=127.0.0.1:" + configured.getLocalPort();

        ServerProcess plain = server("default", List.of(address));
        Http http = plain.http();
        Park.ok(http.post("/api/v1/enterprises", j("{'enterpriseId':'ax','name':'Ax Co','sector':'s','highRisk':false}")));
        Park.ok(http.get("/api/v1/enterprises/ax"));
        // A connection the server tried while starting or writing would be waiting in the listener's backlog by now.
        assertThat(pending(configured)).as("a connection to the configured Axon Server address").isNull();
        if (defaultPort != null) {
            assertThat(pending(defaultPort)).as("a connection to Axon Server's default port").isNull();
        }
        // nothing of Axon Server's connector ran (it logs each attempt, as the profile's server below does)
        assertThat(String.join("\n", plain.log())).doesNotContainIgnoringCase("axonserver");
        plain.close();

        ServerProcess profile = server("profile", List.of(address, "--spring.profiles.active=axon-server"));
        configured.setSoTimeout(60_000);
        try (Socket s = configured.accept(); InputStream in = s.getInputStream()) {
            byte[] preface = in.readNBytes(24);
            assertThat(new String(preface, StandardCharsets.US_ASCII)).as("an HTTP/2 (gRPC) client preface")
                    .isEqualTo("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        }
        assertThat(String.join("\n", profile.log())).containsIgnoringCase("axonserver");
    }

    private ServerProcess server(String name, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(extra);
        args.add("--ledger.require-signatures=false");
        if (TestStore.postgres()) {
            args.addAll(ServerProcess.storeArgs(TestStore.fresh(dir)));
        } else {
            args.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve(name + "/ledger") + ";LOCK_TIMEOUT=10000");
        }
        args.add("--ledger.log.key-file=" + dir.resolve(name + "-log-key.pem"));
        ServerProcess server = new ServerProcess(dir, name, args);
        servers.add(server);
        return server.start();
    }

    /** A listener on loopback; null when the port is taken (then that port cannot be watched). */
    private ServerSocket listen(int port) {
        try {
            ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            listeners.add(s);
            return s;
        } catch (IOException taken) {
            return null;
        }
    }

    /** A connection already waiting in the listener's backlog, or null. */
    private static Socket pending(ServerSocket listener) throws IOException {
        listener.setSoTimeout(200);
        try {
            return listener.accept();
        } catch (SocketTimeoutException none) {
            return null;
        }
    }
}
