package io.hazardledger.app.web;

import io.hazardledger.api.support.Problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Query parameters are held to the same strictness as bodies: a parameter given twice is refused (400, naming it)
 * rather than one of its values picked; an instant is an RFC 3339 date-time with its offset (not a number of
 * milliseconds). (A boolean is {@code true} or {@code false}: {@link Problems}' binder.)
 */
@Configuration(proxyBeanMethods = false)
public class StrictParameters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, (Converter<String, Instant>) text ->
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from));
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ledgerSingleValuedParameters() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
                    if (p.getValue().length > 1) {
                        String name = p.getKey().length() <= 64 && p.getKey().matches("[A-Za-z][A-Za-z0-9]*")
                                ? p.getKey() : null;
                        response.setStatus(400);
                        response.setContentType("application/problem+json");
                        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                        response.getWriter().write(Problems.json(400, "invalid-input", "Invalid input",
                                (name == null ? "a parameter" : name) + ": given more than once", name));
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
