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
import java.util.List;
import java.util.Map;

/**
 * Query parameters are held to the same strictness as bodies: a parameter given twice is refused (400, naming it)
 * rather than one of its values picked; an instant is an RFC 3339 date-time with its offset (not a number of
 * milliseconds); a number, in a query or a path, is decimal digits, and an enum's value has nothing around it (the
 * interceptor). (A boolean is {@code true}
 * or {@code false}: {@link Problems}' binder.)
 */
@Configuration(proxyBeanMethods = false)
public class StrictParameters implements WebMvcConfigurer {

    /**
     * A query parameter the endpoint does not take is refused (400, naming it and those it takes) rather than ignored:
     * a misspelled {@code dryRun} ran a replay for real, an {@code asOf} on an endpoint without one answered with the
     * ledger as it is now. So is one given empty, which Spring would take as not given ({@code dryRun=}: false), and a
     * number, in the query or the path, that is not decimal digits ({@code 0x55}, {@code #20}, {@code +5}, which
     * Spring's own conversion decodes as {@code Long.decode} does).
     */
    @Override
    public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
        registry.addInterceptor(new org.springframework.web.servlet.HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof org.springframework.web.method.HandlerMethod method
                        && method.getBeanType().getPackageName().startsWith("io.hazardledger.api")) {
                    Taken taken = TAKEN.computeIfAbsent(method.getMethod(), m -> Taken.of(method));
                    for (Map.Entry<String, List<String>> p : query(request.getQueryString()).entrySet()) {
                        String name = p.getKey();
                        if (taken.query() != null && !taken.query().contains(name)) {
                            String shown = name.length() <= 64 && name.matches("[A-Za-z][A-Za-z0-9._-]*") ? name
                                    : "query";
                            throw new io.hazardledger.InvalidInputException(shown, "not a parameter of this request "
                                    + "(it takes " + (taken.query().isEmpty() ? "none" : String.join(", ",
                                    new java.util.TreeSet<>(taken.query()))) + ")");
                        }
                        for (String value : p.getValue()) {
                            if (value.isBlank()) {   // Spring would take " " as not given, as it takes ""
                                throw new io.hazardledger.InvalidInputException(name, (value.isEmpty() ? "empty"
                                        : "white space only") + ": give it a value, or leave it out");
                            }
                            decimal(name, value, taken.numbers());
                            if (taken.enums().contains(name) && !value.equals(value.trim())) {
                                // Spring's conversion to an enum trims the text, taking MAJOR%01 for MAJOR
                                throw new io.hazardledger.InvalidInputException(name, "invalid value: white space or "
                                        + "a control character around it");
                            }
                        }
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, String> path = (Map<String, String>) request.getAttribute(
                            org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
                    if (path != null) {
                        path.forEach((name, value) -> {
                            decimal(name, value, taken.pathNumbers());
                            if (name.endsWith("Id") && !taken.pathNumbers().contains(name)) {
                                // an id in the path is held to what an id is, as in a body (400 naming it): not
                                // looked up, nor said back in a 404 as sent (5,000 characters, an escape sequence,
                                // a right-to-left override)
                                io.hazardledger.internal.Checks.id(name, value);
                            }
                        });
                    }
                }
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    private static void decimal(String name, String value, java.util.Set<String> numbers) {
        // up to 40 digits pass: the conversion then says the range of the number's type
        if (numbers.contains(name) && !value.matches("-?[0-9]{1,40}")) {
            throw new io.hazardledger.InvalidInputException(name, value.matches("-?[0-9]+")
                    ? "invalid value: more digits than a number holds" : "invalid value: a number is decimal digits");
        }
    }

    /** What each handler takes, worked out once a handler method rather than on every request. */
    private static final Map<java.lang.reflect.Method, Taken> TAKEN = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What a handler takes from the request's query and path.
     *
     * @param query       the query parameters it takes: its {@code @RequestParam}s, and its parameters of a simple
     *                    type that name no other source; null when it takes any (a map of them, or an object bound
     *                    from them)
     * @param numbers     of those, the ones of a number type
     * @param pathNumbers its path variables of a number type
     */
    record Taken(java.util.Set<String> query, java.util.Set<String> numbers, java.util.Set<String> pathNumbers,
                 java.util.Set<String> enums) {

        static Taken of(org.springframework.web.method.HandlerMethod method) {
            java.util.Set<String> query = new java.util.HashSet<>();
            java.util.Set<String> numbers = new java.util.HashSet<>();
            java.util.Set<String> pathNumbers = new java.util.HashSet<>();
            java.util.Set<String> enums = new java.util.HashSet<>();
            boolean any = false;
            for (org.springframework.core.MethodParameter parameter : method.getMethodParameters()) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                Class<?> type = parameter.getParameterType();
                boolean number = type == Long.class || type == long.class || type == Integer.class
                        || type == int.class;
                var param = parameter.getParameterAnnotation(
                        org.springframework.web.bind.annotation.RequestParam.class);
                var variable = parameter.getParameterAnnotation(
                        org.springframework.web.bind.annotation.PathVariable.class);
                if (param != null) {
                    any |= Map.class.isAssignableFrom(type);
                    String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
                    query.add(name);
                    if (number) {
                        numbers.add(name);
                    }
                    if (type.isEnum()) {
                        enums.add(name);
                    }
                } else if (variable != null) {
                    if (number) {
                        pathNumbers.add(variable.name().isEmpty() ? parameter.getParameterName() : variable.name());
                    }
                } else if (parameter.getParameterAnnotations().length == 0) {
                    if (org.springframework.beans.BeanUtils.isSimpleProperty(type)) {
                        query.add(parameter.getParameterName());
                        if (number) {
                            numbers.add(parameter.getParameterName());
                        }
                        if (type.isEnum()) {
                            enums.add(parameter.getParameterName());
                        }
                    } else if (!type.getName().startsWith("jakarta.servlet")
                            && !type.getName().startsWith("org.springframework")
                            && !type.getName().startsWith("java.security")) {
                        any = true;   // an object bound from the request's parameters
                    }
                }
            }
            return new Taken(any ? null : java.util.Set.copyOf(query), java.util.Set.copyOf(numbers),
                    java.util.Set.copyOf(pathNumbers), java.util.Set.copyOf(enums));
        }
    }

    /**
     * The parameters of a query string, decoded, each with its values in order (a form body's fields are not query
     * parameters: the request's media type answers for those).
     */
    static Map<String, List<String>> query(String queryString) {
        Map<String, List<String>> parameters = new java.util.LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return parameters;
        }
        for (String pair : queryString.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;   // a malformed escape: the name as written
        }
    }

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
                // the query's parameters only: a form body's fields are not read here (which would consume the
                // body), and its media type is refused by the handler that takes JSON
                for (Map.Entry<String, List<String>> p : query(request.getQueryString()).entrySet()) {
                    if (p.getValue().size() > 1) {
                        String name = p.getKey().length() <= 64 && p.getKey().matches("[A-Za-z][A-Za-z0-9]*")
                                ? p.getKey() : null;
                        Problems.write(response, 400, "invalid-input", "Invalid input",
                                (name == null ? "a parameter" : name) + ": given more than once", name,
                                request.getRequestURI());
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/api/*");
        // a parameter given twice is refused before the body is read (the API's body filter comes after)
        registration.setOrder(io.hazardledger.api.LedgerAutoConfiguration.BODY_FILTER_ORDER - 1);
        return registration;
    }
}
