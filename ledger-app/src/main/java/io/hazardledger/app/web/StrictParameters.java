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
 * milliseconds); a number, in a query or a path, is decimal digits (the interceptor). (A boolean is {@code true}
 * or {@code false}: {@link Problems}' binder.)
 */
@Configuration(proxyBeanMethods = false)
public class StrictParameters implements WebMvcConfigurer {

    /**
     * A query parameter the endpoint does not take is refused (400, naming it and those it takes) rather than ignored:
     * a misspelled {@code dryRun} ran a replay for real, an {@code asOf} on an endpoint without one answered with the
     * ledger as it is now. So is one given empty, which Spring would take as not given ({@code dryRun=}: false).
     */
    @Override
    public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
        registry.addInterceptor(new org.springframework.web.servlet.HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof org.springframework.web.method.HandlerMethod method
                        && method.getBeanType().getPackageName().startsWith("io.hazardledger.api")) {
                    java.util.Set<String> taken = queryParameters(method);
                    if (taken != null) {
                        for (Map.Entry<String, List<String>> p : query(request.getQueryString()).entrySet()) {
                            String name = p.getKey();
                            if (!taken.contains(name)) {
                                String shown = name.length() <= 64 && name.matches("[A-Za-z][A-Za-z0-9._-]*") ? name
                                        : "query";
                                throw new io.hazardledger.InvalidInputException(shown, "not a parameter of this "
                                        + "request (it takes " + (taken.isEmpty() ? "none" : String.join(", ",
                                        new java.util.TreeSet<>(taken))) + ")");
                            }
                            if (p.getValue().size() == 1 && p.getValue().get(0).isEmpty()) {
                                throw new io.hazardledger.InvalidInputException(name, "empty: give it a value, or "
                                        + "leave it out");
                            }
                        }
                    }
                    decimalNumbers(method, request);
                }
                return true;
            }
        }).addPathPatterns("/api/**");
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

    /**
     * A number in a query or a path is decimal digits: not {@code 0x55}, {@code #20} or {@code +5}, which Spring's own
     * conversion takes (it decodes numbers as Java's {@code Long.decode} does).
     */
    static void decimalNumbers(org.springframework.web.method.HandlerMethod method, HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> path = (Map<String, String>) request.getAttribute(
                org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        for (org.springframework.core.MethodParameter parameter : method.getMethodParameters()) {
            Class<?> type = parameter.getParameterType();
            if (type != Long.class && type != long.class && type != Integer.class && type != int.class) {
                continue;
            }
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            var param = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
            var variable = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
            String name = parameter.getParameterName();
            String value = null;
            if (param != null) {
                name = param.name().isEmpty() ? name : param.name();
                value = request.getParameter(name);
            } else if (variable != null) {
                name = variable.name().isEmpty() ? name : variable.name();
                value = path == null ? null : path.get(name);
            }
            if (value != null && !value.isEmpty() && !value.matches("-?[0-9]{1,19}")) {
                throw new io.hazardledger.InvalidInputException(name, "invalid value: a number is decimal digits");
            }
        }
    }

    /**
     * The query parameters a handler takes: its {@code @RequestParam}s, and the parameters of a simple type that name
     * no other source; null when it takes any (a map of them, or an object bound from them).
     */
    static java.util.Set<String> queryParameters(org.springframework.web.method.HandlerMethod method) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (org.springframework.core.MethodParameter parameter : method.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            var param = parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
            if (param != null) {
                if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                    return null;
                }
                names.add(!param.name().isEmpty() ? param.name() : parameter.getParameterName());
            } else if (parameter.getParameterAnnotations().length == 0) {
                Class<?> type = parameter.getParameterType();
                if (org.springframework.beans.BeanUtils.isSimpleProperty(type)) {
                    names.add(parameter.getParameterName());
                } else if (!type.getName().startsWith("jakarta.servlet")
                        && !type.getName().startsWith("org.springframework")
                        && !type.getName().startsWith("java.security")) {
                    return null;   // an object bound from the request's parameters
                }
            }
        }
        return names;
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, (Converter<String, Instant>) text ->
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from));
    }

    /**
     * Whether a JSON body declares a charset that is neither UTF-8 nor its subset US-ASCII (RFC 8259: JSON exchanged
     * between systems is UTF-8). Other media types, a header that does not parse and a charset Java does not know are
     * left to Spring, which answers 415 for those it cannot read.
     */
    static boolean jsonInAnotherCharset(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            org.springframework.http.MediaType type = org.springframework.http.MediaType.parseMediaType(contentType);
            java.nio.charset.Charset charset = type.getCharset();
            boolean json = type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
            return json && charset != null && !charset.equals(StandardCharsets.UTF_8)
                    && !charset.equals(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {   // InvalidMediaTypeException, an unknown or illegal charset
            return false;
        }
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> ledgerSingleValuedParameters() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                // a JSON body is UTF-8 (RFC 8259): another declared charset is refused, not decoded as it says into
                // text that the ledger would then store
                if (jsonInAnotherCharset(request.getContentType())) {
                    response.setStatus(415);
                    response.setContentType("application/problem+json");
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write(Problems.json(415, "unsupported-media-type", "Unsupported Media Type",
                            "a JSON body is UTF-8; the charset it declares is not accepted", null));
                    return;
                }
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
