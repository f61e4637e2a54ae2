package io.hazardledger.api;

import io.hazardledger.Ledger;
import io.hazardledger.api.operations.LedgerHealthIndicator;
import io.hazardledger.api.operations.LedgerMetrics;
import io.hazardledger.api.support.BodySizeLimitFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;

import javax.sql.DataSource;
import io.hazardledger.integrity.sig.StatementSigner;

import java.nio.file.Path;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Builds the ledger over the application's DataSource, through the same {@link Ledger#builder()} that
 * embedding applications use, so the server and the library are wired one way only. Ordered after Boot's
 * DataSource configuration.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ComponentScan(basePackageClasses = LedgerAutoConfiguration.class)
public class LedgerAutoConfiguration {

    /**
     * Before any key file is read or made: a store that a newer version wrote is refused, and a command (which opens
     * the store without migrating it: it changes nothing the user did not ask for) or a server started with
     * {@code ledger.migrate=false} refuses one that is not at this version's schema, with what to do in their terms,
     * before any of its tables is read as this version's.
     */
    static void refuseAStoreItCannotRead(DataSource dataSource, boolean migrate, boolean commandLine) {
        try {
            Ledger.refuseAStoreItCannotRead(dataSource, migrate);
        } catch (io.hazardledger.StoreSchemaException e) {
            if (e.newer()) {
                throw e;
            }
            String advice = !commandLine
                    ? ": ledger.migrate=false keeps this server from migrating it; start it once without that setting "
                            + "(it migrates the store, or says why it cannot)"
                    : e.code().equals("schema-older")
                    ? ": a command does not migrate a store; start this version's server on it once (it migrates the "
                            + "store), then run the command again"
                    : ": a command does not migrate a store; start this version's server on it (it migrates the "
                            + "store, or says why it cannot), then run the command again";
            io.hazardledger.StoreSchemaException said = new io.hazardledger.StoreSchemaException(e.code(),
                    e.finding(), advice, e.storeVersion(), e.ledgerVersion());
            said.addSuppressed(e);   // not its cause: a command prints the root cause's message
            throw said;
        }
    }

    private static void notNegative(String setting, Duration value, String zero) {
        if (value.isNegative()) {
            throw new io.hazardledger.InvalidInputException(setting, "must not be negative, not " + value
                    + " (" + zero + ")");
        }
    }

    /** How many of a log's latest stored checkpoints are read to find one its keys signed. */
    static final int CHECKPOINTS_READ = 1000;

