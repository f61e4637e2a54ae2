package io.hazardledger.app.web;

import io.hazardledger.api.support.Problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * The error page (in place of Spring Boot's "Whitelabel" page and its JSON): what the servlet container refuses after
 * the request was read (a method it does not allow, such as TRACE; a malformed chunked body) is answered with RFC
 * 9457 problem+json whatever the Accept header asks for, naming nothing internal. Asked for directly, the page
 * does not exist (404).
 */
@Controller
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 && i < 600 ? i : 404;
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 400 -> "the request could not be read";
            case 404 -> "there is nothing at this address";
            case 405 -> "this method is not allowed here";
            default -> status >= 500 ? "the server could not complete the request; nothing was acknowledged"
                    : "the request was refused (" + title + ")";
        };
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problems.write(response, status, Problems.codeFor(status), title, detail, null,
                path instanceof String p ? p : request.getRequestURI());
    }
}
