package io.hazardledger.app.web;

import io.hazardledger.api.support.Problems;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.AbstractProtocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Requests that Tomcat refuses before they reach the application (an encoded '/' or a NUL in the path, a malformed
 * request line or header) get the same RFC 9457 problem+json as every other refusal, instead of Tomcat's HTML page:
 * a valve replaces Tomcat's error report on the host, after Spring Boot installed its own. A request Tomcat refused
 * because a graceful shutdown paused its connector gets 503 there, never Tomcat's mistaken 400.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
public class TomcatProblems {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> ledgerProblemErrorReports() {
        return new LastCustomizer();
    }

    /** Ordered last, so that its context customizer runs after Spring Boot's, which adds Tomcat's own valve. */
    static final class LastCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve v : host.getPipeline().getValves()) {
                    if (v instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(v);
                    }
                }
                if (host instanceof StandardHost standard) {
                    standard.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
                host.getPipeline().addValve(new ProblemReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    /** Writes a problem+json body for an error response Tomcat itself produced; never a stack trace. */
    public static final class ProblemReportValve extends ErrorReportValve {

        public ProblemReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String detail;
            if ((status == 400 || status == 503) && refusedWhileStopping(request)) {
                status = 503;
                response.setStatus(status);
                detail = "the server is stopping and took no more requests; this one was not stored: send it again";
            } else {
                detail = status == 400 ? "the request's address, line or headers are malformed"
                        : "the server refused the request (" + reason(status) + ")";
            }
            String title = reason(status);
            String body = Problems.json(status, Problems.codeFor(status), title, detail, null);
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response was committed meanwhile: nothing more to say
            }
        }

        /**
         * A request Tomcat refused because its connector paused (a graceful shutdown began) while it read the request
         * line. Tomcat 11 sets 503 for it, then, having read no header, finds no {@code Host} and sets 400 (on
         * HTTP/1.1; an HTTP/1.0 request keeps the 503): the valid request would be told it is malformed. The signature
         * is a paused connector and no header read.
         */
        private static boolean refusedWhileStopping(Request request) {
            return request.getConnector() != null
                    && request.getConnector().getProtocolHandler() instanceof AbstractProtocol<?> protocol
                    && protocol.isPaused()
                    && request.getCoyoteRequest().getMimeHeaders().size() == 0;
        }

        private static String reason(int status) {
            HttpStatus known = HttpStatus.resolve(status);
            return known == null ? "Error" : known.getReasonPhrase();
        }
    }
}
