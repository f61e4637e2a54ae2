package io.hazardledger.api.support;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's own filter (an application serving ledger-api without ledger-app's server has it too): a JSON body that
 * declares a charset other than UTF-8 is 415, one too large 413, one not UTF-8 400, each before the handler reads it.
 */
class BodySizeLimitFilterTest {

    private static MockHttpServletResponse send(String contentType, byte[] body, MockFilterChain chain)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/people");
        request.setContentType(contentType);
        request.setContent(body);
        MockHttpServletResponse response = new MockHttpServletResponse();
        new BodySizeLimitFilter(64).doFilter(request, response, chain);
        return response;
    }

    @Test
    void aJsonBodyInAnotherCharset_is415_andNotRead() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse r = send("application/json;charset=ISO-8859-1",
                "{\"name\":\"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1), chain);
        assertThat(r.getStatus()).isEqualTo(415);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(r.getContentAsString()).contains("\"code\":\"unsupported-media-type\"",
                "\"instance\":\"/api/v1/people\"", "(Content-Type 'application/json;charset=ISO-8859-1')");
        assertThat(chain.getRequest()).as("the handler never saw it").isNull();
    }

    @Test
    void utf8AndAscii_passOn_andTheOtherRefusalsStand() throws Exception {
        for (String type : new String[] {"application/json", "application/json;charset=UTF-8",
                "application/json;charset=US-ASCII", "application/merge-patch+json;charset=utf-8"}) {
            MockFilterChain chain = new MockFilterChain();
            assertThat(send(type, "{}".getBytes(StandardCharsets.UTF_8), chain).getStatus()).as(type).isEqualTo(200);
            assertThat(chain.getRequest()).as(type).isNotNull();
        }
        assertThat(send("application/json", "{\"x\":\"".concat("y".repeat(80)).concat("\"}")
                .getBytes(StandardCharsets.UTF_8), new MockFilterChain()).getStatus()).isEqualTo(413);
        assertThat(send("application/json", new byte[] {'{', (byte) 0xC1, (byte) 0x81, '}'}, new MockFilterChain())
                .getStatus()).isEqualTo(400);
    }
}
