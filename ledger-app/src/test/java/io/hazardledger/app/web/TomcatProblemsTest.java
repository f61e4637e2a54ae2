package io.hazardledger.app.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The valve that writes Tomcat's own refusals as problem+json, on a bare Tomcat. When a graceful shutdown pauses the
 * connector while Tomcat reads a request line, Tomcat sets 503, reads no header, then sets 400 for the missing
 * {@code Host}: the valve answers such a refusal 503, so a client retries a valid write instead of dropping it as
 * malformed. That moment is microseconds wide on a real stop; here a servlet makes the state it leaves (a paused
 * connector, no header read, the status set): it pauses the connector and sends the status, on an HTTP/1.0 request
 * without headers. The route differs from Tomcat's own (through a servlet, not a request mapped to none), the valve's
 * decision is the same; the real race reached it in a throwaway run (8 keep-alive clients, 150 pauses: 400 answered
 * 8 times without the valve's check, 503 6 and 12 times with it) and {@code GracefulShutdownTest} may meet it.
 */
class TomcatProblemsTest {

    @TempDir
    Path dir;

    private Tomcat tomcat;
    private Connector connector;

    @BeforeEach
    void start() throws Exception {
        tomcat = new Tomcat();
        tomcat.setBaseDir(dir.toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.setPort(0);
        connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");
        // as the application installs it: the host's error report valve
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass(TomcatProblems.ProblemReportValve.class.getName());
        StandardContext context = (StandardContext) tomcat.addContext("", dir.toString());
        context.setClearReferencesThreadLocals(false); // a stopped context's leak checks would only warn here
        context.setClearReferencesRmiTargets(false);
        Tomcat.addServlet(context, "refuse", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                if (request.getParameter("pause") != null) {
                    connector.pause();
                }
                String status = request.getParameter("status");
                response.sendError(status == null ? 400 : Integer.parseInt(status));
            }
        });
        context.addServletMappingDecoded("/*", "refuse");
        tomcat.start();
    }

    @AfterEach
    void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void aRequestRefusedAsTheConnectorPauses_isAnswered503_notMalformed() throws IOException {
        String answer = send("GET /hazards?pause HTTP/1.0\r\n\r\n");

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 503 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"status\":503").contains("the server is stopping")
                .doesNotContain("malformed");
    }

    @Test
    void tomcatsOwn503_asTheConnectorPauses_saysTheRequestWasNotStored() throws IOException {
        // an HTTP/1.0 request in the same race: Tomcat checks no Host there, so its 503 stands
        String answer = send("GET /hazards?pause&status=503 HTTP/1.0\r\n\r\n");

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 503 ");
        assertThat(answer).contains("\"status\":503").contains("the server is stopping").contains("not stored");
    }

    @Test
    void a400_whileTheServerRuns_staysA400() throws IOException {
        String answer = send("GET /hazards HTTP/1.0\r\n\r\n");

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 400 ");
        assertThat(answer).contains("\"status\":400").contains("malformed");
    }

    @Test
    void aRequestWithItsHeadersRead_refused400AsTheConnectorPauses_staysA400() throws IOException {
        // its headers were read, so Tomcat did not refuse it for a missing Host: the 400 is its own
        String answer = send("GET /hazards?pause HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(statusLine(answer)).isEqualTo("HTTP/1.1 400 ");
        assertThat(answer).contains("\"status\":400");
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), connector.getLocalPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String statusLine(String answer) {
        return answer.substring(0, answer.indexOf("\r\n"));
    }
}
