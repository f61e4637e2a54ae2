/**
 * The REST facade of the ledger, for any Spring Boot application that adds this module: an auto-configuration
 * that builds the {@link io.hazardledger.Ledger} over the application's DataSource, controllers under
 * {@code /api/v1}, and one advice that answers every refusal as RFC 9457 {@code application/problem+json}.
 */
package io.hazardledger.api;