    /**
     * The signed notes of the latest checkpoints (at most {@link #CHECKPOINTS_READ}) the store holds for this origin,
     * newest first: none when its schema has no checkpoint table yet, or none is stored.
     */
    static List<String> storedCheckpointsOf(DataSource dataSource, String origin) {
        List<String> notes = new java.util.ArrayList<>();
        try (java.sql.Connection c = dataSource.getConnection()) {
            boolean found = false;
            try (java.sql.ResultSet tables = c.getMetaData().getTables(null, c.getSchema(), null,
                    new String[] {"TABLE"})) {
                while (tables.next()) {
                    found |= tables.getString("TABLE_NAME").equalsIgnoreCase("checkpoint");
                }
            }
            if (!found) {
                return notes;
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT note FROM checkpoint ORDER BY tree_size DESC")) {
                ps.setFetchSize(100);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (notes.size() < CHECKPOINTS_READ && rs.next()) {
                        String note = rs.getString(1);
                        if (note != null && note.startsWith(origin + "\n")) {
                            notes.add(note);
                        }
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            return List.of();   // a store the ledger cannot read says so when it is built
        }
        return notes;
    }

    /** Whether one of the keys signed one of the notes (of {@code origin}). */
    static boolean signedOneOf(List<String> notes, List<StatementSigner> keys, String origin) {
        List<String> verifierKeys = keys.stream()
                .map(k -> new io.hazardledger.integrity.note.NoteSigner(origin, k).verifierKey()).toList();
        for (String note : notes) {
            try {
                io.hazardledger.integrity.note.Checkpoint.verified(note, verifierKeys);
                return true;
            } catch (io.hazardledger.integrity.sig.InvalidSignatureException | RuntimeException notThisKeys) {
                // the next
            }
        }
        return false;
    }

    /**
     * A log's checkpoints are signed by its keys. A server never makes a new key for a log that has checkpoints (its
     * next ones would be signed as another's: a server started from another folder, a store restored without its
     * key), unless a key rotated out ({@code ledger.log.additional-key-files}) signed them, as in a rotation; nor
     * signs on with keys none of which signed them (a key file from elsewhere). Said before any key is made.
     */
    static void refuseAnotherLogsKeys(List<String> signedBefore, String keyFile, List<StatementSigner> additional,
                                      String origin) {
        if (signedBefore.isEmpty()) {
            return;
        }
        boolean exists = java.nio.file.Files.exists(Path.of(keyFile));
        if (!exists && signedOneOf(signedBefore, additional, origin)) {
            return;   // a rotation: the new key is made, the one rotated out signed the log's checkpoints
        }
        if (!exists) {
            throw new io.hazardledger.InvalidInputException("ledger.log.key-file", keyFile + " does not exist, but "
                    + "the store holds checkpoints of the log " + origin + ": a new key would sign that log's next "
                    + "ones as another's. Point ledger.log.key-file at the log's key (a restored store: the key kept "
                    + "beside its backup; a server started from another folder: the one of the first; a rotation: the "
                    + "key rotated out in ledger.log.additional-key-files), or start a new log on this store with a "
                    + "key and an origin of its own (ledger.log.origin); no key was made");
        }
        List<StatementSigner> keys = new java.util.ArrayList<>(additional);
        keys.add(0, CheckpointKey.load(Path.of(keyFile), false));
        if (!signedOneOf(signedBefore, keys, origin)) {
            throw new io.hazardledger.InvalidInputException("ledger.log.key-file", keyFile + " ("
                    + new io.hazardledger.integrity.note.NoteSigner(origin, keys.get(0)).verifierKey() + ") signed "
                    + "none of the latest " + signedBefore.size() + " checkpoints the store holds of the log " + origin
                    + ": it is another log's key. Point ledger.log.key-file at this log's key (a key rotated out goes "
                    + "in ledger.log.additional-key-files), or start a new log on this store with an origin of its "
                    + "own (ledger.log.origin); nothing was signed");
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnBean(DataSource.class)
    public Ledger ledger(DataSource dataSource,
                         @Value("${ledger.zone:Asia/Shanghai}") String zone,
                         @Value("${ledger.migrate:true}") boolean migrate,
                         @Value("${ledger.require-signatures:true}") boolean requireSignatures,
                         @Value("${ledger.demo-signing:false}") boolean demoSigning,
                         @Value("${ledger.log.origin:hazard-ledger.local/ledger}") String origin,
                         @Value("${ledger.log.key-file:./data/log-key.pem}") String keyFile,
                         @Value("${ledger.log.checkpoint-interval:10s}") Duration interval,
                         @Value("${ledger.log.additional-key-files:}") List<String> additionalKeyFiles,
                         @Value("${ledger.log.witnesses:}") List<String> witnesses,
                         @Value("${ledger.log.tsa-url:}") String tsaUrl,
                         @Value("${ledger.log.tsa-certificate:}") String tsaCertificate,
                         @Value("${ledger.deadlines.polling:5s}") Duration deadlinePolling,
                         @Value("${ledger.store.group-commit:32}") int groupCommit,
                         @Value("${ledger.store.group-commit-gathering:#{null}}") Duration groupGathering,
                         @Value("${ledger.command-line:false}") boolean commandLine,
                         @Value("${ledger.command-line.office-key:false}") boolean commandSignsAsOffice,
                         @Value("${ledger.reports.weekly.schedule:true}") boolean weeklySchedule,
                         @Value("${ledger.escalation.steps:NOTICE_LETTER:P0D,CIRCULAR:P7D,SUMMONS:P14D,PUBLIC_EXPOSURE:P30D}")
                         String escalationSteps,
                         @Value("${ledger.rectification.due-date-horizon:P1Y}") String dueDateHorizon,
                         @Value("${ledger.grading.review-interval:1m}") Duration gradeReview,
                         @Value("${ledger.grading.points:}") String gradingPoints,
                         @Value("${ledger.grading.sector-points:}") String gradingSectorPoints,
                         @Value("${ledger.grading.thresholds:}") String gradingThresholds,
                         @Value("${ledger.office.person:}") String officePerson,
                         @Value("${ledger.office.key-file:./data/office-key.pem}") String officeKeyFile,
                         @Value("${ledger.office.sealing-key-file:./data/office-sealing-key.pem}") String sealingKeyFile,
                         @Value("${ledger.office.earlier-sealing-key-files:}") String earlierSealingKeyFiles,
                         @org.springframework.beans.factory.annotation.Qualifier("ledgerClock")
                         org.springframework.beans.factory.ObjectProvider<Clock> clock,
                         org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters,
                         org.springframework.beans.factory.ObjectProvider<LedgerAxonCustomizer> axonCustomizers) {
        // the settings' own bounds, before anything is read or written (a key made, a store migrated)
        notNegative("ledger.log.checkpoint-interval", interval, "0s: no checkpoint made on a timer");
        notNegative("ledger.deadlines.polling", deadlinePolling, "0s: this server runs no deadlines");
        notNegative("ledger.grading.review-interval", gradeReview, "0s: this server reviews no grades");
        if (groupGathering != null) {
            notNegative("ledger.store.group-commit-gathering", groupGathering, "0s: no gathering");
        }
        if (groupCommit < 1) {
            throw new io.hazardledger.InvalidInputException("ledger.store.group-commit", "must be 1 or more (1: each "
                    + "command committed alone), not " + groupCommit);
        }
        refuseAStoreItCannotRead(dataSource, migrate, commandLine);
        Ledger.Builder builder = Ledger.builder()
                .dataSource(dataSource)
                .clock(clock.getIfAvailable(() -> Clock.system(zone(zone))))
                .migrate(migrate)
                .requireSignatures(requireSignatures)
                .demoSigning(demoSigning)
                .groupCommit(groupCommit)
                .escalation(io.hazardledger.hazard.EscalationLadder.parse(escalationSteps))
                .dueDateHorizon(io.hazardledger.hazard.DueDateHorizon.parse(dueDateHorizon))
                .grading(io.hazardledger.supervision.GradingRules.parse(gradingPoints, gradingSectorPoints,
                        gradingThresholds));
        if (groupGathering != null) {
            builder.groupCommitGathering(groupGathering);
        }
        if (!deadlinePolling.isZero() && !commandLine) {   // a command-line run never takes a deadline's act
            builder.runDeadlines(deadlinePolling);
            if (!gradeReview.isZero() && !officePerson.isBlank()) {
                // nor records a grade (the review is a deadline task); a server that cannot sign for the office
                // leaves the review to one that can
                builder.reviewGrades(gradeReview);
            }
        } else if (deadlinePolling.isZero() && !commandLine) {
            org.slf4j.LoggerFactory.getLogger(LedgerAutoConfiguration.class).info("this server runs no deadlines "
                    + "(ledger.deadlines.polling=0s): due dates, escalation steps, grade reviews and weekly reports "
                    + "wait for a server that does");
        }
        // the log's keys, before any key is made: a server never signs a log's checkpoints with another's
        List<StatementSigner> additionalKeys = new java.util.ArrayList<>();
        for (String extra : additionalKeyFiles) {
            if (!extra.isBlank()) {
                additionalKeys.add(CheckpointKey.existing(Path.of(extra.strip())));
            }
        }
        if (migrate && !commandLine) {
            // (a command makes no key, and reads a ledger whose key file is missing or another's: verify then says
            // that its checkpoints are not compared, or not this log's; export refuses to sign with another's)
            refuseAnotherLogsKeys(storedCheckpointsOf(dataSource, origin), keyFile, additionalKeys, origin);
        }
        // a command reads the office's signing key only to list it as it registers the office's account (person
        // add): an auditor's verify or export needs no right to read it
        StatementSigner officeKey = officePerson.isBlank() || commandLine && !commandSignsAsOffice ? null
                : CheckpointKey.load("ledger.office.key-file", Path.of(officeKeyFile), migrate);
        if (officeKey != null) {
            // generated on first start like the checkpoint key; OfficeKeyRegistration lists it under the office
            builder.office(officePerson.strip(), officeKey);
        }
        if (!commandLine) {
            // no command seals or reveals an identity: an auditor's verify needs no right to read the office's keys
            io.hazardledger.whistleblower.SealingKey sealingKey = CheckpointKey.sealingKey(Path.of(sealingKeyFile),
                    migrate);
            if (sealingKey != null) {
                builder.sealingKey(sealingKey);
            }
            builder.earlierSealingKeys(CheckpointKey.earlierSealingKeys(earlierSealingKeyFiles));
        }
        List<LedgerAxonCustomizer> customizers = axonCustomizers.orderedStream().toList();
        if (!customizers.isEmpty()) {
            builder.axon(configurer -> customizers.forEach(c -> c.accept(configurer)));
        }
        io.micrometer.core.instrument.MeterRegistry registry = meters.getIfAvailable();
        LedgerMetrics metrics = registry == null ? null : new LedgerMetrics(registry);
        if (metrics != null) {
            builder.writeObserver(metrics);
        }
        StatementSigner key = CheckpointKey.load(Path.of(keyFile), migrate);
        if (key != null) {
            List<StatementSigner> keys = new java.util.ArrayList<>(List.of(key));
            keys.addAll(additionalKeys);
            builder.checkpoints(keys, origin, interval)
                    .witnesses(witnesses.stream().map(String::strip).filter(w -> !w.isEmpty()).toList());
            if (!tsaUrl.isBlank() || !tsaCertificate.isBlank()) {
                if (tsaUrl.isBlank() || tsaCertificate.isBlank()) {
                    throw new IllegalStateException("ledger.log.tsa-url and ledger.log.tsa-certificate go together");
                }
                builder.checkpointTimestamps(new io.hazardledger.integrity.tsa.TimestampClient(
                        java.net.URI.create(tsaUrl), Duration.ofSeconds(30)), CheckpointKey.certificate(Path.of(tsaCertificate)));
            }
        }
        if (weeklySchedule && key != null && !deadlinePolling.isZero() && !commandLine) {
            // made by the deadlines' scheduler (one node), naming a signed checkpoint: never from the command line
            builder.scheduleWeeklyReports();
        }
        Ledger ledger = builder.build();
        if (metrics != null) {
            metrics.bind(ledger, Clock.systemUTC());
        }
        return ledger;
    }

    /** The {@code ledger} health component: the chain head and the latest checkpoint (readiness includes it). */
    @Bean
    @ConditionalOnBean(Ledger.class)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(
            name = "org.springframework.boot.health.contributor.HealthIndicator")
    public LedgerHealthIndicator ledgerHealthIndicator(Ledger ledger) {
        return new LedgerHealthIndicator(ledger, Clock.systemUTC());
    }

    /**
     * Once the server is ready, its pending deadlines compared with the scheduler's rows and any that no row serves set
     * again (when the ledger runs the deadlines; {@code ledger.deadlines.check-at-start=false} leaves it out).
     */
    @Bean
    @ConditionalOnBean(Ledger.class)
    @ConditionalOnMissingBean
    public io.hazardledger.api.operations.DeadlinesAtStart ledgerDeadlinesAtStart(Ledger ledger,
            @Value("${ledger.deadlines.check-at-start:true}") boolean checkAtStart) {
        return new io.hazardledger.api.operations.DeadlinesAtStart(ledger, checkAtStart && ledger.runsDeadlines());
    }

    /** Without a caller of the host's own (the runnable server supplies one from its authentication), none is limited. */
    @Bean
    @ConditionalOnMissingBean(io.hazardledger.api.access.Caller.class)
    public io.hazardledger.api.access.Caller ledgerCaller() {
        return io.hazardledger.api.access.Caller.UNRESTRICTED;
    }

    /**
     * Where the body's filter (size, charset, UTF-8) runs: after Spring Security's chain (-100), so that a request
     * without an account is refused before its body is read, and at a fixed place that an application's own filters
     * can be put before or after.
     */
    public static final int BODY_FILTER_ORDER = 0;

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> ledgerBodySizeLimit(
            @Value("${ledger.api.max-body-bytes:1048576}") long maxBodyBytes) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(maxBodyBytes));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(BODY_FILTER_ORDER);
        return registration;
    }

    /** The park's time zone, {@code ledger.zone}: a region or an offset; any other text refused naming the setting. */
    public static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone.strip());
        } catch (java.time.DateTimeException e) {
            throw new io.hazardledger.InvalidInputException("ledger.zone", "'" + zone + "' is not a time zone: give a"
                    + " region such as Asia/Shanghai, or an offset such as +08:00");
        }
    }
}
