package io.hazardledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: a subcommand runs and exits; anything else starts the server with Spring Boot's arguments. */
@SpringBootApplication
public class LedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker is never loaded by the library; this keeps it off for anything else on the path.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        if (Cli.isCommand(args)) {
            System.exit(Cli.run(args, System.out, System.err));
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
