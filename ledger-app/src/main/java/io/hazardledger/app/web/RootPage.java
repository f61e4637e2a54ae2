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

    private final String swaggerUi;

    public RootPage(@org.springframework.beans.factory.annotation.Value("${springdoc.swagger-ui.path:/swagger-ui.html}")
                    String swaggerUi) {
        this.swaggerUi = swaggerUi;
    }

    @GetMapping("/")
    public ResponseEntity<Void> root() {
        // under the server's context path, if it has one
        String to = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(swaggerUi).build().getPath();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, to).build();
    }
}
