/**
 * Who is calling, as the controllers need it: the acting person (writes must name the caller as their actor and
 * signer) and the one enterprise an enterprise's staff may see. The runnable server supplies a {@link Caller} from
 * its authentication; an application that embeds the API without one gets {@link Caller#UNRESTRICTED} (its own
 * security decides) and may supply its own.
 */
package io.hazardledger.api.access;
