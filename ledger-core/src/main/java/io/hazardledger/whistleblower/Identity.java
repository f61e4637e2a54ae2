package io.hazardledger.whistleblower;

import io.hazardledger.internal.Checks;

/**
 * Who filed a whistleblower report and how to reach them: sealed before it is stored, never printed ({@link
 * #toString()} shows neither), and the messages of its checks never quote it.
 */
public record Identity(String name, String contact) {

    public Identity {
        Checks.text("identity.name", name, 200);
        Checks.text("identity.contact", contact, 500);
    }

    @Override
    public String toString() {
        return "Identity[sealed]";
    }
}
