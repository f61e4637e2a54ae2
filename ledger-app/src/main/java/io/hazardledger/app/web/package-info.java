/**
 * What the runnable server sets for the whole web application, which ledger-api leaves to an application that embeds
 * it: strict JSON and query parameters, problem+json from the error page and from Tomcat's own refusals.
 */
package io.hazardledger.app.web;
