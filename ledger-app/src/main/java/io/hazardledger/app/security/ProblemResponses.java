package io.hazardledger.app.security;

import io.hazardledger.api.support.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * 401 and 403 as problem+json. A 401 keeps the {@code WWW-Authenticate: Bearer} challenge of RFC 6750 and says only
 * that a valid token is needed (never whether a token or a person exists); a 403 names the roles the endpoint is for.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (ruleOf(request).isEmpty() && methodNotAllowed(request, response)) {   // whoever asks: the API's
            return;                                                                 // description lists every path
        }
        bearer.commence(request, response, e);
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        write(request, response, 401, "unauthorized", "Unauthorized", bearer
                ? "the bearer token is not valid: unknown, expired, revoked, malformed, or for no person of this ledger"
                : authorization != null ? "this endpoint needs an account, named by a bearer token: send "
                + "Authorization: Bearer <token>; the Authorization header given is not one (a password is not taken)"
                : "this endpoint needs an account: send Authorization: Bearer <token>");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (AccessPolicy.METRICS.equals(request.getRequestURI())) {
            write(request, response, 403, "role-not-allowed", "Forbidden", "the metrics are for ADMIN");
            return;
        }
        Optional<AccessPolicy.Rule> rule = ruleOf(request);
        if (rule.isEmpty()) {
            if (methodNotAllowed(request, response)) {
                return;
            }
            write(request, response, 404, "not-found", "Not found", "no endpoint " + request.getMethod() + " "
                    + request.getRequestURI());
            return;
        }
        write(request, response, 403, "role-not-allowed", "Forbidden", "your roles may not call "
                + rule.get().method() + " " + rule.get().path() + "; it is for " + rule.get().roles().stream()
                .map(Enum::name).sorted().collect(Collectors.joining(", ")));
    }

    /**
     * For a request no rule takes: 405 with Allow (RFC 9110) when the path is an endpoint's (the method none of its);
     * false otherwise.
     */
    private static boolean methodNotAllowed(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        java.util.SortedSet<String> allowed = methodsOf(request);
        if (allowed.isEmpty()) {
            return false;
        }
        response.setHeader("Allow", String.join(", ", allowed));
        write(request, response, 405, "method-not-allowed", "Method Not Allowed", request.getMethod()
                + " is not allowed on " + request.getRequestURI() + "; it allows " + String.join(", ", allowed));
        return true;
    }

    /** The rule a request falls under; a HEAD under its GET's, as the access it has (LedgerSecurity). */
    private static Optional<AccessPolicy.Rule> ruleOf(HttpServletRequest request) {
        boolean head = HttpMethod.HEAD.matches(request.getMethod());
        return AccessPolicy.inMatchOrder().stream().filter(r -> PathPatternRequestMatcher.withDefaults()
                .matcher(head && r.method() == HttpMethod.GET ? HttpMethod.HEAD : r.method(), r.path())
                .matches(request)).findFirst();
    }

    /** The methods of the endpoints whose path the request's is (a GET's with its HEAD); empty if none. */
    private static java.util.SortedSet<String> methodsOf(HttpServletRequest request) {
        java.util.SortedSet<String> methods = new java.util.TreeSet<>();
        for (AccessPolicy.Rule r : AccessPolicy.inMatchOrder()) {
            if (PathPatternRequestMatcher.withDefaults().matcher(r.path()).matches(request)) {
                methods.add(r.method().name());
                if (r.method() == HttpMethod.GET) {
                    methods.add(HttpMethod.HEAD.name());
                }
            }
        }
        return methods;
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String title,
                      String detail) throws IOException {
        Problems.write(response, status, code, title, detail, null, request.getRequestURI());
    }
}
