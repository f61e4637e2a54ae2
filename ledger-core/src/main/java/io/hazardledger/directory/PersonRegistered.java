package io.hazardledger.directory;

import java.util.List;

/** Roles are kept sorted so that the stored event, and so the ledger entry, does not depend on set order. */
public record PersonRegistered(String personId, String name, String enterpriseId, List<Role> roles) {
}
