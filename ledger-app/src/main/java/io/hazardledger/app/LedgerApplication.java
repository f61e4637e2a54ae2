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
        String misplaced = Cli.misplacedCommand(args);
        if (misplaced != null) {
            System.err.println(misplaced);
            System.exit(2);
        }
        SpringApplication server = new SpringApplication(LedgerApplication.class);
        server.addListeners(new OrderedStop());
        if (Boolean.getBoolean(CLASS_DATA_TRAINING)) {
            server.setEnvironment(new TrainingEnvironment());
        }
        server.run(withDemoSigning(args));
    }

    /**
     * The system property that makes a start the build's training run for {@code ./ledger}'s class-data archive
     * (ledger-app/pom.xml): a server on a store of its own in the build's folder, stopped once its context is up.
     */
    static final String CLASS_DATA_TRAINING = "ledger.class-data-training";

    /**
     * The training run's settings: the packaged defaults, files in its folder and its arguments, never the environment
     * nor the JVM's properties of the shell that builds, which may point a server at a real store or key
     * ({@code SPRING_DATASOURCE_URL}, {@code LEDGER_LOG_KEY_FILE}).
     */
    static final class TrainingEnvironment extends org.springframework.core.env.StandardEnvironment {
        @Override
        protected void customizePropertySources(org.springframework.core.env.MutablePropertySources sources) {
            // neither the system environment nor the system properties
        }
    }

    /**
     * {@code --demo} is the explicit switch for demo signing too (the server then holds the demo people's keys) and
     * for the demo's clock ({@link DemoTime}: the park is loaded with weeks of history).
     */
    static String[] withDemoSigning(String[] args) {
        if (java.util.Arrays.asList(args).contains("--demo")) {
            java.util.List<String> more = new java.util.ArrayList<>(java.util.Arrays.asList(args));
            more.add("--ledger.demo-signing=true");
            more.add("--ledger.demo-clock=true");
            if (more.stream().noneMatch(a -> a.startsWith("--ledger.office.person="))) {
                more.add("--ledger.office.person=" + DemoPark.OFFICE);
            }
            return more.toArray(String[]::new);
        }
        return args;
    }

    /** The ledger's clock with {@code --demo}: the system clock, set back while the demo park loads. */
    @org.springframework.context.annotation.Bean("ledgerClock")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "ledger.demo-clock", havingValue = "true")
    DemoTime demoTime(@org.springframework.beans.factory.annotation.Value("${ledger.zone:Asia/Shanghai}") String zone) {
        return new DemoTime(io.hazardledger.api.LedgerAutoConfiguration.zone(zone));
    }

    /**
     * The local API tokens (ledger.security.mode=local), in the ledger's database, through the ledger's data source
     * (its writes commit one statement at a time, with no rollback of their own; any later one would be guarded on an
     * embedded H2 file); judged by the real time; each made or revoked forced to the disk as the ledger's own writes
     * are.
     */
    @org.springframework.context.annotation.Bean
    io.hazardledger.app.security.ApiTokens apiTokens(io.hazardledger.Ledger ledger) {
        return new io.hazardledger.app.security.ApiTokens(ledger.dataSource(), java.time.Clock.systemUTC(),
                ledger::forceCommittedWrites);
    }
}
