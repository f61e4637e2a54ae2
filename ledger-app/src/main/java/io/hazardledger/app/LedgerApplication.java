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
        SpringApplication.run(LedgerApplication.class, withDemoSigning(args));
    }

    /** {@code --demo} is the explicit switch for demo signing too: the server then holds the demo people's keys. */
    static String[] withDemoSigning(String[] args) {
        if (java.util.Arrays.asList(args).contains("--demo")) {
            String[] more = java.util.Arrays.copyOf(args, args.length + 1);
            more[args.length] = "--ledger.demo-signing=true";
            return more;
        }
        return args;
    }
}
