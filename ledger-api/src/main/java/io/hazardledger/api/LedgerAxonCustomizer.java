package io.hazardledger.api;

import org.axonframework.config.Configurer;

import java.util.function.Consumer;

/**
 * A bean of this type customizes the ledger's Axon configuration before it is built (see
 * {@code Ledger.Builder#axon}): the server's optional Axon Server profile is one. The event store stays the chain.
 */
@FunctionalInterface
public interface LedgerAxonCustomizer extends Consumer<Configurer> {
}
