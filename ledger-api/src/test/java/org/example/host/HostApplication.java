package org.example.host;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** An application of someone else's that adds ledger-api and has controllers of its own. */
@SpringBootApplication
public class HostApplication {

    @RestController
    static class HostController {
        @GetMapping("/host/boom")
        String boom() {
            throw new IllegalStateException("the host's own failure");
        }
    }
}
