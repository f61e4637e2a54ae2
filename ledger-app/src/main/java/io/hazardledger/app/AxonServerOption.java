package io.hazardledger.app;

import io.hazardledger.api.LedgerAxonCustomizer;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.ServerConnectorConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The optional Axon Server profile ({@code --spring.profiles.active=axon-server}, or
 * {@code ledger.axon-server.enabled=true}): commands and queries travel through Axon Server at
 * {@code ledger.axon-server.servers}, so that several servers route each aggregate's commands to one node. Events stay
 * in the ledger's chained store in the database: an event and its ledger entry commit in one transaction, which a
 * separate event store cannot join. Off by default: without it nothing of Axon Server is configured or contacted; never
 * in the command line's commands ({@code verify}, {@code backup} …), which must not take commands routed by Axon Server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.axon-server.enabled", havingValue = "true")
@ConditionalOnProperty(name = "ledger.command-line", havingValue = "false", matchIfMissing = true)
class AxonServerOption {

    @Bean
    LedgerAxonCustomizer axonServer(@Value("${ledger.axon-server.servers:localhost:8124}") String servers,
                                    @Value("${spring.application.name:hazard-ledger}") String component) {
        return configurer -> {
            new ServerConnectorConfigurerModule().configureModule(configurer);
            configurer.registerComponent(AxonServerConfiguration.class, c -> AxonServerConfiguration.builder()
                    .servers(servers).componentName(component).build());
        };
    }
}
