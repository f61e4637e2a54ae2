package io.hazardledger.api.support;

import io.hazardledger.ConcurrentWriteException;
import io.hazardledger.InvalidInputException;
import io.hazardledger.LedgerException;
import io.hazardledger.RuleViolationException;
import io.hazardledger.SignatureRefusedException;
import io.hazardledger.UnknownReferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.net.URI;
import java.util.stream.Collectors;

/**
 * The one place where refusals become RFC 9457 problem+json: a stable {@code type}, a human {@code detail},
 * a {@code code} naming the rule and, where there is one, the offending {@code field}. Internal exception
 * messages never reach the client.
 */
@RestControllerAdvice(basePackageClasses = io.hazardledger.api.LedgerAutoConfiguration.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class Problems extends ResponseEntityExceptionHandler {

    /** Problem types are {@code urn:hazard-ledger:problem:<code>}. */
    public static final String TYPE_PREFIX = "urn:hazard-ledger:problem:";

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    /** The problem code of a status without a rule of its own: its name ({@code method-not-allowed}), or http-NNN. */
    public static String codeFor(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "http-" + status : known.name().toLowerCase().replace('_', '-');
    }

    /**
     * A problem+json body, for the places that answer before Spring MVC can (filters, the error page, Tomcat's
     * valve); {@code field} may be null. Texts are escaped as JSON strings.
     */
    public static String json(int status, String code, String title, String detail, String field) {
        return json(status, code, title, detail, field, null);
    }

    /** As {@link #json(int, String, String, String, String)}, with the request's path as {@code instance}. */
    public static String json(int status, String code, String title, String detail, String field, String instance) {
        return "{\"type\":" + quoted(TYPE_PREFIX + code) + ",\"title\":" + quoted(title) + ",\"status\":" + status
                + ",\"detail\":" + quoted(detail) + (instance == null ? "" : ",\"instance\":" + quoted(instance))
                + ",\"code\":" + quoted(code) + (field == null ? "" : ",\"field\":" + quoted(field)) + "}";
    }

    /**
     * Writes a problem straight to a response, for refusals made before Spring MVC (filters, the security layer, the
     * error page): the status, {@code application/problem+json} in UTF-8, and {@link #json} with {@code instance}.
     */
    public static void write(jakarta.servlet.http.HttpServletResponse response, int status, String code, String title,
                             String detail, String field, String instance) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(java.nio.charset.StandardCharsets.UTF_8.name());
        response.getWriter().write(json(status, code, title, detail, field, instance));
    }

    /** A text the client sent, as a refusal repeats it: at most 100 characters. */
    public static String abbreviated(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage(), e.field());
    }

    @ExceptionHandler(UnknownReferenceException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownReferenceException e) {
        if (e.isTarget()) {   // the record the path names: not found, said without the command's member
            return problem(HttpStatus.NOT_FOUND, e.code(), "Unknown reference",
                    e.getMessage().substring(e.field().length() + 2), null);
        }
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.code(), "Unknown reference", e.getMessage(), e.field());
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> rule(RuleViolationException e) {
        return problem(HttpStatus.CONFLICT, e.code(), "Rule violation", e.getMessage(), e.field());
    }

    @ExceptionHandler(SignatureRefusedException.class)
    ResponseEntity<ProblemDetail> signature(SignatureRefusedException e) {
        HttpStatus status = "statement-replayed".equals(e.code()) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
        return problem(status, e.code(), "Signature refused", e.getMessage(), "signature");
    }

    @ExceptionHandler(io.hazardledger.IntegrityRefusalException.class)
    ResponseEntity<ProblemDetail> integrity(io.hazardledger.IntegrityRefusalException e) {
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.CONFLICT, e.code(), "The ledger does not verify",
                "the ledger does not verify from index " + e.index() + "; run verification for the details", null);
        r.getBody().setProperty("index", e.index());
        return r;
    }

    @ExceptionHandler(ConcurrentWriteException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrentWriteException e) {
        return problem(HttpStatus.CONFLICT, e.code(), "Concurrent write", e.getMessage(), null);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(io.hazardledger.api.access.ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(io.hazardledger.api.access.ForbiddenException e) {
        return problem(HttpStatus.FORBIDDEN, e.code(), "Forbidden", e.getMessage(), e.field());
    }

    @ExceptionHandler(LedgerException.class)
    ResponseEntity<ProblemDetail> other(LedgerException e) {
        return problem(HttpStatus.BAD_REQUEST, e.code(), "Refused", e.getMessage(), null);
    }

    /** A boolean query parameter is {@code true} or {@code false}, not {@code yes}, {@code 1} or {@code on}. */
    @org.springframework.web.bind.annotation.InitBinder
    void strictBooleans(org.springframework.web.bind.WebDataBinder binder) {
        java.beans.PropertyEditorSupport strict = new java.beans.PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                switch (text) {
                    case "true" -> setValue(Boolean.TRUE);
                    case "false" -> setValue(Boolean.FALSE);
                    default -> throw new IllegalArgumentException("not true or false");
                }
            }
        };
        binder.registerCustomEditor(Boolean.class, strict);
        binder.registerCustomEditor(boolean.class, strict);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                e.getName() + ": invalid value '" + e.getValue() + "'" + form(e.getRequiredType())
                        + plusAsSpace(e.getRequiredType(), e.getValue()), e.getName());
    }

    /**
     * A date-time whose offset's '+' came as a space: a '+' in a URL's query is read as a space, and the value said
     * back ({@code 2026-12-01T08:00:00 08:00}) does not show why it was refused.
     */
    private static String plusAsSpace(Class<?> type, Object value) {
        return type == java.time.Instant.class && value instanceof String s
                && s.matches(".*T[0-9:.]+ [0-9]{2}:[0-9]{2}")
                ? " (a '+' in a URL's query is read as a space: send the offset's '+' as %2B)" : "";
    }

    /** The form a value of this type takes, as the refusal of one not of it says it: "; a date, YYYY-MM-DD". */
    private static String form(Class<?> type) {
        if (isEnum(type)) {
            return "; " + oneOf(type);
        }
        if (type == java.time.LocalDate.class) {
            return "; a date, YYYY-MM-DD";
        }
        if (type == java.time.Instant.class) {
            return "; an RFC 3339 date-time with its offset, such as 2026-12-03T16:00:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "; true or false";
        }
        if (type == Integer.class || type == int.class) {   // with its range: a value of digits may be too large
            return "; a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "; a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == String.class) {
            return "; a string";
        }
        if (type != null && (java.util.Collection.class.isAssignableFrom(type) || type.isArray())) {
            return "; an array";
        }
        return "";
    }

    /**
     * The form the value that did not read should take, when the JSON reader says of what type it was (a request
     * body's member, or a signed request's): "; a date, YYYY-MM-DD"; else empty.
     */
    public static String formRead(JacksonException e) {
        return e instanceof tools.jackson.databind.exc.MismatchedInputException m ? form(m.getTargetType()) : "";
    }

    private static boolean isEnum(Class<?> type) {
        return type != null && type.isEnum();
    }

    /** An enum's values as a request gives them: "one of A, B, C". */
    private static String oneOf(Class<?> type) {
        return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", "));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return cast(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                e.getParameterName() + ": is required", e.getParameterName()));
    }

    /** The store failed under the request (unreachable, full, refusing): 503, for a client to try again later. */
    @ExceptionHandler(io.hazardledger.StorageFailureException.class)
    ResponseEntity<ProblemDetail> storage(io.hazardledger.StorageFailureException e) {
        log.error("the ledger's store failed", e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "storage-failure", "Storage failure",
                "the ledger's store failed under the request; nothing was acknowledged: try again later", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the server could not complete the request; nothing was acknowledged", null);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            return cast(problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", tooLarge.getMessage(), null));
        }
        if (cause instanceof InvalidInputException invalid) {
            return cast(invalid(invalid));
        }
        Throwable t = e.getCause();
        String field = t instanceof JacksonException je ? path(je) : null;
        boolean missing = field == null && e.getMessage() != null
                && e.getMessage().startsWith("Required request body is missing");
        String detail = missing ? "the request has no body, and this one needs one"
                : field == null ? "the request body is not valid JSON of the expected shape" + where(t)
                : field + ": missing, or not of the expected type or format";
        String form = field != null && t instanceof JacksonException je ? formRead(je) : "";
        if (!form.isEmpty()) {
            detail = field + ": not of the expected type or format" + form;
        }
        if (t instanceof tools.jackson.databind.exc.UnrecognizedPropertyException && field != null) {
            detail = field + ": not a property of this request";
        }
        if (t instanceof tools.jackson.databind.exc.InvalidFormatException f && field != null
                && isEnum(f.getTargetType())) {
            detail = field + ": '" + f.getValue() + "' is not " + oneOf(f.getTargetType());
        }
        if (t instanceof JacksonException je && je.getOriginalMessage() != null
                && je.getOriginalMessage().startsWith("Duplicate Object property")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]{1,64})\"").matcher(je.getOriginalMessage());
            detail = "the request body gives the key " + (m.find() ? "'" + m.group(1) + "' " : "") + "more than once";
        }
        return cast(problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", detail, field));
    }

    /** Where in the body's text the JSON reader stopped, for a body that is not JSON: " (line 1, byte 14 of it)". */
    private static String where(Throwable t) {
        if (t instanceof tools.jackson.core.exc.StreamReadException e && e.getLocation() != null
                && e.getLocation().getLineNr() > 0) {
            // the body is read as bytes: the column counts the line's bytes (a Chinese character is three)
            return " (line " + e.getLocation().getLineNr() + ", byte " + e.getLocation().getColumnNr() + " of it)";
        }
        return "";
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        boolean json = e.getSupportedMediaTypes().stream()
                .anyMatch(org.springframework.http.MediaType.APPLICATION_JSON::isCompatibleWith);
        // as the request gave it (Spring reads none as application/octet-stream, and one it cannot parse as none)
        String given = request.getHeader(HttpHeaders.CONTENT_TYPE);
        ResponseEntity<ProblemDetail> r = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Unsupported Media Type", (given == null ? "a body without a Content-Type"
                        : "Content-Type '" + abbreviated(given) + "'")
                        + " is not accepted here" + (json ? "; send JSON with Content-Type: application/json" : ""),
                null);
        return cast(ResponseEntity.status(r.getStatusCode()).headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(r.getBody()));
    }

    /** Where in the JSON read a problem arose, as a field: {@code coSigners[1].personId}; null at the top. */
    public static String path(JacksonException e) {
        return e.getPath().isEmpty() ? null : e.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        return withStableType(super.handleExceptionInternal(ex, body, headers, statusCode, request), statusCode);
    }

    /** Gives Spring's own problem details (405, 415, 404 ...) a stable type and code named after the status. */
    public static ResponseEntity<Object> withStableType(ResponseEntity<Object> response, HttpStatusCode statusCode) {
        if (response != null && response.getBody() instanceof ProblemDetail pd
                && (pd.getType() == null || "about:blank".equals(pd.getType().toString()))) {
            String code = codeFor(statusCode.value());
            pd.setType(URI.create(TYPE_PREFIX + code));
            pd.setProperty("code", code);
        }
        return response;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> r) {
        return (ResponseEntity) r;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String title, String detail, String field) {
        // a code is a URI's last segment: anything but lowercase letters, digits and hyphens becomes a hyphen, so that
        // a refusal never turns into a server error while its answer is made
        code = code == null ? "refused" : code.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setType(URI.create(TYPE_PREFIX + code));
        pd.setTitle(title);
        pd.setProperty("code", code);
        if (field != null) {
            pd.setProperty("field", field);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }
}
