package io.hazardledger.app.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import java.io.IOException;
import java.time.Duration;

/**
 * Rate limits on what can be reached without an account (Bucket4j token buckets, one per client address): requests
 * that carry no bearer token (no {@code Authorization: Bearer} header), and requests whose token was refused (401), so that nobody can flood
 * the public endpoints or guess tokens. Over the limit: 429 problem+json with {@code Retry-After}. Authenticated
 * callers are not limited here. The client address is the connection's peer (behind a proxy, set
 * {@code server.forward-headers-strategy}).
 */
final class RateLimit extends OncePerRequestFilter {

    private final long anonymousPerMinute;
    private final long refusedPerMinute;
    private final long filingsPerHour;
    private final Cache<String, Bucket> anonymous = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, Bucket> refused = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();
    private final Cache<String, Bucket> filings = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(2)).build();

    /** The request attribute holding what gives a presented token's unit back once the token is accepted. */
    static final String GIVE_BACK = RateLimit.class.getName() + ".giveBack";

    /** After the bearer token's filter: an accepted token's unit is given back before the request runs on. */
    static final class Accepted extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication();
            if (authentication != null && authentication.isAuthenticated()
                    && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken)
                    && request.getAttribute(GIVE_BACK) instanceof Runnable giveBack) {
                giveBack.run();
            }
            chain.doFilter(request, response);
        }
    }

    /** The one write anyone may make: filing a whistleblower report (each one a permanent ledger entry). */
    static final String FILINGS = "/api/v1/whistleblower-reports";

    RateLimit(long anonymousPerMinute, long refusedPerMinute, long filingsPerHour) {
        this.anonymousPerMinute = anonymousPerMinute;
        this.refusedPerMinute = refusedPerMinute;
        this.filingsPerHour = filingsPerHour;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = request.getRemoteAddr();
        // the path as the handlers are chosen by it, decoded: /api/v1/whistleblower%2Dreports files a report too
        if ("POST".equals(request.getMethod())
                && FILINGS.equals(UrlPathHelper.defaultInstance.getPathWithinApplication(request))) {
            ConsumptionProbe filed = filings.get(client, k -> bucket(filingsPerHour, Duration.ofHours(1)))
                    .tryConsumeAndReturnRemaining(1);
            if (!filed.isConsumed()) {
                tooMany(request, response, filed.getNanosToWaitForRefill(),
                        "too many whistleblower reports from this address");
                return;
            }
        }
        String authorization = request.getHeader("Authorization");
        boolean presentsToken = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (presentsToken) {
            // one unit is taken before the token is tried and given back when it was not refused, so that requests
            // sent at once cannot try more tokens than the limit; given back as soon as the token is accepted
            // (GIVE_BACK, by Accepted after the bearer token's filter), not when the request ends, so that many
            // requests in flight with a valid token are not counted as guesses
            Bucket failures = refused.get(client, k -> bucket(refusedPerMinute));
            ConsumptionProbe probe = failures.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                tooMany(request, response, probe.getNanosToWaitForRefill(),
                        "too many refused tokens from this address");
                return;
            }
            java.util.concurrent.atomic.AtomicBoolean given = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable giveBack = () -> {
                if (given.compareAndSet(false, true)) {
                    failures.addTokens(1);
                }
            };
            request.setAttribute(GIVE_BACK, giveBack);
            try {
                chain.doFilter(request, response);
            } finally {
                if (response.getStatus() != HttpServletResponse.SC_UNAUTHORIZED) {
                    giveBack.run();
                }
            }
            return;
        }
        ConsumptionProbe probe = anonymous.get(client, k -> bucket(anonymousPerMinute)).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            tooMany(request, response, probe.getNanosToWaitForRefill(),
                    "too many requests without an account from this address");
            return;
        }
        chain.doFilter(request, response);
    }

    private static Bucket bucket(long perMinute) {
        return bucket(perMinute, Duration.ofMinutes(1));
    }

    private static Bucket bucket(long capacity, Duration period) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build();
    }

    private static void tooMany(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                                long nanosToWait, String what) throws IOException {
        long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
        response.setHeader("Retry-After", Long.toString(seconds));
        ProblemResponses.write(request, response, 429, "too-many-requests", "Too Many Requests",
                what + "; try again in " + seconds + " s");
    }
}
