/**
 * Who may call the server, and what each role may do (issue 8; docs/SECURITY.md). Every caller is a person of the
 * ledger's directory: a local API token ({@link io.hazardledger.app.security.ApiTokens}, made by
 * {@code ledger token create}) or an OpenID Connect bearer token names the person, and their roles and
 * enterprise are read from the directory at each request. {@link io.hazardledger.app.security.AccessPolicy} is the
 * one table of which roles may call which endpoint; the controllers (through ledger-api's {@code Access}) keep
 * enterprise staff inside their own enterprise and require a write's actor and signer to be the caller.
 */
package io.hazardledger.app.security;
