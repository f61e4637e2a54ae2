package io.hazardledger.app.security;

import io.hazardledger.Ledger;
import io.hazardledger.api.access.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's security (docs/SECURITY.md). {@code ledger.security.mode}:
 * <ul>
 * <li>{@code local} (the default): bearer tokens made by {@code ledger token create}, stored hashed;</li>
 * <li>{@code oidc}: OpenID Connect bearer JWTs, checked against the configured issuer and audience
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} and {@code .audiences}, both required; the keys from
 * the issuer's discovery document or {@code .jwk-set-uri}); the claim {@code ledger.security.oidc.person-claim}
 * (default {@code sub}) names the person of the directory;</li>
 * <li>{@code off}: nobody is authenticated and every endpoint is open, allowed only when the server listens on a
 * loopback address ({@code server.address=127.0.0.1}) so that it is never exposed by mistake (for tests and local
 * experiments).</li>
 * </ul>
 * In both authenticated modes the caller's roles and enterprise come from the ledger's directory, and
 * {@link AccessPolicy} decides which roles may call what; anything it does not list is refused.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LedgerSecurity {

    @Bean
    SecurityFilterChain ledgerSecurityChain(HttpSecurity http, Environment env, Ledger ledger, ApiTokens tokens,
                                            ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        String mode = mode(env);
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable());
        if ("off".equals(mode)) {
            requireLoopback(env);
            return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
        }
        DirectoryPeople people = new DirectoryPeople(ledger);
        ProblemResponses problems = new ProblemResponses();
        if ("local".equals(mode)) {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problems).accessDeniedHandler(problems)
                    .opaqueToken(t -> t.introspector(token -> tokens.personOf(token)
                                    .map(person -> new OAuth2IntrospectionAuthenticatedPrincipal(person,
                                            Map.of("sub", person), List.of()))
                                    .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked token")))
                            .authenticationConverter((token, principal) -> people.authenticate(principal.getName()))));
        } else {
            JwtDecoder decoder = jwtDecoder.getIfAvailable();
            List<String> audiences = env.getProperty("spring.security.oauth2.resourceserver.jwt.audiences", List.class,
                    List.of());
            String issuer = env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
            // Spring Boot checks a token's issuer only when issuer-uri is set, and ignores a public-key-location
            // beside it: so the issuer is required, and its keys come from its discovery document or jwk-set-uri
            if (decoder == null || audiences.isEmpty() || issuer.isBlank()) {
                throw new IllegalStateException("ledger.security.mode=oidc needs the issuer "
                        + "(spring.security.oauth2.resourceserver.jwt.issuer-uri; its keys are found through its "
                        + "discovery document, or set jwk-set-uri) and the audience "
                        + "(spring.security.oauth2.resourceserver.jwt.audiences)");
            }
            String claim = env.getProperty("ledger.security.oidc.person-claim", "sub");
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(problems).accessDeniedHandler(problems)
                    .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(jwt -> people.authenticate(
                            jwt.getClaimAsString(claim)))));
        }
        http.exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        http.authorizeHttpRequests(a -> {
            for (AccessPolicy.Rule rule : AccessPolicy.inMatchOrder()) {
                // a HEAD is the GET it heads (Spring MVC answers it from the GET's handler): the same access
                for (HttpMethod method : rule.method() == HttpMethod.GET ? List.of(HttpMethod.GET, HttpMethod.HEAD)
                        : List.of(rule.method())) {
                    var matched = a.requestMatchers(method, rule.path());
                    if (rule.isPublic()) {
                        matched.permitAll();
                    } else {
                        matched.hasAnyRole(rule.roles().stream().map(Enum::name).toArray(String[]::new));
                    }
                }
            }
            a.requestMatchers(AccessPolicy.PUBLIC_OTHER.toArray(String[]::new)).permitAll();
            a.requestMatchers(AccessPolicy.METRICS).hasRole("ADMIN");
            a.anyRequest().denyAll();
        });
        http.addFilterBefore(new RateLimit(env.getProperty("ledger.security.rate-limit.anonymous-per-minute",
                Long.class, 120L), env.getProperty("ledger.security.rate-limit.refused-per-minute", Long.class, 20L),
                env.getProperty("ledger.security.rate-limit.whistleblower-reports-per-hour", Long.class, 30L)),
                DisableEncodeUrlFilter.class);
        http.addFilterAfter(new RateLimit.Accepted(),
                org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** The caller from the authentication of the request; nobody is limited when security is off. */
    @Bean
    Caller ledgerCaller(Environment env) {
        if ("off".equals(mode(env))) {
            return Caller.UNRESTRICTED;
        }
        return new Caller() {
            @Override
            public Optional<String> personId() {
                return Optional.of(current().person().personId());
            }

            @Override
            public Optional<String> enterpriseOnly() {
                return current().enterpriseOnly();
            }

            @Override
            public java.util.Set<io.hazardledger.directory.Role> roles() {
                return current().getAuthorities().stream()
                        .map(a -> io.hazardledger.directory.Role.valueOf(a.getAuthority().substring("ROLE_".length())))
                        .collect(java.util.stream.Collectors.toUnmodifiableSet());
            }

            /** Fails closed: a controller that asks about its caller is never reached without one. */
            private PersonAuthentication current() {
                Authentication a = SecurityContextHolder.getContext().getAuthentication();
                if (a instanceof PersonAuthentication p) {
                    return p;
                }
                throw new IllegalStateException("no authenticated person in a request that asks who its caller is");
            }
        };
    }

    static String mode(Environment env) {
        String mode = env.getProperty("ledger.security.mode", "local");
        if (!List.of("local", "oidc", "off").contains(mode)) {
            throw new io.hazardledger.InvalidInputException("ledger.security.mode", "must be local, oidc or off, "
                    + "not '" + mode + "'");
        }
        return mode;
    }

    private static void requireLoopback(Environment env) {
        String address = env.getProperty("server.address");
        boolean loopback;
        try {
            loopback = address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            throw new io.hazardledger.InvalidInputException("ledger.security.mode", "off opens every endpoint to "
                    + "anyone: it is allowed only with server.address set to a loopback address (127.0.0.1 or ::1), "
                    + "not " + (address == null ? "all addresses" : "'" + address + "'"));
        }
    }
}
