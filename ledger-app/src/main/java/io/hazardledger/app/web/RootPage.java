package io.hazardledger.app.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server's own address, opened in a browser by someone new to it, leads to the API's description (Swagger UI,
 * public as the description is) rather than to a 401 for an address where nothing is.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden   // not part of the API it leads to
public class RootPage {

    @GetMapping("/")
    public ResponseEntity<Void> root() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/swagger-ui.html").build();
    }
}
