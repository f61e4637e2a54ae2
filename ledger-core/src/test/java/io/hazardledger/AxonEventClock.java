package io.hazardledger;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;

/**
 * Stamps the entries a test writes with the test's own clock: Axon's event clock ({@code GenericEventMessage.clock}),
 * which gives each entry its recorded time, is set to it before each test and given back after. Whether a submission
 * came before the end of its due date is judged on its recorded time, so a test on a clock of its own needs this.
 * Registered as {@code @RegisterExtension final AxonEventClock axonClock = new AxonEventClock(clock);}.
 */
public final class AxonEventClock implements BeforeEachCallback, AfterEachCallback {

    private final Clock clock;
    private Clock before;

    public AxonEventClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        GenericEventMessage.clock = before;
    }
}
