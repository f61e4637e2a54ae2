package io.hazardledger;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Fails a test during which the ledger took a connection while holding another that {@link NestedConnections} does
 * not allow (registered for every test of this module: {@code META-INF/services}).
 */
public final class NoNestedConnections implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> recorded = NestedConnections.takeRecorded();
        if (!recorded.isEmpty()) {
            throw new AssertionError("the ledger took a connection while holding another (" + recorded.size()
                    + " times); with a bounded pool its holders can exhaust it and wait for ever:\n"
                    + String.join("\n", recorded.stream().distinct().limit(5).toList()));
        }
    }
}
