package io.hazardledger.app;

import io.hazardledger.api.support.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The server owns every path, so errors that reach no controller (an unknown path, a method a path does not
 * take) are problem+json too. ledger-api's own advice covers its controllers only, to leave embedding
 * applications' error handling alone.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ServerProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        return Problems.withStableType(super.handleExceptionInternal(ex, body, headers, statusCode, request), statusCode);
    }
}
