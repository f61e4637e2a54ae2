package io.hazardledger;

/**
 * A signed statement was refused: bad signature, unknown/revoked/not-yet-valid key, signer not the acting person,
 * statement not matching the command, or already used. Nothing was stored.
 */
public class SignatureRefusedException extends LedgerException {
    public SignatureRefusedException(String code, String message) {
        super(code, message);
    }
}
