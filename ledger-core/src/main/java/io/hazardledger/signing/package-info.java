/**
 * Who signed what: the acts that must carry a signed statement by the acting person, the checks made at write
 * time (key valid at the claimed time, signer is the actor, statement matches the command and the aggregate's
 * previous entry, not used before), and the accountability trails.
 */
package io.hazardledger.signing;
