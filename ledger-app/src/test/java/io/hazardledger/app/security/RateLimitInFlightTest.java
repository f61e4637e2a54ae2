package io.hazardledger.app.security;

import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A presented token takes a unit of the refused-token limit only while it is being tried: once accepted, the unit is
 * back before the request runs on, so that many requests in flight at once with a valid token (a proxy's, a client's
 * pool) are not taken for guesses and answered 429 "too many refused tokens". Requests are nested here, each one's
 * handler sending the next, so that all are in flight at once without threads or waiting.
 */
class RateLimitInFlightTest {

    private final RateLimit limit = new RateLimit(120, 2, 30);
    private final List<Integer> statuses = new ArrayList<>();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** Sends request {@code n} of {@code total}; its handler, once its token is accepted, sends the next. */
    private void send(int n, int total, boolean accepted) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/hazards");
        request.addHeader("Authorization", "Bearer token-" + n);
        request.setRemoteAddr("192.0.2.7");
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain handler = (req, res) -> {
            if (n + 1 < total) {
                try {
                    send(n + 1, total, accepted);   // still in flight while the next one is tried
                } catch (Exception e) {
                    throw new jakarta.servlet.ServletException(e);
                }
            }
        };
        FilterChain afterBearer = (req, res) -> {
            if (accepted) {
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated("p-" + n, null, List.of()));
                new RateLimit.Accepted().doFilter(req, res, handler);
            } else {
                ((MockHttpServletResponse) res).setStatus(401);
                handler.doFilter(req, res);
            }
        };
        limit.doFilter(request, response, afterBearer);
        statuses.add(response.getStatus());
    }

    private void send(int total, boolean accepted) throws Exception {
        send(0, total, accepted);
    }

    @Test
    void manyRequestsInFlightWithAValidToken_areNotCountedAsGuesses() throws Exception {
        send(10, true);
        assertThat(statuses).hasSize(10).containsOnly(200);
    }

    @Test
    void refusedTokens_stillUseTheLimit_andTheThirdIsRefusedWithoutBeingTried() throws Exception {
        send(3, false);
        assertThat(statuses).containsExactlyInAnyOrder(429, 401, 401);
    }
}
