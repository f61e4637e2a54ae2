/**
 * The runnable server and command line: {@code ./ledger} (or {@code java -jar ledger-app.jar}) serves the REST API on
 * the embedded store; {@code --demo} also loads a demo park; subcommands ({@code verify}, {@code replay}) run against
 * the same configuration and exit.
 */
package io.hazardledger.app;
